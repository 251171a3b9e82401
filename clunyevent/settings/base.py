"""Settings shared by every environment. Secrets and hosts come from the environment."""

import datetime
import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or list(default)


DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin, whose lists never give a 500 for an odd filter (clunyevent/adminsite.py).
    "clunyevent.apps.SiteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Serve static files through whitenoise in development too, as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "csp",
    "axes",
    # django-post-office under the name organisers read in the admin (« Envoi des courriels »).
    "mailqueue.apps.PostOfficeConfig",
    "mailqueue",
    "programme",
    "registrations",
    "teams",
    "proposals",
    "evaluations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware, so static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages served whole from the shared cache, before the rest of the stack runs: each
    # is kept as it was sent (compressed or not), with the headers set below it.
    "programme.pagecache.PageCacheMiddleware",
    # Compresses answers for the browsers that accept it (Django adds random bytes against
    # BREACH); before anything that reads or sets the body.
    "django.middleware.gzip.GZipMiddleware",
    # ETag from the uncompressed body, and 304 when the browser already has it.
    "django.middleware.http.ConditionalGetMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The site's 400 page for what no view could read (a form in another charset, a NUL),
    # before the CSRF check and the admin's filters read it.
    "clunyevent.errors.UnreadableRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware: French, or English when chosen with the switcher (a cookie).
    "programme.language.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

# After the admin's login, when its « next » is missing or points elsewhere.
LOGIN_REDIRECT_URL = "admin:index"

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out address or account is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "clunyevent.urls"
WSGI_APPLICATION = "clunyevent.wsgi.application"

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
                "programme.context_processors.current_edition",
                "programme.context_processors.content_version",
                "registrations.context_processors.registration_window",
            ],
        },
    },
]


def database_from_env():
    # Connections are kept between requests (SQLite too: opening one and setting its pragmas
    # was a quarter of a rendered page's time); health checks drop a broken one first.
    config = dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers run beside a writer; IMMEDIATE transactions take the write lock
        # up front, so concurrent writers wait (busy_timeout) instead of failing mid-way.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000;",
            "transaction_mode": "IMMEDIATE",
        }
    return config


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [
    BASE_DIR / "locale",
    # French for the admin of apps that ship none (django-post-office). Outside locale/, which
    # `makemessages` rewrites from this project's sources: see locale_vendor/README.md.
    BASE_DIR / "locale_vendor",
]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# JSON that keeps the microseconds of times (programme/serializers.py says why).
SERIALIZATION_MODULES = {"json": "programme.serializers"}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# An admin export needs its own permission, export_<model> (registrations.export_registration):
# without this setting django-import-export lets any staff account export, even one that may
# not read the list. A model given an export later stays closed until its permission exists.
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"

# Every email goes through the queue (django-post-office): a request only writes it to the
# database, and the worker (`manage.py send_queued_mail_worker`) hands it to the real backend,
# DJANGO_EMAIL_BACKEND, with the EMAIL_* settings below. A slow mail server holds no request.
EMAIL_BACKEND = "mailqueue.backends.EmailBackend"
POST_OFFICE = {
    "BACKENDS": {
        "default": os.environ.get(
            "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        )
    },
    # Queued, never sent inside the request ("now" would send at once).
    "DEFAULT_PRIORITY": "medium",
    # 9 attempts over about 4 hours (1, 2, 4… minutes, then every 2 hours: MAIL_QUEUE_BACKOFF),
    # then « failed », for organisers to requeue from the admin.
    "MAX_RETRIES": 8,
    "RETRY_INTERVAL": datetime.timedelta(minutes=1),
    # A Log row for each attempt, successes too: the admin shows when a message went.
    "LOG_LEVEL": 2,
}
# post-office waits RETRY_INTERVAL between attempts, always the same; the worker doubles the
# wait after each failure instead (mailqueue.services.apply_backoff), up to `cap`.
MAIL_QUEUE_BACKOFF = {
    "base": POST_OFFICE["RETRY_INTERVAL"],
    "cap": datetime.timedelta(hours=2),
}
# One worker at a time sends from a database (post-office's lock file): named after the
# database, so that two sites or checkouts on one machine never stop each other's worker.
_database = "|".join(str(DATABASES["default"].get(k)) for k in ("ENGINE", "HOST", "PORT", "NAME"))
_database_key = hashlib.sha256(_database.encode()).hexdigest()[:16]
MAIL_QUEUE_LOCK_FILE = os.path.join(tempfile.gettempdir(), f"clunyevent-mail-{_database_key}")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "ne-pas-repondre@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Absolute links in emails sent without a request (e.g. a promotion triggered from the admin).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://localhost:8000").rstrip("/")

# The cache holds the rate limits, the content version and, with Redis, the public pages:
# every worker of every server must see the same one. Without Redis, the database's cache
# table (`manage.py createcachetable`) is shared by all the workers of a machine, and the page
# cache is off. Sessions stay in the database (Django's default): page entries never evict
# an organiser's login.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "clunyevent"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        }
    }

