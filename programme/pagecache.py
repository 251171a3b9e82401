"""Whole public pages kept in the shared cache, under the content version (programme/content.py).

A view opts in with @cacheable: its answers are the same for every visitor in a given language.
The middleware serves such pages again to visitors without a session, for GET and HEAD without
a query string, as long as the content version is the one they were stored under. A hit costs
one cache read (the version and the page, together); a new version simply makes the old
entries unusable, and every entry also expires after TIMEOUT, which bounds the cache and lets
what depends on the clock alone (a registration window opening) show within minutes.

Pages are stored with a gzip copy, so that a hit is not compressed again at every request.
ConditionalGetMiddleware, above, answers If-None-Match for hits and misses alike.
"""

import logging
import re
from functools import wraps
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers, set_response_etag
from django.utils.text import compress_string

from . import content
from .language import language_for

logger = logging.getLogger(__name__)
TIMEOUT = 300  # seconds
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Set anew on every answer, not kept: they depend on the body sent.
NOT_KEPT = {"content-length", "content-encoding", "etag"}


def cacheable(view):
    """Mark a view's answers as the same for every visitor (in a language): the cache may keep
    its 200s. Pages that show seats or anything personal must not use it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.cacheable = True
        return response

    return wrapper


def cacheable_request(request):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        # Any query string bypasses the cache: nobody can fill it with made-up addresses.
        and not request.META.get("QUERY_STRING")
        # A session may hold an organiser's login or flash messages: never shared.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def page_key(request):
    where = f"{request.scheme}://{request.get_host()}{request.path}"
    return f"page:{language_for(request)}:{sha256(where.encode()).hexdigest()}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        try:
            found = cache.get_many([content.KEY, key])
        except Exception:  # an unreachable cache slows the site down, never takes it down
            logger.exception("Page cache unavailable: rendering without it.")
            return self.get_response(request)
        version = found.get(content.KEY) or content.current()
        entry = found.get(key)
        if entry is not None and entry["version"] == version.number:
            return from_entry(entry, request)
        response = self.get_response(request)
        if request.method == "GET" and should_keep(response):
            keep(key, response, version.number)
        return response


def should_keep(response):
    return (
        getattr(response, "cacheable", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
    )


def keep(key, response, version):
    if hasattr(response, "render"):
        response.render()
    set_response_etag(response)
    entry = {
        "version": version,
        "content": response.content,
        "gzip": compress_string(response.content) if len(response.content) >= 200 else None,
        "etag": response["ETag"],
        "headers": [(k, v) for k, v in response.items() if k.lower() not in NOT_KEPT],
    }
    try:
        cache.set(key, entry, TIMEOUT)
    except Exception:
        logger.exception("Page cache unavailable: page not kept.")


def from_entry(entry, request):
    gzipped = entry["gzip"] is not None and ACCEPTS_GZIP.search(
        request.headers.get("Accept-Encoding", "")
    )
    response = HttpResponse(entry["gzip"] if gzipped else entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    # The same rules GZipMiddleware applies to what it compresses itself.
    response["ETag"] = f"W/{entry['etag']}" if gzipped else entry["etag"]
    if gzipped:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))
    response["Content-Length"] = str(len(response.content))
    return response
