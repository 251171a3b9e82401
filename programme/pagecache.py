"""Whole-page cache for the public programme, shared by every app server through the cache.

Views opt in with `@public_page`. Entries carry the site's content version: any change to the
programme or to the seats (see `connect`) bumps it, so an organiser's edit is visible on the
very next request, on every server. Only anonymous GETs without session or flash messages are
served from it; a cached page answers If-None-Match with 304 itself.
"""

import hashlib
import logging
import time
import uuid
from collections import OrderedDict
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

from .language import language_for
from .versionwatch import VersionWatch, announce_change

logger = logging.getLogger(__name__)
VERSION_KEY = "site-content-version"
TIMEOUT = 300  # seconds: a ceiling for what no edit announces (a registration window opening)
# Headers set inside the cached part of the stack (CSP included: a hit skips its middleware);
# those of the outer middleware (security headers) are added anew on every answer.
KEPT_HEADERS = (
    "Content-Security-Policy",
    "Content-Type",
    "Content-Disposition",
    "Content-Language",
    "Last-Modified",
    "X-Frame-Options",
)


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if cache.add(VERSION_KEY, version, None):
            # The key was gone (evicted, flushed): processes that still hold the old one
            # must hear of its successor too.
            announce_change(VERSION_KEY)
        version = cache.get(VERSION_KEY, version)
    return version


def new_version():
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:
        # The edit itself must not fail; entries also expire after TIMEOUT.
        logger.exception("Page cache unavailable: version not bumped.")
        return
    try:
        announce_change(VERSION_KEY)
    except Exception:
        # Watching processes read the version again within a second anyway.
        logger.exception("Page cache: new version set but not announced.")


def bump_version(**kwargs):
    """A new version now, and again once the edit's transaction commits: a page rendered from
    the data as it was before the commit cannot then be kept under the version that follows."""
    new_version()
    transaction.on_commit(new_version, robust=True)


def public_page(view):
    """Mark a view's successful responses as the same for every anonymous visitor."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    return wrapper


def cacheable_request(request):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def page_key(request):
    language = language_for(request)
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{language}:{request.get_host()}:{digest}"


def etag(content):
    return f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


def from_entry(request, entry):
    response = HttpResponse(entry["content"], status=200)
    for name, value in entry["headers"].items():
        response[name] = value
    response["ETag"] = entry["etag"]
    # Set here because a hit skips CommonMiddleware; without it the server sends the page
    # chunked, copying every large page once more.
    response["Content-Length"] = str(len(entry["content"]))
    patch_vary_headers(response, ("Cookie",))
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=entry["etag"],
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )


def to_entry(response, version):
    if hasattr(response, "render"):
        response.render()
    return {
        "version": version,
        "expires": time.time() + TIMEOUT,
        "content": response.content,
        "etag": response.get("ETag") or etag(response.content),
        "headers": {h: response[h] for h in KEPT_HEADERS if response.has_header(h)},
    }


class LocalCopies(OrderedDict):
    """This process's copies of recent entries: a hit then costs one small read of the version
    from the shared cache instead of moving the whole page out of it."""

    SIZE = 256

    def get_valid(self, key, version):
        entry = self.get(key)
        # .get: entries stored before copies expired have no date, and count as expired.
        if entry is None or entry["version"] != version or entry.get("expires", 0) < time.time():
            return None
        self.move_to_end(key)
        return entry

    def keep(self, key, entry):
        self[key] = entry
        self.move_to_end(key)
        while len(self) > self.SIZE:
            self.popitem(last=False)


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.local = LocalCopies()
        self.watch = VersionWatch(VERSION_KEY)

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        try:
            version = self.watch.current(current_version)
            entry = self.local.get_valid(key, version) or self.shared(key, version)
        except Exception:
            logger.exception("Page cache unavailable: rendering without it.")
            return self.get_response(request)
        if entry is not None:
            return from_entry(request, entry)
        response = self.get_response(request)
        if getattr(response, "public_page", False) and response.status_code == 200:
            self.store(key, response, version)
        return response

    def shared(self, key, version):
        entry = cache.get(key)
        if entry is None or entry["version"] != version:
            return None
        self.local.keep(key, entry)
        return entry

    def store(self, key, response, version):
        entry = to_entry(response, version)
        response["ETag"] = entry["etag"]
        patch_vary_headers(response, ("Cookie",))
        self.local.keep(key, entry)
        try:
            cache.set(key, entry, TIMEOUT)
        except Exception:
            # An unreachable cache must slow the site down, not take it down.
            logger.exception("Page cache unavailable: page not stored.")


def connect():
    """Any change to the programme or to who holds a seat makes every cached page stale."""
    for label in ("programme", "registrations"):
        for model in apps.get_app_config(label).get_models():
            uid = f"pagecache-{model._meta.label_lower}"
            post_save.connect(bump_version, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(bump_version, sender=model, dispatch_uid=uid + "-delete")
