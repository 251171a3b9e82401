"""Offline on site: the web app manifest and the service worker, both served by the site itself
(the worker from the site's root so that it may keep every programme page)."""

import hashlib

from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _

from .current import current_edition

PRECACHED_STATIC = ["bootstrap/css/bootstrap.min.css", "css/site.css", "js/offline.js"]


def precache_urls():
    pages = [reverse("programme:agenda"), reverse("offline-page")]
    return [static(path) for path in PRECACHED_STATIC] + pages


def offline_page(request):
    """What the worker shows, offline, for a page never opened on this device: it says so and
    links to the pages that are saved (offline.js lists them from the worker's cache), rather
    than another page's copy that would pass for the one asked."""
    return render(request, "offline/offline.html", {"agenda_url": reverse("programme:agenda")})


def service_worker(request):
    urls = precache_urls()
    # The worker changes, and old copies are dropped, whenever a precached file changes name.
    version = hashlib.sha256("|".join(urls).encode()).hexdigest()[:12]
    response = render(
        request,
        "offline/sw.js",
        {"precache": urls, "version": version, "offline_url": reverse("offline-page")},
        content_type="application/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


def manifest(request):
    edition = current_edition(request)
    name = edition.title if edition else _("Université d'été")
    return JsonResponse(
        {
            "name": name,
            "short_name": edition.town if edition else name,
            "description": edition.theme if edition else "",
            "lang": request.LANGUAGE_CODE,
            "start_url": reverse("programme:agenda"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#7a2e0e",
            "icons": [
                {
                    "src": staticfiles_storage.url("img/icon.svg"),
                    "sizes": "any",
                    "type": "image/svg+xml",
                }
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
