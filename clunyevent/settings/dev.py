"""Local development, the default of manage.py. DJANGO_DEBUG=0 turns it into a local trial
of the production settings, with the same fail-fast checks."""

from .base import *

DEBUG = env_bool("DJANGO_DEBUG", True)

if DEBUG:
    SECRET_KEY = SECRET_KEY or "dev-only-not-secret-" + "x" * 40
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]
else:
    from .prod import *
