from django.utils.functional import SimpleLazyObject

from . import current


def current_edition(request):
    """The edition named in the header and footer of every page, fetched only if a page uses it."""
    return {"current_edition": SimpleLazyObject(lambda: current.current_edition(request))}


def content_version(request):
    """The version of the public content every page carries, for the offline copy's notice."""
    from . import content

    return {"content_version": SimpleLazyObject(content.current)}
