"""Development settings: the embedded default for a first run on a laptop."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DATA_DIR, SECRET_KEY, env, require_secret_key

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = require_secret_key(SECRET_KEY, debug=DEBUG)
ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]

DATA_DIR.mkdir(parents=True, exist_ok=True)

# The local-memory cache is per process: fine for one runserver and for tests; production uses Redis.
SILENCED_SYSTEM_CHECKS = ["axes.W001"]