# Whole-page cache of the public pages (programme/pagecache.py), with Redis only;
# DJANGO_PAGE_CACHE=0 turns it off to measure pages rendered.
PAGE_CACHE_ENABLED = bool(REDIS_URL) and env_bool("DJANGO_PAGE_CACHE", True)

# Days during which a session changed after publication is marked « modifié le … » on the
# pages and in the personal programme.
CHANGE_MARK_DAYS = int(os.environ.get("DJANGO_CHANGE_MARK_DAYS", "7"))

# Evaluations: a session opens for its evaluation so many minutes before its end; the
# questionnaire closes so many days after the last day; no result is shown for fewer answers
# than EVALUATION_MIN_ANSWERS (a small group would be recognisable).
EVALUATION_OPENS_MINUTES_BEFORE_END = int(os.environ.get("DJANGO_EVALUATION_OPENS_MINUTES", "10"))
EVALUATION_CLOSES_DAYS_AFTER = int(os.environ.get("DJANGO_EVALUATION_CLOSES_DAYS", "30"))
EVALUATION_MIN_ANSWERS = int(os.environ.get("DJANGO_EVALUATION_MIN_ANSWERS", "5"))
# The « à froid » follow-up: so many days after the last day, each participant receives their
# « prochains pas » back with the link to a short questionnaire, open so many days from then.
EVALUATION_FOLLOW_UP_DAYS = int(os.environ.get("DJANGO_EVALUATION_FOLLOW_UP_DAYS", "30"))
EVALUATION_FOLLOW_UP_OPEN_DAYS = int(os.environ.get("DJANGO_EVALUATION_FOLLOW_UP_OPEN_DAYS", "21"))

# Change notices: changes made within this many minutes of each other are gathered into one
# email per participant concerned, sent once the programme has been quiet for that long.
NOTICE_QUIET_MINUTES = int(os.environ.get("DJANGO_NOTICE_QUIET_MINUTES", "15"))

# Spare rows at the end of each sign-in sheet, for people who come unregistered; organisers
# choose another number on the sheet's page (registrations/sheets.py).
SIGNIN_SHEET_BLANK_ROWS = int(os.environ.get("DJANGO_SIGNIN_SHEET_BLANK_ROWS", "5"))

# On-site sign-in (registrations/presence.py): a half-day's scans and self-sign code are
# accepted from so many minutes before its first training session to so many after its last;
# a participant may type so many wrong codes per half-day.
SIGN_IN_OPENS_MINUTES_BEFORE = int(os.environ.get("DJANGO_SIGN_IN_OPENS_MINUTES_BEFORE", "30"))
SIGN_IN_CLOSES_MINUTES_AFTER = int(os.environ.get("DJANGO_SIGN_IN_CLOSES_MINUTES_AFTER", "30"))
SELF_SIGN_WRONG_CODES = int(os.environ.get("DJANGO_SELF_SIGN_WRONG_CODES", "5"))

# POSTs allowed per client address and per form (sign-up, "send my link again") in a window.
# Generous: colleagues of one employer often share an address. `proxies` is the number of
# trusted reverse proxies that append to X-Forwarded-For (0: use REMOTE_ADDR as is).
REGISTRATION_RATE_LIMIT = {
    "requests": int(os.environ.get("DJANGO_REGISTRATION_RATE_LIMIT", "20")),
    "seconds": int(os.environ.get("DJANGO_REGISTRATION_RATE_WINDOW", "600")),
    "proxies": int(os.environ.get("DJANGO_TRUSTED_PROXIES", "0")),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Personal links are keys to people's data: masked in every line the site logs.
    "filters": {"mask_tokens": {"()": "clunyevent.logs.MaskTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_tokens"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # post-office logs each pass of the worker at INFO (« Started sending 0 emails »): only
    # warnings and failed attempts here, every attempt being in the admin anyway. With a
    # handler of ours, post-office does not install its own (post_office.logutils).
    "loggers": {"post_office": {"handlers": ["console"], "level": "WARNING", "propagate": False}},
}

# Content-Security-Policy: everything comes from the site itself; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Nothing on the site uses these browser features: a page injected or framed cannot either.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Brute-force protection of the admin login. Failures are stored in the database, so a
# lock-out holds whichever app server the next attempt reaches.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
# The client's address by the same rule as the rate limit (X-Forwarded-For as the trusted
# proxies report it): behind a proxy, one address must never lock a person out everywhere.
AXES_CLIENT_IP_CALLABLE = "registrations.ratelimit.client_address"

# The hall screens (/ecran/) reload themselves every so many seconds (meta refresh).
SCREEN_REFRESH_SECONDS = int(os.environ.get("DJANGO_SCREEN_REFRESH_SECONDS", "60"))
