"""One settings module, read from the environment. Defaults run locally on SQLite with an embedded broker."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("XUNCHAR_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
# Demo mode: the demo county's accounts. Issue 3 ties its exemptions to DEBUG as well.
DEMO = env_bool("XUNCHAR_DEMO", DEBUG)
if DEMO and not DEBUG:
    raise ImproperlyConfigured("XUNCHAR_DEMO=1 is refused in production (DEBUG=0): the demo accounts are public.")

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-used-in-production-5f1c9a7e")
else:
    SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Django's admin site is not installed: it would let a superuser read case material and change
# accounts and roles around the audited services. The administrators have their own pages (manage/).
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "guardian",
    "simple_history",
    # shared mechanisms
    "xunchar.core",
    "xunchar.accounts",
    "xunchar.registry",
    "xunchar.workdays",
    "xunchar.access",
    "xunchar.audit",
    "xunchar.files",
    "xunchar.administration",
    "xunchar.backup",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "xunchar.twofactor",
    "xunchar.notifications",
    "xunchar.deadlines",
    "xunchar.approvals",
    "xunchar.documents",
    "xunchar.sealing",
    # the procedure's phases
    "rounds",
    "groups",
    "petitions",
    "clues",
    "groups.withdrawal",
    "groups.docrequests",
    "groups.workpapers",
    "groups.surveys",
    "groups.onsite",
    "rectification",
    "archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Idle and absolute session limits; administrators kept to their tools; no-store for signed-in pages.
    "xunchar.administration.middleware.SessionTimeoutMiddleware",
    "xunchar.administration.middleware.AdministratorScopeMiddleware",
    "xunchar.administration.middleware.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "xunchar.accounts.middleware.PasswordChangeRequiredMiddleware",
    "xunchar.twofactor.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "xunchar.urls"
WSGI_APPLICATION = "xunchar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xunchar.notifications.context_processors.unread_notifications",
                "xunchar.approvals.context_processors.pending_approvals",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'xunchar.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Wait for a writer instead of failing at once: the web server and the worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user object; nothing is public
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

# At least 12 characters from three of the four classes, not a common password, not like the person's names.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "first_name", "last_name", "email")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "xunchar.accounts.validators.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# The shipped fonts also serve the pages (static/fonts/…): a PC without Chinese fonts still reads them.
STATICFILES_DIRS = [BASE_DIR / "static", ("fonts", BASE_DIR / "xunchar" / "documents" / "fonts")]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_ROOT = VAR_DIR / "media"
# Attachments larger than this are refused (xunchar.files); the reverse proxy's body limit should match.
XUNCHAR_UPLOAD_MAX_MB = env_int("XUNCHAR_UPLOAD_MAX_MB", 20)
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Browser and transport
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Sessions end after this long without a request, and this long after sign-in whatever the activity
# (xunchar.administration.middleware enforces both; the store's own expiry is the backstop).
XUNCHAR_SESSION_IDLE_MINUTES = env_int("XUNCHAR_SESSION_IDLE_MINUTES", 30)
XUNCHAR_SESSION_MAX_HOURS = env_int("XUNCHAR_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = XUNCHAR_SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# How many reverse proxies stand in front of the app (production: the intranet's TLS proxy, 1). The client's
# address for the audit log and the survey page's wrong-code counter is read from X-Forwarded-For that far
# back; 0 reads the connection's own address (run locally, or exposed directly).
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)

# The cache holds short-lived counters (e.g. wrong survey codes per client, groups/surveys/public.py). It must be
# shared by every web process in production, or each process counts on its own: CACHE_URL=redis://… there.
CACHE_URL = env_str("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL:
    raise ImproperlyConfigured(f"CACHE_URL must be a redis:// address or empty, not {CACHE_URL!r}")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background jobs. Embedded default: a broker in files under var/, no server needed.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# E-mail: the console while developing; in production the intranet's SMTP relay (EMAIL_HOST).
_email_host = env_str("EMAIL_HOST", "" if DEBUG else "localhost")
MAILERS = {
    "default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                # A mail server that never answers must not hold the worker (and with it every sweep).
                "OPTIONS": {"host": _email_host, "port": env_int("EMAIL_PORT", 25), "timeout": 15}}
    if _email_host
    else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "xunchar@localhost")

# Reminders go out this many working days before a deadline falls due.
XUNCHAR_REMINDER_WORKDAYS = env_int("XUNCHAR_REMINDER_WORKDAYS", 3)
# Passwords are changed at the first sign-in and then at least this often.
XUNCHAR_PASSWORD_MAX_AGE_DAYS = env_int("XUNCHAR_PASSWORD_MAX_AGE_DAYS", 90)
# This many failed sign-ins in a row lock a username for XUNCHAR_LOCKOUT_MINUTES; so do
# XUNCHAR_LOCKOUT_ADDRESS_ATTEMPTS failures from one address within that time, across usernames.
XUNCHAR_LOCKOUT_ATTEMPTS = env_int("XUNCHAR_LOCKOUT_ATTEMPTS", 5)
XUNCHAR_LOCKOUT_MINUTES = env_int("XUNCHAR_LOCKOUT_MINUTES", 30)
XUNCHAR_LOCKOUT_ADDRESS_ATTEMPTS = env_int("XUNCHAR_LOCKOUT_ADDRESS_ATTEMPTS", 20)
XUNCHAR_COUNTY_NAME = env_str("XUNCHAR_COUNTY_NAME", _("Demo County"))
# The office's abbreviation in its document numbers: 巡察办 + 发〔2026〕3号 (notices), 函〔2026〕1号 (letters).
XUNCHAR_OFFICE_DOCUMENT_PREFIX = env_str("XUNCHAR_OFFICE_DOCUMENT_PREFIX", "巡察办")
# The office's own licensed fonts (FangSong.ttf, SimHei.ttf, KaiTi.ttf, XiaoBiaoSong.ttf, SimSun.ttf …),
# used in generated PDFs before the free substitutes the project ships (xunchar/documents/typefaces.py).
XUNCHAR_FONT_DIR = env_str("XUNCHAR_FONT_DIR", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
