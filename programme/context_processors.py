from django.utils.functional import SimpleLazyObject

from .models import Edition


def edition_for(request):
    """The edition the site shows, fetched once per request whoever asks first."""
    if not hasattr(request, "_current_edition"):
        request._current_edition = Edition.objects.current()
    return request._current_edition


def current_edition(request):
    """The edition named in the header and footer of every page, fetched only if a page uses it."""
    return {"current_edition": SimpleLazyObject(lambda: edition_for(request))}


def content_version(request):
    """The version of the public content every page carries, for the offline copy's notice."""
    from . import content

    return {"content_version": SimpleLazyObject(content.current)}
