"""reverse(), remembered per process for the URLs every page asks for again and again.

Django's reverse() checks each candidate pattern against a regular expression, about 30 µs a
call, and a rendered page of the programme asks for dozens (navigation, sessions, venues). The
answer depends only on the name, the arguments, the URLconf and the script prefix, all of which
are in the key; the size is bounded so arguments from the address bar cannot grow it.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


@lru_cache(maxsize=8192)
def _reverse(viewname, kwargs, urlconf, prefix):
    return reverse(viewname, kwargs=dict(kwargs) or None, urlconf=urlconf)


def cached_reverse(viewname, **kwargs):
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reverse(viewname, tuple(sorted(kwargs.items())), urlconf, get_script_prefix())
