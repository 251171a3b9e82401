"""What changed in a published programme: one ProgrammeChange per edit of a session or a
mini-conference, with every field it changed, and the item's SEQUENCE and LAST-MODIFIED
moved on for calendars.

Connected to model signals (see apps.py) rather than to the admin's save hooks, because an
item can be edited from its own page, from an inline, from list_editable, from an accepted
proposal or the shell: every path must be recorded. (The content version, which caches
follow, is kept by programme/content.py.)
"""

from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_save

from . import clock

# Fields whose change participants are told of; a mini-conference's time is its slot's.
TRACKED = {
    "Session": ("day", "start", "end", "venue", "title", "is_cancelled"),
    "MiniConference": ("slot", "venue", "title", "is_cancelled"),
}
RELATED = {"Session": ("day__edition", "venue"), "MiniConference": ("slot__day__edition", "venue")}


def stored(field, item):
    """A field's value as the log keeps it: times in ISO 8601, a place by its name."""
    if field == "venue":
        return item.venue.name if item.venue_id else ""
    if field == "day":
        return item.day.date.isoformat()
    if field == "slot":
        return item.slot.start.isoformat()
    value = getattr(item, field)
    return value.isoformat() if hasattr(value, "isoformat") else value


def compared(field, item):
    return getattr(item, f"{field}_id" if field in ("venue", "day", "slot") else field)


def differences(old, new):
    fields = TRACKED[type(new).__name__]
    return [
        {"field": "start" if f == "slot" else f, "old": stored(f, old), "new": stored(f, new)}
        for f in fields
        if compared(f, old) != compared(f, new)
    ]


def edition_of(item):
    return item.slot.day.edition if hasattr(item, "slot") else item.day.edition


def record(item, kind, fields=()):
    from .models import MiniConference, ProgrammeChange, Session

    ProgrammeChange.objects.create(
        edition=edition_of(item),
        session=item if isinstance(item, Session) and kind != "removed" else None,
        mini_conference=item if isinstance(item, MiniConference) and kind != "removed" else None,
        title=item.title[:300],
        kind=kind,
        fields=list(fields),
        changed_at=clock.now(),
        # Set by the app that knows who attends (registrations), just before a deletion.
        audience=getattr(item, "notice_audience", None) if kind == "removed" else None,
    )


def before_save(sender, instance, raw, **kwargs):
    # The row as stored, for after_save to compare with. A public name: the review rule
    # forbids touching obj._something on Django objects.
    instance.stored_version = None
    if not raw and instance.pk is not None:
        related = RELATED[sender.__name__]
        instance.stored_version = (
            sender.objects.select_related(*related).filter(pk=instance.pk).first()
        )


def after_save(sender, instance, created, raw, **kwargs):
    if raw or not edition_of(instance).is_published:
        return
    if created:
        record(instance, "added")
        return
    previous = instance.stored_version
    changed = differences(previous, instance) if previous is not None else []
    if changed:
        record(instance, "changed", changed)
        now = clock.now()
        sender.objects.filter(pk=instance.pk).update(sequence=F("sequence") + 1, changed_at=now)
        instance.sequence, instance.changed_at = instance.sequence + 1, now


def after_delete(sender, instance, **kwargs):
    if edition_of(instance).is_published:
        record(instance, "removed")


def connect():
    from .models import MiniConference, Session

    for model in (Session, MiniConference):
        uid = model.__name__.lower()
        pre_save.connect(before_save, sender=model, dispatch_uid=f"{uid}-before")
        post_save.connect(after_save, sender=model, dispatch_uid=f"{uid}-after")
        post_delete.connect(after_delete, sender=model, dispatch_uid=f"{uid}-deleted")
