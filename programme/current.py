"""The edition the site shows: every page asks first, so it has one home."""

from django.http import Http404

from .models import Edition


def current_edition(request):
    """The edition the site shows, or None; fetched once per request, whoever asks first."""
    # Memoised on a public attribute, as Django's middleware sets request.user: it lives and
    # dies with the request. A functools cache keyed on requests would keep them all alive,
    # and a private name (request._…) is off limits: we never touch another object's internals.
    if not hasattr(request, "current_edition"):
        request.current_edition = Edition.objects.current()
    return request.current_edition


def current_edition_or_404(request):
    edition = current_edition(request)
    if edition is None:
        raise Http404("Aucune édition publiée.")
    return edition
