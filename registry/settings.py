"""Settings for Claim Registry, read from the environment.

Development: DEBUG=true gives a SQLite database and a throwaway secret key.
Production: set SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; `manage.py check --deploy`
then reports nothing.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from registry.env import (
    env_bool,
    env_float,
    env_int,
    env_json_object,
    env_list,
    env_networks,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The public base URL, used where an absolute URL must not depend on the request
# (ClaimReview `url`, oEmbed, badge links). Empty means "build it from the request".
SITE_URL = env_str("SITE_URL").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Claim Registry")

INSTALLED_APPS = [
    "registry.apps.RegistryAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "sources",
    "claims",
    "elsewhere",
    "api",
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]
# Before anything reads the request: NUL bytes, which PostgreSQL cannot store or compare.
MIDDLEWARE.insert(1, "registry.request_guards.refuse_nul_bytes")
# Outermost, so that every answer, a middleware's refusal included, carries a policy.
MIDDLEWARE.insert(0, "registry.content_security.default_policy")

ROOT_URLCONF = "registry.urls"
WSGI_APPLICATION = "registry.wsgi.application"

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
            ],
        },
    },
]

# Database: DATABASE_URL, or a SQLite file beside manage.py.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A read replica (docs/scaling.md): reads go to it, writes and the reads that follow a write
# stay on the primary. Nothing changes unless DATABASE_REPLICA_URL is set.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 10)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    # Tests see one database through both names, as they would after replication.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["registry.routers.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
        "registry.routers.PinPrimaryAfterWriteMiddleware",
    )

# Cache: Redis when REDIS_URL is set (shared across app servers), local memory otherwise.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # An unreachable Redis counts as an empty cache: slower, never an error.
            "BACKEND": "registry.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            # Several registries (or test runs) can share one Redis, each under its own prefix.
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "claimreg"),
            "TIMEOUT": 300,
            "OPTIONS": {
                "socket_connect_timeout": env_float("REDIS_CONNECT_TIMEOUT", 0.5),
                "socket_timeout": env_float("REDIS_TIMEOUT", 0.5),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "claim-registry",
            "TIMEOUT": 300,
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English and Traditional Chinese, everywhere.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hant", _("Traditional Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic gathers the files WhiteNoise serves.
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not DEBUG:
    # Hashed, compressed files served by WhiteNoise; needs `manage.py collectstatic`.
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# Archived copies of sources (sources/archive/): WARC files in a folder by default, or in any
# Django storage backend (django-storages' S3, GCS, Azure…) named by ARCHIVE_STORAGE_BACKEND
# with its options as a JSON object in ARCHIVE_STORAGE_OPTIONS.
ARCHIVE_ROOT = Path(env_str("ARCHIVE_ROOT") or BASE_DIR / "archive")
STORAGES["archive"] = {
    "BACKEND": env_str("ARCHIVE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
    "OPTIONS": env_json_object("ARCHIVE_STORAGE_OPTIONS")
    or {"location": str(ARCHIVE_ROOT), "base_url": None},
}
# What a capture may cost: seconds to connect, seconds for the whole response, bytes, hops.
ARCHIVE_CONNECT_TIMEOUT = env_float("ARCHIVE_CONNECT_TIMEOUT", 5.0)
ARCHIVE_TOTAL_TIMEOUT = env_float("ARCHIVE_TOTAL_TIMEOUT", 30.0)
ARCHIVE_MAX_BYTES = env_int("ARCHIVE_MAX_BYTES", 20 * 1024 * 1024)
ARCHIVE_MAX_REDIRECTS = env_int("ARCHIVE_MAX_REDIRECTS", 5)
# How many sources one admin action captures before it stops and says what is left.
ARCHIVE_ADMIN_BATCH = env_int("ARCHIVE_ADMIN_BATCH", 5)
ARCHIVE_USER_AGENT = env_str(
    "ARCHIVE_USER_AGENT", "Mozilla/5.0 (compatible; ClaimRegistry-archiver/1)"
)
# A PEM file of the certificate authorities the archiver trusts for https:// (for a newsroom
# behind its own TLS-inspecting proxy); empty trusts the system's store.
ARCHIVE_CA_BUNDLE = env_str("ARCHIVE_CA_BUNDLE", "")
# Host names fetched even though they resolve to a private or loopback address. For tests
# only, so it is not read from the environment: production never fetches inside its network.
ARCHIVE_FETCH_ALLOWED_HOSTS: list[str] = []

# import_claimreview fetches a feed or an article through the archive's guarded fetcher;
# a feed larger than this is downloaded first and imported from the file.
CLAIMREVIEW_FETCH_MAX_BYTES = env_int("CLAIMREVIEW_FETCH_MAX_BYTES", 50 * 1024 * 1024)
# Imported reviews' wording in a search index (elsewhere/wording_index.py): a folder the app
# writes, derived from the database (`manage.py index_external_reviews` builds it anew).
# Empty turns it off: wording is then read through pg_trgm (or in Python on SQLite).
EXTERNAL_REVIEW_INDEX = env_str("EXTERNAL_REVIEW_INDEX", str(BASE_DIR / "review-index"))
# What answers "checked before?" (elsewhere/matching.py); a newsroom may plug in its own.
CHECKED_BEFORE_MATCHER = env_str(
    "CHECKED_BEFORE_MATCHER", "elsewhere.matching.FigureAndWordingMatcher"
)

# Security. Secure defaults whenever DEBUG is off; each can be relaxed from the environment
# (for instance SECURE_SSL_REDIRECT=false behind a proxy that already redirects).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "registry.errors.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The reverse proxies in front of the app, by address or network ("127.0.0.1", "10.0.0.0/8").
# A request from one of them is from the address it wrote last in X-Forwarded-For
# (core/client_address.py); nobody else's X-Forwarded-For is believed. Empty: every
# client is the socket's address, which behind a proxy is the proxy's, for everyone.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
if env_str("API_NUM_PROXIES"):
    # A count trusts the header from anyone who reaches the app directly.
    raise ImproperlyConfigured(
        "API_NUM_PROXIES is replaced by TRUSTED_PROXIES: list the proxies' addresses instead"
    )

# Password guessing (django-axes): the admin sign-in and the desk token endpoint refuse,
# without checking the password, an account at an address that failed there 5 times in the
# last 15 minutes, and an address that failed 20 times for any accounts. Failures are counted
# in the database, so every worker and machine sees the same count, with or without Redis;
# the sign-in views take them one at a time per address (core/login_throttle.py). A
# guesser cannot lock an editor out from elsewhere: the editor's own address counts apart.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "core.login_throttle.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = 5  # for an account at an address
LOGIN_FAILURES_PER_ADDRESS = 20
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_CLIENT_IP_CALLABLE = "core.client_address.of_request"
# Refused attempts neither count nor stretch the lock: the password was never checked.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful sign-in clears its own account's failures from its address only
# (core/login_throttle.py): axes' reset would clear the whole address.
AXES_RESET_ON_SUCCESS = False
# No log of every sign-in kept forever; unlock with `manage.py axes_reset_username` or
# `axes_reset_ip`. Axes' admin pages exist in English only.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
# Failures are still logged, as warnings; no start-up line from every manage.py command.
AXES_VERBOSE = False
# Axes' middleware would turn the answer to the failure that reaches the limit into its
# lockout page; our views answer themselves: "wrong password" when it was checked, 429 only
# when it was not.
SILENCED_SYSTEM_CHECKS = ["axes.W002"]

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# ---------------------------------------------------------------------------------------------
# REST API (the `api` app): DRF, OpenAPI, CORS, throttling and the public read cache.
# ---------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["api.filters.RegistryFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.RegistryPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonymousThrottle",
        "api.throttling.AuthenticatedThrottle",
    ],
    "DEFAULT_SCHEMA_CLASS": "api.schema.RegistryAutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": True,
    # One format per endpoint; `?format=` would only add ways to get it wrong.
    "URL_FORMAT_OVERRIDE": None,
    # Our throttles find the client through TRUSTED_PROXIES (api/throttling.py); 0 keeps any
    # other DRF code on the socket's address, never on a header a client can send.
    "NUM_PROXIES": 0,
}
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 100)
# Requests per period ("120/min", "5000/day", or "off") for anonymous clients and for token
# holders.
API_THROTTLE_RATES = {
    "anon": env_str("API_THROTTLE_ANON", "120/min"),
    "user": env_str("API_THROTTLE_USER", "600/min"),
}
# How long browsers (max-age) and shared caches such as a CDN (s-maxage) keep public reads.
# Browsers revalidate every time (a 304 costs one cache read); shared caches keep a read
# 30 s and may serve it 30 s more while they revalidate (docs/scaling.md).
API_CACHE_MAX_AGE = env_int("API_CACHE_MAX_AGE", 0)
API_CACHE_S_MAXAGE = env_int("API_CACHE_S_MAXAGE", 30)
# How long the server keeps a rendered public answer (API reads, pages, badges); any public
# change drops them all at once.
API_CACHE_TIMEOUT = env_int("API_CACHE_TIMEOUT", 600)

SPECTACULAR_SETTINGS = {
    "TITLE": "Claim Registry API",
    "DESCRIPTION": (
        "Published fact-checks: claims, their verdicts, evidence and sources, as JSON and as "
        "schema.org ClaimReview.\n\n"
        "**Reading** needs no account. Lists take filters, `search` (Chinese or English), "
        "`ordering`, and `page`/`page_size`; to sync everything, start with `cursor=` (empty) "
        "and follow `next` until it is null. Responses carry `ETag` and `Last-Modified`: send "
        "them back as `If-None-Match` / `If-Modified-Since` to get a 304.\n\n"
        "**Writing** (under `desk/`) needs a token: POST a staff username and password to "
        "`desk/token/`, then send `Authorization: Token <key>`. Updates and workflow actions "
        "need `If-Match` with the claim's `ETag` from your last read: 412 when someone saved "
        "since, 428 when it is missing.\n\n"
        "**Errors** always look like "
        '`{"status": 400, "code": "invalid", "message": "…", "errors": {"field": ["…"]}}`.'
    ),
    "VERSION": "1",
    # 3.1: a nullable reference is `oneOf [$ref, {type: null}]`, which validators read as meant.
    "OAS_VERSION": "3.1.0",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.exact_for_validators",
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "UnitEnum": "claims.models.claim.Unit",
        "ClaimKindEnum": "claims.models.claim.ClaimKind",
        "ClaimStatusEnum": "claims.models.claim.ClaimStatus",
        "ComparatorEnum": "claims.models.claim.Comparator",
        "SourceKindEnum": "sources.models.SourceKind",
        "EvidenceRoleEnum": "claims.models.evidence.EvidenceRole",
        "VerdictChangeKindEnum": "claims.models.verdict.VerdictChangeKind",
    },
}

# Browser clients on any site may read the API; nobody may write across origins, and no
# cookie ever rides along (writes use tokens, which a browser never attaches by itself).
# The API and the badges' JSON (shields.io, badge.js on a publisher's page) from any origin.
CORS_URLS_REGEX = r"^/(api/.*|badge/[^/]+\.json|embed/[^/]+\.json|oembed/)$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# Conditional requests from another origin: the preflight allows the validators' headers.
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
# ---------------------------------------------------------------------------------------------
