from django.utils.functional import SimpleLazyObject

from . import current


def current_edition(request):
    """The edition named in the header and footer of every page, fetched only if a page uses it."""
    return {"current_edition": SimpleLazyObject(lambda: current.current_edition(request))}
