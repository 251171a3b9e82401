"""Tests: fast hashing, mail kept in memory, a fixed key. DATABASE_URL still picks the database."""

import os

from .base import *

SECRET_KEY = "test-only-" + "k" * 50
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Through the queue as in production, but sent at once to Django's outbox (mail.outbox): each
# email is still an Email row with its Log, and a test reads what was sent right away. The
# tests of the queue itself set DEFAULT_PRIORITY back to "medium" and run the worker.
POST_OFFICE = {
    **POST_OFFICE,
    "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    "DEFAULT_PRIORITY": "now",
}
# A lock of this test run's own: another run on the machine must not hold its worker back.
MAIL_QUEUE_LOCK_FILE = f"{MAIL_QUEUE_LOCK_FILE}-tests-{os.getpid()}"
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
