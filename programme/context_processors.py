from django.utils.functional import SimpleLazyObject

from .models import Edition


def current_edition(request):
    """The edition named in the header and footer of every page, fetched only if a page uses it."""
    return {"current_edition": SimpleLazyObject(Edition.objects.current)}
