"""Mubiao settings: one module, driven by environment variables, safe local defaults.

- ``DJANGO_DEBUG=1`` turns debug on; it is off unless asked for.
- ``DJANGO_SECRET_KEY`` is required when debug is off.
- ``DATABASE_URL`` switches from the embedded SQLite file (``var/mubiao.sqlite3``) to
  PostgreSQL, e.g. ``postgres://postgres@127.0.0.1:5432/mubiao``.
- ``DJANGO_ALLOWED_HOSTS`` is a comma-separated list.
- ``REDIS_URL`` switches the cache from local memory to Redis, and the background queue
  (huey) from a SQLite file under ``var/`` to Redis.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MUBIAO_VAR_DIR", BASE_DIR / "var"))


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string, or set "
            "DJANGO_DEBUG=1 for local development (the README's commands do this)."
        )
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "csp",
    "axes",
    "huey.contrib.djhuey",
    "ninja",
    "corsheaders",
    "plans",
    "plans.workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so cached pages carry the same headers.
    "csp.middleware.CSPMiddleware",
    "plans.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cross-origin GET for the open-data API only (CORS_URLS_REGEX below).
    "corsheaders.middleware.CorsMiddleware",
    # Whole public pages for anonymous visitors, before sessions, auth and templates run.
    "plans.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "plans.middleware.ChineseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]
# The open-data API's (config/wsgi.py, plans/api/lean.py): the same headers, no session,
# user, CSRF, messages or page cache, which it never reads.
API_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "plans.security.SecurityHeadersMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "plans.api.lean.ApiLanguageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, plus a block on one password tried against many usernames.
    "plans.security.PasswordSprayBackend",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "plans.context_processors.last_updated",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'mubiao.sqlite3'}",
        # Persistent connections: each gunicorn worker keeps its own for ten minutes
        # instead of opening one per request; health checks drop a dead one.
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
# Several checkouts on one machine may run the suite on one PostgreSQL server at once: each
# names its own test database.
if (
    os.environ.get("DJANGO_TEST_DATABASE_NAME")
    and "sqlite" not in DATABASES["default"]["ENGINE"]
):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["DJANGO_TEST_DATABASE_NAME"]}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # The web workers, the background worker and imports share one file:
    # - WAL: readers never wait for a writer (a public page reads during a large import);
    # - a busy timeout: a second writer waits for the first instead of failing at once;
    # - IMMEDIATE: a write transaction takes the write lock when it begins, so two
    #   transactions that read and then write cannot deadlock into "database is locked";
    # - synchronous=NORMAL is safe in WAL mode (a power cut may lose the last commit,
    #   never corrupt the file).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20,
        transaction_mode="IMMEDIATE",
        init_command=(
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA cache_size=-32000;"
            "PRAGMA mmap_size=268435456;"
            "PRAGMA temp_store=MEMORY"
        ),
    )

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "mubiao",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "config.storage.StaticFilesStorage"
        )
    },
}

# Hashed static file names (CompressedManifestStaticFilesStorage) are cached for ten years
# ("immutable"); the few unhashed ones for a day.
WHITENOISE_MAX_AGE = 0 if DEBUG else 24 * 60 * 60
# Pages link the hashed names only: the unhashed copies need not be kept (nor compressed).
WHITENOISE_KEEP_ONLY_HASHED_FILES = True

# How long a browser or a caching proxy may keep a public page before asking again (it
# asks with If-None-Match and gets a 304 when nothing changed).
MUBIAO_PUBLIC_MAX_AGE = int(os.environ.get("MUBIAO_PUBLIC_MAX_AGE", "60"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:index"
LOGOUT_REDIRECT_URL = "plans:home"

# Login throttling (django-axes): failures are counted per username and, separately, per
# client address; either reaching AXES_FAILURE_LIMIT locks it out for 15 minutes, and a
# successful login resets the count. Behind a proxy the client address comes from the header
# the proxy sets (DJANGO_CLIENT_IP_HEADER), never from the proxy's own address, so one
# attacker cannot lock everyone out.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "plans.security.client_ip"
# e.g. X-Forwarded-For (the right-most address, the one our proxy appended) or X-Real-IP.
MUBIAO_CLIENT_IP_HEADER = os.environ.get("DJANGO_CLIENT_IP_HEADER", "")
# One wrong password tried for this many different usernames is refused for everyone for
# AXES_COOLOFF_TIME (password spraying).
MUBIAO_PASSWORD_SPRAY_LIMIT = int(os.environ.get("MUBIAO_PASSWORD_SPRAY_LIMIT", "5"))
AXES_LOCKOUT_TEMPLATE = "workspace/locked_out.html"

# Background jobs (huey): a SQLite queue file beside the database by default, so the embedded
# setup needs no server; Redis when REDIS_URL is set. `make run` starts the consumer.
HUEY = {
    "name": "mubiao",
    "immediate": False,
    "results": False,
    # Each job runs in a process of its own (plans.workspace.jobs.run_isolated); two
    # threads wait on them, so a long job never holds up the next one.
    "consumer": {
        "workers": int(os.environ.get("MUBIAO_JOB_WORKERS", "2")),
        "worker_type": "thread",
    },
}
if os.environ.get("REDIS_URL"):
    HUEY.update(huey_class="huey.RedisHuey", url=os.environ["REDIS_URL"])
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    HUEY.update(huey_class="huey.SqliteHuey", filename=str(VAR_DIR / "huey.sqlite3"))

# The open-data API (/api/v1/): at most N requests every S seconds per client ("N/S").
MUBIAO_API_RATE = os.environ.get("MUBIAO_API_RATE", "120/60")
# Cross-origin reads of /api/ only, by anyone, without credentials.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("Retry-After",)
# Absolute links in the data package (the site's public address).
MUBIAO_SITE_URL = os.environ.get("MUBIAO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

# Uploaded plan files larger than this are refused (bytes).
MUBIAO_MAX_UPLOAD_BYTES = int(
    os.environ.get("MUBIAO_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
)
# A .docx is a zip: refused before unpacking when it holds more parts or would unpack to more.
MUBIAO_MAX_DOCX_UNPACKED_BYTES = 50 * 1024 * 1024
MUBIAO_MAX_DOCX_MEMBERS = 500
# A running import that has not reported progress for this long is shown as interrupted.
MUBIAO_JOB_STALE_SECONDS = int(os.environ.get("MUBIAO_JOB_STALE_SECONDS", "600"))
# A running job writes a heartbeat every MUBIAO_JOB_HEARTBEAT_SECONDS; one silent for
# MUBIAO_JOB_HEARTBEAT_TIMEOUT seconds is shown as interrupted (its worker died).
MUBIAO_JOB_HEARTBEAT_SECONDS = float(
    os.environ.get("MUBIAO_JOB_HEARTBEAT_SECONDS", "5")
)
MUBIAO_JOB_HEARTBEAT_TIMEOUT = int(os.environ.get("MUBIAO_JOB_HEARTBEAT_TIMEOUT", "30"))
# Each job runs in its own process with these limits (seconds of wall time, MiB of
# address space); a job over either is stopped and its import rolled back.
# manage.py backup writes times to the microsecond (plans.workspace.serial).
SERIALIZATION_MODULES = {"fulljson": "plans.workspace.serial"}
# Days an uploaded original (ImportJob.data) is kept after its job finished; its text stays
# in the record (SourceFile). 0 keeps originals forever.
MUBIAO_UPLOAD_RETENTION_DAYS = int(os.environ.get("MUBIAO_UPLOAD_RETENTION_DAYS", "90"))
MUBIAO_JOB_TIME_LIMIT = int(os.environ.get("MUBIAO_JOB_TIME_LIMIT", "600"))
MUBIAO_JOB_MEMORY_MB = int(os.environ.get("MUBIAO_JOB_MEMORY_MB", "1024"))

# --- Security headers (every response, debug or not) -----------------------------------
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True  # X-Content-Type-Options: nosniff
SECURE_REFERRER_POLICY = "same-origin"  # Referrer-Policy
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # pages that may be embedded use plans.security.embeddable
# Permissions-Policy (plans.security.SecurityHeadersMiddleware): no powerful feature is used.
MUBIAO_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
# Paths other sites may frame (embeds): no X-Frame-Options, CSP frame-ancestors *.
MUBIAO_FRAMEABLE_PATHS = r"^/embed/"
# Content-Security-Policy (django-csp): scripts only from our own static files, never inline
# (chart data travels as JSON blocks read by static/js/charts.js). plotly.js styles its SVG
# with inline style attributes, so styles may be inline; nothing else may.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Mail: password reset is offered only when a mail server is configured -------------------
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_flag("DJANGO_EMAIL_USE_TLS", True)
    DEFAULT_FROM_EMAIL = os.environ.get(
        "DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost"
    )
MUBIAO_PASSWORD_RESET = bool(EMAIL_HOST)

# --- HTTPS behind a proxy: DJANGO_HTTPS=1 -------------------------------------------------
# The proxy (nginx, a load balancer) terminates TLS and sets X-Forwarded-Proto: https; it
# must overwrite that header on every request it forwards.
HTTPS = env_flag("DJANGO_HTTPS")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", True)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
