from django import template
from django.utils import timezone

from programme import formats

register = template.Library()


@register.filter
def long_date(value):
    return formats.long_date(value)


@register.filter
def day_and_month(value):
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return formats.day_and_month(value)


@register.filter
def weekday_and_month(value):
    return formats.weekday_and_month(value)


@register.filter
def short_time(value):
    return formats.short_time(value)


@register.filter
def ordinal(value):
    return formats.ordinal(value) if value else ""


@register.simple_tag
def time_range(start, end):
    return formats.time_range(start, end)


@register.inclusion_tag("programme/includes/change_mark.html")
def change_mark(item):
    """« modifié le 5 juillet, 14 h 30 : horaire / lieu » for an item changed lately (its
    changes prefetched as `recent_changes` by for_programme(), newest first), « annulée »."""
    changes = getattr(item, "recent_changes", None) or []
    groups = dict.fromkeys(group for change in changes for group in change.groups)
    return {
        "cancelled": item.is_cancelled,
        "latest": changes[0] if changes else None,
        "added": bool(changes) and all(change.kind == "added" for change in changes),
        "groups": " / ".join(str(group) for group in groups),
    }


@register.filter(is_safe=True)
def typo(value):
    """Organisers' plain text (titles, names, places) with the page language's typography."""
    from programme.typography import typeset_text

    return typeset_text(value)


@register.filter
def typo_plain(value):
    """The same typography where no markup may go (an attribute, <title>, a meta tag): plain
    text, escaped by the template like any other variable."""
    from programme.typography import typeset_plain

    return typeset_plain(value)


@register.filter(is_safe=True)
def rich_text(value):
    """Organisers' descriptions: paragraphs, « - » lists and links, raw HTML refused."""
    from programme.richtext import render

    return render(value)
