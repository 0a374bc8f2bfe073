"""Test settings: the development defaults, made fast and hermetic."""

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests control the language explicitly; never let the host's locale leak in.
LANGUAGE_CODE = "en"
WAGTAILEMBEDS_FINDERS = []  # never reach out to oEmbed providers from tests
WHITENOISE_AUTOREFRESH = True  # static files come from the apps; nothing is collected
# Most tests are about something else than pre-moderating newcomers; the
# moderation tests switch these on where they test them.
MODERATION_FIRST_POSTS_HELD = 0
MODERATION_LINK_MIN_APPROVED_POSTS = 0
# The live server's threads must not keep connections open past a request, or
# PostgreSQL refuses to drop the test database at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Tests run tasks in-process even when a broker is configured (CI's PostgreSQL
# run): only tests/integration sends tasks to the real worker, explicitly.
CELERY_TASK_ALWAYS_EAGER = True
# Throttles are tested on their own (tests/api/test_api_basics.py); elsewhere they would
# only count requests across tests.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"writes": "100000/min", "login": "100000/min", "screening_preview": "100000/min"}}  # noqa: F405
