"""/healthz for load balancers: the app answers, and so do its database and its cache."""

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def check_cache():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    found = cache.get(key) == value
    cache.delete(key)
    return found


@never_cache
def healthz(request):
    checks = {}
    for name, check in (("database", check_database), ("cache", check_cache)):
        try:
            checks[name] = "ok" if check() else "error"
        except Exception as error:  # a health check reports every failure, whatever its kind
            checks[name] = f"error: {type(error).__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )
