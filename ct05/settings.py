"""Django settings for CT05, read entirely from environment variables (see ct05/env.py and README)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from ct05.env import (
    ConfigError,
    env_bool,
    env_int,
    env_list,
    env_str,
    parse_cache_url,
    parse_database_url,
    parse_replica_url,
    production_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CT05_VAR_DIR", str(BASE_DIR / "var"), "Folder for the SQLite file, uploads and exports."))

DEBUG = env_bool("DEBUG", False, "Development mode: detailed error pages. Never in production.")
SECRET_KEY = production_secret_key(debug=DEBUG)  # a bad key is refused by manage.py and wsgi.py (env.py says why)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"], "Comma-separated host names the site answers to.")
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", [], "Comma-separated origins (https://ct05.example.vn) behind a proxy."
)
SECURE = env_bool("SECURE_HTTPS", False, "Served over HTTPS: secure cookies, HSTS, redirect to https.")
SECURE_SSL_REDIRECT = SECURE
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE else 0, "HSTS max-age when HTTPS.")
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env_bool("BEHIND_PROXY", False, "Trust X-Forwarded-Proto from the reverse proxy.")
    else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "ct05.accounts.apps.AdminConfig",  # django.contrib.admin with a site for superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # its docs page then loads Swagger UI from its own static files, not from a CDN (ct05/api)
    "ct05.core",
    "ct05.orgs",
    "ct05.access",
    "ct05.accounts",
    "ct05.cycle",
    "ct05.records",
    "ct05.supervision",
    "ct05.dashboard",
    "ct05.seed",
    "ct05.api",
    "ct05.ops",
]

MIDDLEWARE = [
    "ct05.ops.requestid.RequestIdMiddleware",  # first: every later log line carries the request id
    "ct05.ops.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Pages compressed for slow links (issue 13: the weights in docs/benchmarks-pages.md assume it), with the
    # Heal-the-BREACH padding nginx's gzip lacks; static files come compressed from WhiteNoise; the API is not.
    "ct05.core.middleware.PageGZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ct05.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ct05.accounts.middleware.AccountMiddleware",
    "ct05.core.middleware.JobLimitMiddleware",  # a report/analysis/export beyond one's share: 429 with a message
    "ct05.core.dbrouter.ReplicaMiddleware",  # dashboards, reports, exports read from the replica when set
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "ct05.urls"
WSGI_APPLICATION = "ct05.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],  # every template lives in its app (base.html in core)
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ct05.core.dbrouter.replica",
                "ct05.access.context.sight",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'ct05.sqlite3'}"
DATABASES = {
    "default": parse_database_url(
        env_str(
            "DATABASE_URL",
            _default_db,
            "sqlite:///path/file.sqlite3 (default var/ct05.sqlite3) or postgres://user:pass@host:5432/name.",
        )
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker write while pages read; IMMEDIATE avoids "database is locked" on upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
_replica_url = env_str(
    "DATABASE_REPLICA_URL",
    "",
    "postgres://… of a streaming replica; dashboards, reports and exports read from it (PostgreSQL only).",
)
if _replica_url:
    DATABASES["replica"] = parse_replica_url(_replica_url, primary=DATABASES["default"])
REPLICA_READS = bool(_replica_url)  # ct05/core/dbrouter.py; tests declare a mirror alias with this off
DATABASE_REPLICA_PIN_SECONDS = env_int(
    "DATABASE_REPLICA_PIN_SECONDS", 30, "Seconds after a save during which that person reads only from the primary."
)
DATABASE_ROUTERS = ["ct05.core.dbrouter.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every application node (issue 15, item 1): sessions in the database; the cache (the API's rate
# limits, ct05/api/auth.py) in CACHE_URL — one process's memory by default, Redis or the database cache when
# several processes or nodes serve; sign-in lockouts in the database (django-axes' database handler).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES = {
    "default": parse_cache_url(
        env_str(
            "CACHE_URL",
            "locmem://",
            "Cache every process shares: redis://127.0.0.1:6379/0 (Redis) or db:// (the database); the "
            "default locmem:// is one process's memory, for a single process only.",
        )
    )
}
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend",
            "Background task backend; the database queue needs `ct05 db_worker` running.",
        ),
        "QUEUES": ["default"],
    }
}
TASK_LEASE_SECONDS = env_int(
    "TASK_LEASE_SECONDS",
    60,
    "A running task whose worker has not renewed its lease for this long is retried or failed (ct05/core/leases.py).",
)

# Argon2id first (ct05/accounts/passwords.py: why, and what it costs); the others verify older hashes, which
# are re-hashed with Argon2id at the next sign-in.
PASSWORD_HASHERS = [
    "ct05.accounts.passwords.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "ct05.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "ct05.accounts.passwords.CharacterMixValidator"},
]
# Sign-in (issue 12, item 4; ct05/accounts): lockout per account and per address (django-axes), session
# timeouts, the admin's address. A locked account opens again after the cool-off, or at once when an
# administrator deletes its row under "Axes › Access attempts" in the admin (or runs `ct05 axes_reset_username`).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, "Wrong passwords in a row before an account or address locks.")
AXES_COOLOFF_TIME = dt.timedelta(
    minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, "Minutes a locked account or address waits before trying again.")
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit locks
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ct05.accounts.views.signin.locked_out"
AXES_CLIENT_IP_CALLABLE = "ct05.accounts.middleware.client_ip"
AXES_VERBOSE = False
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, "Minutes without a request after which one is signed out.")
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 12, "Hours after sign-in until one must sign in again.")
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 3600
TWO_FACTOR_REQUIRED = env_bool(
    "TWO_FACTOR_REQUIRED", not DEBUG, "TOTP second factor for province roles, supervisors and superusers."
)
OTP_TOTP_ISSUER = "CT05"
ADMIN_URL = env_str("ADMIN_URL", "admin/", "Path of the admin site (superusers only), e.g. a hard-to-guess one.")
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "dashboard:start"
LOGOUT_REDIRECT_URL = "core:login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "ct05" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [BASE_DIR / "ct05" / "static"]
_htmx_dist = BASE_DIR / "node_modules" / "htmx.org" / "dist"
if _htmx_dist.is_dir():
    STATICFILES_DIRS.append(("vendor/htmx", _htmx_dist))
# Stored files (issue 15, item 1; ct05/core/storage.py): folders under CT05_VAR_DIR on one server, or the
# database every application node reaches when there are several (docs/operations.md says why not S3).
FILE_STORAGE = env_str(
    "CT05_STORAGE",
    "local",
    "Where stored files live: `local` (folders under CT05_VAR_DIR, one server) or `database` (PostgreSQL "
    "rows every application node reads; for several nodes).",
)
if FILE_STORAGE not in {"local", "database"}:
    raise ConfigError(f"CT05_STORAGE={FILE_STORAGE!r}: use local or database")
_STORE = {"local": "ct05.core.storage.VarDirStorage", "database": "ct05.core.storage.DatabaseStorage"}[FILE_STORAGE]
STORAGES = {
    # Documents and attachments (ct05/records/filestore.py): CT05_VAR_DIR/files when local.
    "default": {"BACKEND": _STORE, "OPTIONS": {"folder": "files"}},
    # Generated periodic reports (ct05/dashboard/reports/service.py): CT05_VAR_DIR/reports/<job>/ when local.
    "reports": {"BACKEND": _STORE, "OPTIONS": {"folder": "reports"}},
    # Import files between the upload and the worker's run (ct05/core/uploads.py), CT05_VAR_DIR/imports when
    # local: any node's worker reads them; kept only once they passed the checks, removed by the run or
    # `ct05 cleanup_uploads`.
    "imports": {"BACKEND": _STORE, "OPTIONS": {"folder": "imports"}},
    # Large exports made by the worker (ct05/core/exports.py), CT05_VAR_DIR/exports/<job>/ when local, kept
    # EXPORT_KEEP_DAYS.
    "exports": {"BACKEND": _STORE, "OPTIONS": {"folder": "exports"}},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", False, "Hashed, compressed static names; production, after collectstatic.")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = VAR_DIR / "files"  # outside the web root: never served by URL, only through views

# An upload is refused above this size (the import page says so); keeps a 60 MB file from filling memory.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 20 * 1024 * 1024, "Largest accepted import file, in bytes.")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Exports (issue 12): above this many rows an .xlsx is made by the worker and downloaded from the job page.
EXPORT_ROWS_IN_REQUEST = env_int("EXPORT_ROWS_IN_REQUEST", 5000, "Rows above which an .xlsx export runs in the worker.")
EXPORT_KEEP_DAYS = env_int("EXPORT_KEEP_DAYS", 7, "Days a background export's file is kept for download.")
# Report, analysis and export jobs one person may have queued or running at once (ct05/core/jobs.py).
JOBS_PER_USER = env_int("JOBS_PER_USER", 2, "Report, analysis and export jobs a person may have waiting at once.")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    "Django e-mail backend; smtp: django.core.mail.backends.smtp.EmailBackend.",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost", "SMTP server.")
EMAIL_PORT = env_int("EMAIL_PORT", 25, "SMTP port.")
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "", "SMTP user.")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "", "SMTP password.")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False, "SMTP with STARTTLS.")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ct05@localhost", "Sender address of notifications.")

LOG_FORMAT = env_str("LOG_FORMAT", "text", "Log lines as `text` or as one JSON object per line (`json`).")
if LOG_FORMAT not in {"text", "json"}:
    raise ConfigError(f"LOG_FORMAT={LOG_FORMAT!r}: use text or json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ct05.ops.requestid.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "ct05.ops.requestid.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO", "Logging level.")},
}

# /metrics (ct05/ops/metrics.py): answered only to this bearer token or to these peer addresses; else 404.
METRICS_TOKEN = env_str("METRICS_TOKEN", "", "Bearer token that may read /metrics.")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", [], "Addresses or networks that may read /metrics.")
# Read by prometheus_client itself; declared here so that it is documented with the others.
env_str("PROMETHEUS_MULTIPROC_DIR", "", "Folder for gunicorn workers' shared metrics (emptied at each start).")
