from django import template

from programme import formats

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
