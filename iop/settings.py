"""Settings for the IOP register. Every value comes from the environment (see README)."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Off unless the environment turns it on (`make run` does, for development).
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="dev-only-insecure-key-change-me" if DEBUG else environ.Env.NOTSET,
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "iop.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django.forms",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "common",
    "iop",
    "organisations",
    "accounts",
    "bodies",
    "partnerships",
    "finance",
    "governance",
    "portal",
    "reporting",
    "jobs",
    "ninja",
    "api",
    "feeds",
    "search",
    "pages",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "iop.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Before any view or CSRF check reads the body or the query.
    "iop.middleware.RequestLimitsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages: a staff session past its limits ends with a note on the login page.
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "common.uploads.StoredFilesMiddleware",
    "bodies.middleware.BodySettingsCacheMiddleware",
    # Last, as django-axes asks: turns a lockout into its answer (accounts.views.locked_out).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iop.urls"
WSGI_APPLICATION = "iop.wsgi.application"

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
                "iop.context_processors.roles",
                "iop.context_processors.frame",
            ],
        },
    },
]

# SQLite by default so the app runs with nothing installed; PostgreSQL in production.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
# A kept connection is tested before each request reuses it: after a database restart the
# first request of every worker would otherwise fail.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked account or address before any password is checked.
    "accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (accounts.oidc); inert unless OIDC_RP_CLIENT_ID is set.
    "accounts.oidc.MemberBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout after repeated wrong passwords (django-axes): the account and, separately, the
# address it was tried from, for a fixed period from the last failure (a further attempt
# during the lockout does not prolong it, so the page can say until when).
AXES_FAILURE_LIMIT = env.int("IOP_LOCKOUT_FAILURES", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("IOP_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# The sign-in log is the app's own (accounts.SignInEvent); axes keeps only its counters.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Behind a reverse proxy the client's address is in X-Forwarded-For: IOP_PROXY_COUNT says how
# many proxies (that you run) stand in front; 0 reads the connection's own address.
IOP_PROXY_COUNT = env.int("IOP_PROXY_COUNT", default=0)
if IOP_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = IOP_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# A second factor (an authenticator app's code, django-otp) for administrators and officials:
# required unless IOP_REQUIRE_2FA is off (`make run` turns it off for the demo). Anyone may
# set one up on their own page. Repeated wrong codes lock the account like wrong passwords
# (django-axes), so django-otp's own growing delays are off.
IOP_REQUIRE_2FA = env.bool("IOP_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = env.str("IOP_OTP_ISSUER", default="IOP-registret")
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Single sign-on with the organisation's identity provider (OpenID Connect, see README): off
# unless OIDC_RP_CLIENT_ID is set. Users are found, never created (accounts.oidc).
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email")
OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
OIDC_CREATE_USER = False
LOGIN_REDIRECT_URL_FAILURE = "/login/sso-unknown/"
# What the login page's button says: "Logga in med <name>".
IOP_OIDC_PROVIDER_NAME = env.str("IOP_OIDC_PROVIDER_NAME", default="kommunens konto")
# Only when the provider itself asks every user for a second factor: the register then
# does not ask again.
IOP_OIDC_PROVIDER_CHECKS_SECOND_FACTOR = env.bool(
    "IOP_OIDC_PROVIDER_CHECKS_SECOND_FACTOR", default=False
)

# Sessions live in the database: the app server keeps no local state. Staff sessions end
# after 30 minutes without a request and 12 hours after signing in
# (accounts.middleware.SessionLimitsMiddleware); every session ends with its cookie after
# 12 hours at most.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
IOP_STAFF_IDLE_MINUTES = env.int("IOP_STAFF_IDLE_MINUTES", default=30)
IOP_STAFF_SESSION_HOURS = env.int("IOP_STAFF_SESSION_HOURS", default=12)
SESSION_COOKIE_AGE = IOP_STAFF_SESSION_HOURS * 3600

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Widgets render through the project's templates, so templates/django/forms/ can refine them.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
FORMAT_MODULE_PATH = ["common.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    # Uploaded files go through the storage API, so object storage is a settings change.
    "default": {
        "BACKEND": env.str(
            "DJANGO_FILE_STORAGE", default="django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="iop@localhost")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if not DEBUG else None
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# HTTPS only, outside development: plain HTTP is redirected (except the health check, which
# the container's probe calls over HTTP) and browsers are told to keep to HTTPS for a year.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)

# Content-Security-Policy: scripts, styles, fonts and images from this site only; no inline
# script or style, no plug-ins, no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Background work (see README): Celery with Redis when CELERY_BROKER_URL is set; without it
# the same jobs run in a thread of the web process, so `make run` needs nothing else.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="iop")
IOP_JOBS_RUN = env.str("IOP_JOBS_RUN", default="celery" if CELERY_BROKER_URL else "thread")
REDIS_CACHE_URL = env.str("REDIS_CACHE_URL", default=CELERY_BROKER_URL)
# The cache holds the jobs' progress and the open data; shared by every process of the
# installation (Redis, or files on this machine when there is no Redis).
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_CACHE_URL}
        if REDIS_CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.path("DJANGO_CACHE_DIR", default=BASE_DIR / ".cache"),
        }
    )
}
IOP_REMINDER_DAYS = env.int("IOP_REMINDER_DAYS", default=14)
IOP_BASE_URL = env.str("IOP_BASE_URL", default="")
# Who publishes the DCAT-AP-SE catalogue of every body's open data (/documents/open-data/dcat.rdf).
IOP_OPEN_DATA_PUBLISHER = env.str("IOP_OPEN_DATA_PUBLISHER", default="IOP-registret")

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # django-axes narrates every attempt at INFO; the sign-in log keeps what matters.
    "loggers": {"axes": {"level": "WARNING"}},
}

# Domain settings (see README).
IOP_PAYMENTS_REQUIRE_TWO_PEOPLE = env.bool("IOP_PAYMENTS_REQUIRE_TWO_PEOPLE", default=True)
# Where users report problems, accessibility shortcomings included (contact, accessibility).
IOP_SUPPORT_EMAIL = env.str("IOP_SUPPORT_EMAIL", default=DEFAULT_FROM_EMAIL)
# When the accessibility statement was last reviewed against the service (YYYY-MM-DD).
IOP_ACCESSIBILITY_STATEMENT_DATE = env.str("IOP_ACCESSIBILITY_STATEMENT_DATE", default="2026-12-01")
IOP_MAX_UPLOAD_BYTES = env.int("IOP_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
IOP_EXTENSION_DECISION_DAYS = env.int("IOP_EXTENSION_DECISION_DAYS", default=90)
IOP_PDF_LOGO = env.str("IOP_PDF_LOGO", default="reporting/logo.svg")
# Installation defaults of each body's settings (a body's administrators set its own values on
# its settings page): the board that decides, and the title of the head of administration.
IOP_DECIDING_BODY = env.str("IOP_DECIDING_BODY", default="Nämnden")
IOP_HEAD_OF_ADMINISTRATION_TITLE = env.str(
    "IOP_HEAD_OF_ADMINISTRATION_TITLE", default="Förvaltningschef"
)
IOP_DEVIATION_THRESHOLD_PERCENT = env.int("IOP_DEVIATION_THRESHOLD_PERCENT", default=10)
IOP_ACCOUNT_DUE_DAYS_BEFORE_NEW_YEAR = env.int("IOP_ACCOUNT_DUE_DAYS_BEFORE_NEW_YEAR", default=30)
# Accounts for the SIE 4i voucher export, "number:name"; adjust to the body's chart of accounts.
IOP_SIE_EXPENSE_ACCOUNT = tuple(
    env.str(
        "IOP_SIE_EXPENSE_ACCOUNT", default="4990:Ersättning idéburna organisationer (IOP)"
    ).split(":", 1)
)
IOP_SIE_PAYABLE_ACCOUNT = tuple(
    env.str("IOP_SIE_PAYABLE_ACCOUNT", default="2440:Leverantörsskulder").split(":", 1)
)
# Electronic signatures on signed copies: the roots the installation trusts (PEM files or
# folders of them, comma-separated). Empty: no signature is shown as valid. The operating
# system's list of web authorities is never used.
IOP_SIGNATURE_TRUST_ROOTS = env.list("IOP_SIGNATURE_TRUST_ROOTS", default=[])
IOP_SIGNATURE_REVOCATION_MODE = env.str("IOP_SIGNATURE_REVOCATION_MODE", default="soft-fail")
IOP_SIGNATURE_FETCH_REVOCATION = env.bool("IOP_SIGNATURE_FETCH_REVOCATION", default=False)
# PDF/A renditions of signed copies for the archive package (Debian's ghostscript package).
IOP_GHOSTSCRIPT = env.str("IOP_GHOSTSCRIPT", default="gs")
IOP_PDFA_ICC_PROFILE = env.str(
    "IOP_PDFA_ICC_PROFILE", default="/usr/share/color/icc/ghostscript/srgb.icc"
)
IOP_PDFA_TIMEOUT_SECONDS = env.int("IOP_PDFA_TIMEOUT_SECONDS", default=300)
