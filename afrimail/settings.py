"""One settings module, driven by the environment (see .env.example).

Every value has a default that lets a fresh clone run on the embedded
services: SQLite under var/, the kombu filesystem transport for Celery and
the local mail catcher on 127.0.0.1:1025.
"""

import os
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from domains.keys import read_fernet_keys

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

# pytest sets PYTEST_VERSION: a test run keeps its database, broker and
# media apart from the ones `make run` uses.
TESTING = "PYTEST_VERSION" in os.environ
_DEFAULT_VAR = BASE_DIR / ("var/test" if TESTING else "var")
VAR_DIR = Path(env.str("AFRIMAIL_VAR_DIR", default=str(_DEFAULT_VAR)))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Keys encrypting secrets at rest (SMTP passwords, API keys, DKIM private
# keys), comma-separated, newest first: the first encrypts, all decrypt.
# Under DEBUG, pytest or the built-in development SECRET_KEY an unset value
# falls back to a key derived from SECRET_KEY, so a fresh clone runs; a
# production installation (its own SECRET_KEY, DEBUG off) must set it.
FERNET_KEYS = read_fernet_keys(
    env.str("FERNET_KEYS", default=""),
    secret_key=SECRET_KEY,
    allow_dev_key=DEBUG or TESTING or SECRET_KEY.startswith("dev-only-"),
)

# The public address of this installation: links in emails (tracking,
# unsubscribe, invitations) are built on it.
SITE_URL = env.url("SITE_URL", default="http://127.0.0.1:8000").geturl().rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_celery_beat",
    "allauth",
    "allauth.account",
    "accounts",
    "contacts",
    "campaigns",
    "templates_lib",
    "domains",
    "mailcatcher",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Compresses pages (and static files in development) for slow mobile
    # connections; Django's GZip adds random padding against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.FrenchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.ActiveCompanyMiddleware",
]

ROOT_URLCONF = "afrimail.urls"
WSGI_APPLICATION = "afrimail.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.active_company",
            ],
        },
    },
]

DATABASES = {
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'afrimail.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while a worker writes; IMMEDIATE
    # transactions take the write lock up front instead of failing with
    # "database is locked" half-way through.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory: process tests share the test database with a
    # worker and a web server.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# django-allauth: email is the login; a new address must be confirmed.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[AfriMail Pro] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
}

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Africa/Douala"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Imported files can be large; they are streamed to disk, never held whole.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
CONTACT_IMPORT_MAX_BYTES = env.int("CONTACT_IMPORT_MAX_BYTES", default=50 * 1024 * 1024)

# Outgoing mail: account emails and the platform's default sender.
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env.str("EMAIL_HOST", default="127.0.0.1")
EMAIL_PORT = env.int("EMAIL_PORT", default=1025)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="AfriMail Pro <no-reply@afrimail.test>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The platform's default sender domain, used by companies that have not
# set up their own: campaigns go out as "Company name <CAMPAIGN_FROM_EMAIL>".
CAMPAIGN_FROM_EMAIL = env.str("CAMPAIGN_FROM_EMAIL", default="envoi@afrimail.test")
# Where mailto: unsubscribe requests and bounces are addressed.
UNSUBSCRIBE_MAILTO = env.str(
    "UNSUBSCRIBE_MAILTO", default="desabonnement@afrimail.test"
)
# Campaign envelope senders (VERP, one address per message) are on this
# domain, so a bounce names the message it is about.
BOUNCE_DOMAIN = env.str("BOUNCE_DOMAIN", default="bounces.afrimail.test")
# A claimed message whose batch stops renewing its lease for this long is
# taken back by resume_stalled_sends (a worker died holding it).
SEND_LEASE_SECONDS = env.int("SEND_LEASE_SECONDS", default=120)
# Redis for the per-sender rate limits shared by all workers; empty means
# the broker's Redis if it is one, else counters in the database.
RATE_LIMIT_REDIS_URL = env.str("RATE_LIMIT_REDIS_URL", default="")

# Sender domains. The SPF include of the platform's own relay, required in
# a customer's SPF record when set; DKIM for the platform's default sender
# (a PEM file and its selector; unset means platform mail is not signed);
# the DNS servers checks ask ("IP" or "IP:port", default: the system's).
PLATFORM_SPF_INCLUDE = env.str("PLATFORM_SPF_INCLUDE", default="")
PLATFORM_DKIM_SELECTOR = env.str("PLATFORM_DKIM_SELECTOR", default="")
PLATFORM_DKIM_KEY_FILE = env.str("PLATFORM_DKIM_KEY_FILE", default="")
DNS_NAMESERVERS = env.list("DNS_NAMESERVERS", default=[])
DNS_TIMEOUT = env.float("DNS_TIMEOUT", default=5.0)

# Local mail catcher (make run): the SMTP sink that stores what it receives.
MAILCATCHER_DIR = VAR_DIR / "mailcatcher"

# Celery: the filesystem transport needs no server; production sets
# CELERY_BROKER_URL=redis://...
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_DIR = Path(env.str("CELERY_BROKER_DIR", default=str(VAR_DIR / "broker")))
if CELERY_BROKER_URL == "filesystem://":
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "out"),
        "data_folder_out": str(CELERY_BROKER_DIR / "out"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "store_processed": False,
    }
    for _folder in ("out", "control", "processed"):
        (CELERY_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "campaigns.tasks.send_*": {"queue": "send"},
    "campaigns.tasks.aggregate_*": {"queue": "track"},
    "contacts.tasks.*": {"queue": "import"},
}
CELERY_TASK_IGNORE_RESULT = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
# Periodic work, declared here only (beat copies it into django-celery-beat).
CELERY_BEAT_SCHEDULE = {
    "domains-reverify-daily": {
        "task": "domains.tasks.reverify_all_domains",
        "schedule": 24 * 60 * 60.0,
    },
    "campaigns-start-due": {
        "task": "campaigns.tasks.start_due_campaigns",
        "schedule": 60.0,
    },
    "campaigns-resume-stalled": {
        "task": "campaigns.tasks.resume_stalled_sends",
        "schedule": 60.0,
    },
    "campaigns-aggregate-tracking": {
        "task": "campaigns.tasks.aggregate_recent_campaigns",
        "schedule": 30.0,
    },
    "contacts-score-nightly": {
        "task": "contacts.tasks.score_all",
        "schedule": crontab(hour=2, minute=30),
    },
}

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Security headers. The CSP allows only our own scripts and styles; tenant
# HTML is shown in sandboxed iframes, never inline.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_SECURE = SITE_URL.startswith("https")
CSRF_COOKIE_SECURE = SITE_URL.startswith("https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s [%(name)s] %(levelname)s: %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}

TRIAL_DAYS = 14
