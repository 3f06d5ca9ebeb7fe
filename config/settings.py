"""govlearn settings: one module, driven by environment variables.

Every variable is listed in README.md. Defaults give a working embedded site
(SQLite, console email, database task queue) with nothing else installed.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no or on/off, not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# Checks a deployment knows it may ignore, by id: for one web process without Redis, "govlearn.W001".
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY to a long random string "
            "(for example: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-govlearn-development-only-key"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# What runs here -------------------------------------------------------------

# The benchmark suite (bench/) rebuilds and times the database it is given, so its commands (bench_populate,
# bench) exist only where it is asked for: never in production.
BENCH = env_bool("BENCH", False)

INSTALLED_APPS = [
    # govlearn, lowest layer last (see docs/architecture.md)
    *(["bench"] if BENCH else []),
    "compliance",
    "certificates",
    "assessments",
    "enrolment",
    "courses",
    "people",
    "content",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # sign-in
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    # background tasks
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "content.sites.SiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "content.middleware.AdminAccessMiddleware",
    "content.middleware.NotFoundPageMiddleware",
    "content.middleware.MethodNotAllowedPageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "content.context_processors.site",
            ],
        },
    },
]

FORM_RENDERER = "content.forms.GovukFormRenderer"

# Data -----------------------------------------------------------------------

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'govlearn.sqlite3'}"
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")))}
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL this site understands: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web process and the task worker read and write side by side.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    # Lets psycopg prepare statements; Django's own (client-bound) cursors never do, only the few
    # hand-written per-request statements that ask for it (content.db.prepared_cursor). Behind a
    # transaction-mode PgBouncer older than 1.21, set PG_PREPARE=0.
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and os.environ.get("PG_PREPARE", "1") == "1":
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # One process's memory: each person's My learning sections (about 1.3 KB each) and a memo of the
    # site and page privacy (checked against the database, content.sites), so hold more than the default
    # 300 entries. allauth's rate limits and lockouts count here too, so per process: `check --deploy`
    # warns (config/checks.py) when DEBUG is off.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20_000}}
    }

# Background work goes through the django_tasks API; the backend is configuration.
TASK_BACKEND = os.environ.get("TASK_BACKEND", "rq" if REDIS_URL else "database")
if TASK_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
elif TASK_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASK_BACKEND=rq needs REDIS_URL to point at a Redis server.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]  # django_rq provides `manage.py rqworker`
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASK_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured(f"TASK_BACKEND must be database, rq or immediate, not {TASK_BACKEND!r}.")

# With Redis, sessions live in the cache with the database behind it: no query per request once cached.
# Without it the cache is each process's own memory, where a sign-out in one process would leave the
# session alive in another: sessions are then read from the database on every request.
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if REDIS_URL else "db")

# People and sign-in ---------------------------------------------------------

AUTH_USER_MODEL = "people.User"
# allauth's email sign-in (it extends Django's ModelBackend), loading roles with the user.
AUTHENTICATION_BACKENDS = ["people.backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_FORMS = {"signup": "people.adapters.WorkEmailSignupForm", "add_email": "people.adapters.WorkEmailAddForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Every allauth email has its own subject naming govlearn (people/templates/{account,mfa,socialaccount}/email/).
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
# Sign-up is open only to these email domains (and their sub-domains).
SIGNUP_EMAIL_DOMAINS = env_list("SIGNUP_EMAIL_DOMAINS", "example.gov.uk")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
SOCIALACCOUNT_ONLY = False

# Wagtail's admin signs people in through the same page as the rest of the site.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Passwords and email addresses change through allauth's pages (verified, in the allowed domains, rate-limited);
# the admin's account page links to them (people/wagtail_hooks.py) and config/urls.py hands its old addresses over.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# Nor can an administrator set someone else's password in Wagtail's user forms: people set their own through allauth.
WAGTAILUSERS_PASSWORD_ENABLED = False

# Wagtail --------------------------------------------------------------------

WAGTAIL_SITE_NAME = "govlearn"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
# Nothing a browser would run as a page (HTML, XHTML, XML, SVG): documents are served from the site's own origin.
WAGTAILDOCS_EXTENSIONS = ["csv", "json", "ods", "odt", "pdf", "txt", "xlsx", "zip", "geojson", "parquet"]
# Always through Wagtail's view (privacy checked; a download with `default-src 'none'`), never a redirect to /media/.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Wagtail's own list, written out so that SVG (which can carry scripts) stays off it.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_I18N_ENABLED = False
# Autosave off: in Wagtail 8.0 it re-sends the form while the editor's own Submit or
# Approve and Publish is being answered, which broke the review workflow (courses/wagtail_hooks.py).
WAGTAIL_AUTOSAVE_INTERVAL = 0
# Gravatar would receive a hash of every member of staff's email address from each admin page.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Email ----------------------------------------------------------------------

EMAIL_URL = os.environ.get("EMAIL_URL", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "govlearn <noreply@learning.example.gov.uk>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_URL:
    _email = urlparse(EMAIL_URL)
    if _email.scheme not in {"smtp", "smtp+tls", "smtp+ssl"}:
        raise ImproperlyConfigured("EMAIL_URL must start smtp://, smtp+tls:// or smtp+ssl://.")
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or (465 if _email.scheme == "smtp+ssl" else 587 if _email.scheme == "smtp+tls" else 25)
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = _email.scheme == "smtp+tls"
    EMAIL_USE_SSL = _email.scheme == "smtp+ssl"
    EMAIL_TIMEOUT = int(parse_qs(_email.query).get("timeout", ["10"])[0])
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Language, time, files ------------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Compiled GOV.UK Frontend assets, built by `make` from node_modules; never committed.
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
# Certificate PDFs are private (served by a view that checks who asks), so never under MEDIA_ROOT.
CERTIFICATE_ROOT = Path(os.environ.get("CERTIFICATE_ROOT", BASE_DIR / "private" / "certificates"))
# The key and certificate that sign certificate PDFs (PEM or DER files). `make run` makes a development pair.
CERTIFICATE_SIGNING_KEY = Path(os.environ.get("CERTIFICATE_SIGNING_KEY", BASE_DIR / "private" / "signing" / "key.pem"))
CERTIFICATE_SIGNING_CERT = Path(
    os.environ.get("CERTIFICATE_SIGNING_CERT", BASE_DIR / "private" / "signing" / "certificate.pem")
)
CERTIFICATE_SIGNING_KEY_PASSPHRASE = os.environ.get("CERTIFICATE_SIGNING_KEY_PASSPHRASE", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "certificates": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": CERTIFICATE_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Security -------------------------------------------------------------------

# How many proxies (load balancers) of ours stand in front of the site. Only then are X-Forwarded-For
# (whose address rate limits and lockouts key on) and X-Forwarded-Proto believed: from anyone else
# they are whatever the visitor chose to send.
try:
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
except ValueError:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be a whole number of proxies, such as 0 or 1.") from None
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
if TRUSTED_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# govlearn -------------------------------------------------------------------

SERVICE_NAME = "govlearn"
# HR always may; with this on, line managers may also extend their direct reports' due dates.
LINE_MANAGERS_CAN_EXTEND = env_bool("LINE_MANAGERS_CAN_EXTEND")
# Published courses are open to anyone by default; a deployment may require sign-in to read them.
COURSES_REQUIRE_SIGN_IN = env_bool("COURSES_REQUIRE_SIGN_IN")
# HR files uploaded in the admin up to this size are checked and applied in the request; larger ones by the
# task worker, with progress shown.
try:
    HR_IMPORT_BACKGROUND_BYTES = int(os.environ.get("HR_IMPORT_BACKGROUND_BYTES", "1000000"))
except ValueError:
    raise ImproperlyConfigured("HR_IMPORT_BACKGROUND_BYTES must be a whole number of bytes, such as 1000000.") from None
# The largest HR file the admin's upload form takes (100 MB). Django's own upload limits do not get in the way:
# DATA_UPLOAD_MAX_MEMORY_SIZE counts the form's fields but not its files, and files over
# FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) are streamed to a temporary file, not held in memory.
try:
    HR_IMPORT_MAX_BYTES = int(os.environ.get("HR_IMPORT_MAX_BYTES", str(100 * 1024 * 1024)))
except ValueError:
    raise ImproperlyConfigured("HR_IMPORT_MAX_BYTES must be a whole number of bytes, such as 104857600.") from None
# The published compliance figures suppress counts below this (and what would give them away): see
# compliance/disclosure.py.
try:
    OPEN_DATA_THRESHOLD = int(os.environ.get("OPEN_DATA_THRESHOLD", "10"))
    if OPEN_DATA_THRESHOLD < 2:
        raise ValueError
except ValueError:
    raise ImproperlyConfigured("OPEN_DATA_THRESHOLD must be a whole number of people, 2 or more, such as 10.") from None
PHASE = os.environ.get("PHASE", "beta")
FEEDBACK_EMAIL = os.environ.get("FEEDBACK_EMAIL", "govlearn-feedback@example.gov.uk")
# The password every demo account gets from `load_demo`, only when DEBUG is on.
DEMO_PASSWORD = "govlearn-demo-2026"  # noqa: S105 - public on purpose, used only when DEBUG is on

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per page saved and per task run is noise at the console; errors still show.
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
        "django_tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")},
        "django_tasks_db": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")},
        # Rendering a certificate logs each step and each font subset it makes.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
