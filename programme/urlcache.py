"""reverse(), remembered per process for the URLs every page asks for again and again.

Django's reverse() checks each candidate pattern against a regular expression, about 30 µs a
call, and a rendered page of the programme asks for dozens (navigation, sessions, venues). The
answer depends only on the name, the arguments (with their type), the URLconf, the script prefix
and, should addresses ever be translated, the language: all are in the key. The size is bounded
so that arguments taken from the address bar cannot grow it.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@lru_cache(maxsize=8192)
def _reverse(viewname, kwargs, urlconf, prefix, language):
    return reverse(viewname, kwargs={k: v for k, v, _ in kwargs} or None, urlconf=urlconf)


def cached_reverse(viewname, **kwargs):
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    # The type too: 1 and True are equal keys, yet make different addresses.
    key = tuple(sorted((k, v, type(v)) for k, v in kwargs.items()))
    return _reverse(viewname, key, urlconf, get_script_prefix(), get_language())
