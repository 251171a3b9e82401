from django.utils.functional import SimpleLazyObject

from programme import current

from . import services


def registration_window(request):
    """The current edition's registration window ("not-yet-open", "open", "closed"), for the
    header's « S'inscrire » link and the home page: computed only on the pages that ask.

    Public pages are kept by the page cache for up to pagecache.TIMEOUT: the link appears or
    disappears within that time of the window opening or closing."""

    def window():
        edition = current.current_edition(request)
        return services.registration_window(edition) if edition else services.NOT_YET_OPEN

    return {"registration_window": SimpleLazyObject(window)}
