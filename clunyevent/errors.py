"""The site's own error pages, and the requests refused before any view reads them.

Django's default error views carry @requires_csrf_token, which reads the request's form
again: for a body Django cannot read (a form sent in another charset than UTF-8), that read
fails once more inside the error view, and the visitor got the server's bare error page.
These views never touch the body.
"""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation

from programme.language import language_for

FORM = "application/x-www-form-urlencoded"


def bad_request(request, exception=None):
    # Also called before the language middleware has run: in the visitor's language anyway.
    with translation.override(language_for(request)):
        return render(request, "400.html", status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processor: whatever broke (the database?) must not break this page too.
    return HttpResponseServerError(render_to_string("500.html"))


def unreadable(request):
    """Why Django could not read this request, or None: a form in another charset than UTF-8
    (Django refuses it with BadRequest), a NUL character in the query string (PostgreSQL
    refuses it in any text comparison)."""
    # Django's own rule (HttpRequest._load_post_and_files), checked before it raises.
    charset = request.encoding or "utf-8"
    if request.method == "POST" and request.content_type == FORM and charset.lower() != "utf-8":
        return "charset"
    if "%00" in request.META.get("QUERY_STRING", ""):
        return "nul"
    return None


class UnreadableRequestMiddleware:
    """The site's 400 page for a request no view could read, before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if unreadable(request):
            return bad_request(request)
        return self.get_response(request)
