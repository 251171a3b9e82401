"""A limit per client address on form submissions, counted in Django's cache.

With Redis as the cache (REDIS_URL), every app server counts in the same place, so the limit
holds however many servers answer. Fixed windows: simple, and enough to stop a script
hammering a form without bothering colleagues who share an office address.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_address(request):
    """REMOTE_ADDR, or the address the nearest trusted proxy saw (settings: `proxies`)."""
    proxies = settings.REGISTRATION_RATE_LIMIT.get("proxies", 0)
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        # Each proxy appends the address it received from: a client can forge the start only.
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def allow(request, scope):
    """Count this request; False once its address has used up the allowance of the window."""
    limit = settings.REGISTRATION_RATE_LIMIT
    window = int(time.time() // limit["seconds"])
    # Hashed: a header's arbitrary text never becomes a cache key, nor an address stored plain.
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"registrations:ratelimit:{scope}:{address}:{window}"
    cache.add(key, 0, timeout=limit["seconds"])
    try:
        count = cache.incr(key)
    except ValueError:  # The key expired between add() and incr().
        cache.set(key, 1, timeout=limit["seconds"])
        count = 1
    return count <= limit["requests"]


def limit_posts(scope):
    """View decorator: a POST over the limit gets a French explanation with HTTP 429."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and not allow(request, scope):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def too_many_requests(request):
    seconds = settings.REGISTRATION_RATE_LIMIT["seconds"]
    response = render(
        request,
        "registrations/rate_limited.html",
        {"minutes": max(1, seconds // 60)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
