from django import template

from programme import formats
from programme.urlcache import cached_reverse

register = template.Library()


@register.filter
def long_date(value):
    return formats.long_date(value)


@register.filter
def short_time(value):
    return formats.short_time(value)


@register.simple_tag
def time_range(start, end):
    return formats.time_range(start, end)


@register.simple_tag
def site_url(viewname, **kwargs):
    """{% url %} for the links every page repeats (navigation, footer), remembered per process."""
    return cached_reverse(viewname, **kwargs)
