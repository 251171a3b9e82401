"""The visitor's language: the browser's (Accept-Language) until the switcher says otherwise.

The switch is a plain link: it works without JavaScript and keeps public pages free of
per-visitor form tokens, so they stay cacheable. The choice is remembered in a cookie.

One address serves both languages, by negotiation: answers say `Vary: Accept-Language, Cookie`
and the page cache keys each copy on language_for(). There are therefore no `<link
rel="alternate" hreflang>` in the pages' heads: an alternate must be an address that serves
that language to whoever asks, and ours serve each visitor their own (the set-language link
only redirects). The switcher's link carries hreflang, which is true of what it leads to."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

ONE_YEAR = 365 * 24 * 3600


def set_language(request, language):
    if language not in dict(settings.LANGUAGES):
        raise Http404("Langue inconnue.")
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=ONE_YEAR,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def language_for(request):
    """The switcher's choice (a cookie) first, then the first language of the browser's
    Accept-Language that the site speaks (English for a browser that prefers English to
    French), then French."""
    return translation.get_language_from_request(request)


class LanguageCookieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for(request)
        request.LANGUAGE_CODE = language
        # override() puts the thread's previous language back once the answer is built.
        with translation.override(language):
            response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        return response
