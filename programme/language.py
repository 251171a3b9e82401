"""Language switch by a plain link: it works without JavaScript and keeps public pages free of
per-visitor form tokens, so they stay cacheable. The choice is remembered in a cookie."""

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
    """French unless the visitor chose English with the switcher: the browser's own language
    (Accept-Language) is not followed, so the site's default stays French for everyone."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    # The codes alone: building a dict would hash every lazy label, at every request.
    known = any(code == known for known, _ in settings.LANGUAGES)
    return code if known else settings.LANGUAGE_CODE


class LanguageCookieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for(request)
        request.LANGUAGE_CODE = language
        # override() puts the thread's previous language back once the answer is built.
        with translation.override(language):
            response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
