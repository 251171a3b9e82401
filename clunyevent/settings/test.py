"""Tests: fast hashing, mail kept in memory, a fixed key. DATABASE_URL still picks the database."""

from .base import *

SECRET_KEY = "test-only-" + "k" * 50
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests render templates without running collectstatic first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the finders, without needing collectstatic before the tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Logins in tests use force_login; the lock-out tests switch django-axes back on.
AXES_ENABLED = False
# Each test starts with an empty cache of its own (tests/conftest.py); the tests of the page
# cache, of Redis and of the database cache shared by workers set up their own.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_ENABLED = False
