"""Settings shared by every environment, read from environment variables.

Only the environment decides where data lives and which services are used, so
the same code runs the embedded default (SQLite, eager Celery) and production
(PostgreSQL, Redis, Celery workers) unchanged.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

# Local state of the embedded default (SQLite file, uploaded media).
DATA_DIR = Path(env.str("DATA_DIR", default=str(BASE_DIR / "data")))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Only ever used when DEBUG is on and no SECRET_KEY is given (see require_secret_key).
DEVELOPMENT_SECRET_KEY = "development-only-key-never-used-in-production-7f3a9c1e5b"


def require_secret_key(secret_key: str, *, debug: bool) -> str:
    """Return the key to use; refuse to start without a real one unless debugging."""
    if secret_key:
        return secret_key
    if debug:
        return DEVELOPMENT_SECRET_KEY
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
        "(a development default is only used when DEBUG is on)."
    )


INSTALLED_APPS = [
    # Project apps first, so their templates override Wagtail's.
    "community",
    "community.outbox",
    "moderation",
    "api",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    # Translated CMS pages (information pages, updates, spaces' introductions, home, privacy
    # and rules); its locales app replaces wagtail.locales. Community data is never translated.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "community.apps.CommunityUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",  # kept for its migrations; API tokens are knox's now
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "notifications",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.security.ContentSecurityPolicyMiddleware",
    "cms.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the database (sessions included): a writing client reads its writes.
    "cms.db_router.ReadYourWritesMiddleware",
    # The Wagtail site for the host, from the shared cache (a query on every request otherwise).
    "cms.site_cache.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: a signed-in member's own language wins over the cookie.
    "community.middleware.PreferredLanguageMiddleware",
    # /da/..., /sv/...: the address's language wins over the account's; its links keep the prefix.
    "cms.language_urls.LanguagePrefixMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.htmx: buttons enhanced with htmx get a page fragment back instead of a redirect.
    "django_htmx.middleware.HtmxMiddleware",
    # A suspended member's open sessions end at their next request (after messages, to say why).
    "moderation.middleware.SuspensionMiddleware",
    # Anonymous visitors only, so after authentication, language and messages (cms/page_cache.py).
    "cms.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out log-in into cms.lockout's answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_chrome",
                "moderation.context_processors.moderation_chrome",
                "community.context_processors.notifications_badge",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Content-Security-Policy (django-csp; cms/security.py relaxes it for Wagtail's admin
# and the API docs). Embedded videos may come from CSP_FRAME_SRC (comma-separated origins).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [
            SELF,
            *env.list(
                "CSP_FRAME_SRC",
                default=["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
            ),
        ],
        "frame-ancestors": [SELF],  # Wagtail's preview shows pages inside the admin
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
SECURE_REFERRER_POLICY = "same-origin"

# Database: DATABASE_URL, or an SQLite file in the local data folder.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock at BEGIN so concurrent requests wait instead of
    # failing with "database is locked" half-way through a transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Read replica (optional): DATABASE_REPLICA_URL points at a streaming replica of the
# primary. Reads go there except inside transactions and for a client that has just
# written (cms/db_router.py: read-your-writes for REPLICA_PIN_SECONDS after a write).
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=10)
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {**DATABASES["default"], **env.db_url("DATABASE_REPLICA_URL")}
    # Tests run against one database: the replica mirrors it rather than getting its own.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["cms.db_router.PrimaryReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "community.User"
# django-axes first: a locked-out account or address is refused before its password is even checked.
AUTHENTICATION_BACKENDS = [
    "cms.auth_backends.LoginLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "display_name", "email")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day; young people do not always read mail at once

# Caches: Redis in production (CACHE_URL=redis://...), shared by every process for
# log-in lockouts, API throttles and sessions; a local-memory cache otherwise.
CACHE_URL = env.str("CACHE_URL", default="")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
else:
    # Per process; anonymous pages (cms/page_cache.py) need more room than the default 300 entries.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}
# A logged-in request reads its session from the cache, not the database, every time;
# the database keeps it when the cache is cleared or (local memory) per process.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Anonymous visitors' pages from the cache (cms/page_cache.py); entries outlive no write.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=600)

# The client's address: the number of proxies in front of the site that append
# to X-Forwarded-For (0: the header is ignored). See cms/client_ip.py.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Log-in limits (web, API token, Wagtail admin): django-axes counts failures per
# account and per client address in the cache; either reaching the limit locks out.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cms.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "cms.lockout.lockout_response"
AXES_VERBOSE = False

# Internationalisation: the service's users are Nordic.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("sv", _("Swedish")),
    ("da", _("Danish")),
    ("fi", _("Finnish")),
    ("nb", _("Norwegian Bokmål")),
]
# CMS content may exist in each interface language (wagtail-localize). Addresses stay the same in
# every language, with an optional language prefix (/da/...: cms/language_urls.py): a page is
# found in the default language's tree and served in the reader's
# language when a live translation exists, in the default language otherwise (cms/locales.py).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Date and time formats where Django's are US-like ("en") or lack the Nordic "kl." (cms.dates).
FORMAT_MODULE_PATH = ["cms.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Copenhagen")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: console by default; EMAIL_URL (e.g. smtp+tls://user:pass@host:587) in production.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Co-careering community <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker configured, tasks run eagerly in-process so the first
# run needs no other service.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://localhost/"  # never reach for a default AMQP broker
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# A message a worker took but never acknowledged (it died) goes back to the
# queue after this many seconds; tasks are idempotent, so a rerun is harmless.
# The restore sweep runs every interval x throttle seconds (Redis transport defaults: 10 x 10).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
    # A broker that does not answer fails fast (no reconnect loop inside a web request);
    # the outbox keeps the message and beat's relay tries again later.
    "socket_connect_timeout": env.float("CELERY_BROKER_CONNECT_TIMEOUT", default=3.0),
    "max_retries": env.int("CELERY_BROKER_CONNECT_RETRIES", default=0),
}
# One queue per kind of work, so a worker pool can be sized per queue and an urgent
# alert never waits behind a 30,000-follower fan-out. A single worker serves them all
# with `-Q urgent,notifications,email,maintenance,celery` (README, "Scaling").
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "moderation.tasks.alert_counsellors_urgent": {"queue": "urgent"},
    "moderation.tasks.notify_urgent_realert": {"queue": "urgent"},
    "moderation.tasks.realert_waiting_urgent_items": {"queue": "urgent"},
    "community.tasks.deliver_event": {"queue": "notifications"},
    "moderation.tasks.notify_*": {"queue": "notifications"},
    "community.tasks.email_notifications": {"queue": "email"},
    "community.tasks.send_digests": {"queue": "email"},
    "community.tasks.build_data_export": {"queue": "maintenance"},
    "community.tasks.apply_retention": {"queue": "maintenance"},
}
CELERY_QUEUES_ALL = ("urgent", "notifications", "email", "maintenance", CELERY_TASK_DEFAULT_QUEUE)
CELERY_BEAT_SCHEDULE = {
    "daily-digests": {"task": "community.tasks.send_digests", "schedule": crontab(hour=7, minute=0), "args": ("daily",)},
    "weekly-digests": {
        "task": "community.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        "args": ("weekly",),
    },
    "heartbeat": {"task": "cms.tasks.heartbeat", "schedule": 60.0},
    # Scheduled pages go live (and scheduled updates open their discussion) within a minute.
    "publish-scheduled": {"task": "cms.tasks.publish_scheduled", "schedule": 60.0},
    "urgent-realerts": {"task": "moderation.tasks.realert_waiting_urgent_items", "schedule": 60.0},
    "data-retention": {"task": "community.tasks.apply_retention", "schedule": crontab(hour=3, minute=30)},
    # What the broker could not take right after a commit is sent from here, with back-off.
    "relay-outbox": {"task": "community.outbox.tasks.relay_outbox", "schedule": env.float("OUTBOX_RELAY_SECONDS", default=10.0)},
}
# queue_health and /readyz call the outbox unhealthy when its oldest unsent message is older than this.
OUTBOX_MAX_AGE_SECONDS = env.int("OUTBOX_MAX_AGE_SECONDS", default=300)
OUTBOX_KEEP_SENT_DAYS = env.int("OUTBOX_KEEP_SENT_DAYS", default=7)

# Moderation: how many approved posts before a member's posts (and links) go
# straight out, and how many members' flags hide a post until it is reviewed.
MODERATION_FIRST_POSTS_HELD = env.int("MODERATION_FIRST_POSTS_HELD", default=1)
# A member may fix their answer freely this many minutes after posting it; a later edit is read by a
# counsellor before the new text is shown (the old one stays in the history). Unset: no window.
ANSWER_EDIT_WINDOW_MINUTES = env.int("ANSWER_EDIT_WINDOW_MINUTES", default=60)
MODERATION_LINK_MIN_APPROVED_POSTS = env.int("MODERATION_LINK_MIN_APPROVED_POSTS", default=3)
MODERATION_FLAG_THRESHOLD = env.int("MODERATION_FLAG_THRESHOLD", default=3)
# A moderator's claim on a queue item keeps colleagues off it for this long.
MODERATION_HANDLING_MINUTES = 15
# An urgent item waiting this long in staffed hours alerts the counsellors on duty again,
# and after the second threshold the moderators.
MODERATION_URGENT_REALERT_MINUTES = env.int("MODERATION_URGENT_REALERT_MINUTES", default=15)
MODERATION_URGENT_MODERATORS_MINUTES = env.int("MODERATION_URGENT_MODERATORS_MINUTES", default=30)
# "Needs you now" lists unclaimed conversations older than this.
NEEDS_YOU_NOW_UNCLAIMED_MINUTES = env.int("NEEDS_YOU_NOW_UNCLAIMED_MINUTES", default=60)

# Wagtail
WAGTAIL_SITE_NAME = env.str("SITE_NAME", default="Co-careering community")
WAGTAILADMIN_BASE_URL = env.str("BASE_URL", default="http://localhost:8000")
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Counsellors may write in any of the service's languages; the admin follows
# each user's own language.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.MemberTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",  # with CSRF, for the site's own pages
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: the browsable documentation is Swagger UI at /api/v1/docs/.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser", "rest_framework.parsers.FormParser"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttles.WriteThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "writes": env.str("API_WRITE_RATE", default="60/min"),
        "login": env.str("API_LOGIN_RATE", default="10/min"),
        # Draft hints are asked while typing (debounced): generous, but not a free screening oracle.
        "screening_preview": env.str("API_SCREENING_PREVIEW_RATE", default="40/min"),
    },
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    "DEFAULT_METADATA_CLASS": "api.metadata.PlainMetadata",
    "DEFAULT_SCHEMA_CLASS": "api.schema.CommunityAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PagePagination",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Throttles identify the client the same way as the log-in limits (cms/client_ip.py).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
# API tokens: one per log-in (device), ending after API_TOKEN_DAYS, sent as "Authorization: Token <token>".
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_DAYS", default=30)),
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_LIMIT_PER_USER": None,
    "AUTO_REFRESH": False,
}
# Requests larger than this are refused with 413 (posts are at most a few KiB).
API_MAX_BODY_BYTES = 64 * 1024
# JSON bodies nested deeper than this are refused with 400 (ours nest two or three levels).
API_MAX_JSON_DEPTH = 32
SPECTACULAR_SETTINGS = {
    "TITLE": "Co-careering community API",
    "DESCRIPTION": (
        "Everything members and counsellors do on the site, with the same rules: roles, privacy, "
        "and each space's level. Authenticate with `Authorization: Token <token>` from `POST /api/v1/auth/token/`. "
        'Every 4xx answer has the form `{"error": {"code", "message", "fields"}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["api.schema.only_api_v1"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.forbid_unknown_request_fields",
    ],
    "ENUM_NAME_OVERRIDES": {
        "FlagReasonEnum": "moderation.models.FlagReason",
        "RejectionReasonEnum": "moderation.models.RejectionReason",
        "SanctionKindEnum": "moderation.models.SanctionKind",
        "FollowLevelEnum": "community.models.FollowLevel",
        "StageEnum": "community.models.Stage",
        "UrgentOutcomeEnum": "moderation.models.UrgentOutcome",
    },
}

DJANGO_NOTIFICATIONS_CONFIG = {"USE_JSONFIELD": True}
NOTIFICATIONS_NOTIFICATION_MODEL = "community.Notification"
# Followers notified per bulk insert when an event fans out.
NOTIFICATION_CHUNK_SIZE = env.int("NOTIFICATION_CHUNK_SIZE", default=1000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail logs every page action and background task at INFO; the
        # audit trail is in the database, the console needs only problems.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "celery": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# ---------------------------------------------------------------- staff two-factor log-in
# Counsellors, moderators and admins read minors' private messages, so after the password they
# give a code from an authenticator app (TOTP, django-otp) or one of their one-time backup codes:
# on the site, in the Wagtail admin and for an API token. Only a test or a private demo may
# switch it off (STAFF_MFA_REQUIRED=false); see community/mfa.py.
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=True)
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
# django-otp's middleware tells which device verified this session; ours turns an unverified
# staff session away from everything but the code page (after messages and suspension).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1, "django_otp.middleware.OTPMiddleware"
)
MIDDLEWARE.insert(MIDDLEWARE.index("moderation.middleware.SuspensionMiddleware") + 1, "community.mfa.StaffSecondFactorMiddleware")
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Wrong codes: each device waits 1, 2, 4, 8 ... seconds after each consecutive failure (django-otp).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
MFA_BACKUP_CODE_COUNT = 10
