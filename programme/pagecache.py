"""Whole public pages kept in the shared cache, under the content version (programme/content.py).

A view opts in with @cacheable: its answers are the same for every visitor in a given language.
The middleware serves such pages again to visitors without a session, for GET and HEAD without
a query string, as long as the content version is the one they were stored under. A hit costs
one cache read (the version and the page, together); a new version simply makes the old
entries unusable, and every entry also expires after TIMEOUT, which bounds the cache and lets
what depends on the clock alone show within minutes: a registration window opening or closing
(the home page's text, the header's « S'inscrire » link), « En ce moment ».

Browsers that accept gzip get a copy compressed once (by GZipMiddleware, below), not at every
request. A hit answers If-None-Match itself, with Django's get_conditional_response.
"""

import logging
import re
from functools import wraps
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from . import content
from .language import language_for

logger = logging.getLogger(__name__)
TIMEOUT = 300  # seconds
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


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
    """One key per address, language and encoding: a hit reads only the copy it sends."""
    where = f"{request.scheme}://{request.get_host()}{request.path}"
    encoding = "gzip" if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""
    return f"page:{language_for(request)}:{encoding}:{sha256(where.encode()).hexdigest()}"


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
        if entry is not None and entry[0] == version.number:
            return from_entry(request, entry)
        response = self.get_response(request)
        if request.method == "GET" and should_keep(response):
            keep(key, response, version.number)
        return response


CONDITIONS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def from_entry(request, entry):
    response = HttpResponse(entry[2], headers=entry[1])
    if not any(name in request.META for name in CONDITIONS):
        return response
    last_modified = response.get("Last-Modified")
    # Django's own rules, as ConditionalGetMiddleware applies them to rendered pages.
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )


def should_keep(response):
    return (
        getattr(response, "cacheable", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
    )


def keep(key, response, version):
    """Store the answer as it is sent (compressed or not, like its key): version, headers, body."""
    headers = dict(response.items())
    try:
        cache.set(key, (version, headers, response.content), TIMEOUT)
    except Exception:
        logger.exception("Page cache unavailable: page not kept.")
