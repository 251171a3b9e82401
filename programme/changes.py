"""What moved in a published programme: the change log shown to participants.

Connected to model signals (see apps.py) rather than to the admin's save hooks, because a
session can be edited from its own page, from a day's inline, from list_editable or the
shell: every path must be recorded. (The content version, which caches follow, is kept by
programme/content.py.)
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from .formats import long_date, short_time

TRACKED = ("start", "end", "venue", "title")


def describe(session, field):
    value = getattr(session, field)
    if value is None:
        return ""
    if field in ("start", "end"):
        local = timezone.localtime(value)
        return f"{long_date(local.date())}, {short_time(local)}"
    return str(value)


def session_changes(old, new):
    """(field, before, after) for each tracked field that differs between two versions."""
    return [
        (field, describe(old, field), describe(new, field))
        for field in TRACKED
        if getattr(old, f"{field}_id" if field == "venue" else field)
        != getattr(new, f"{field}_id" if field == "venue" else field)
    ]


def record(session, field, old="", new=""):
    from .models import ProgrammeChange

    ProgrammeChange.objects.create(
        edition=session.day.edition,
        session=session if field != "removed" else None,
        session_title=session.title,
        field=field,
        old_value=old[:300],
        new_value=new[:300],
    )


def before_session_save(sender, instance, raw, **kwargs):
    # The row as stored, for after_session_save to compare with. A public name: the review
    # rule forbids touching obj._something on Django objects.
    if raw or instance.pk is None:
        instance.stored_version = None
        return
    instance.stored_version = sender.objects.filter(pk=instance.pk).select_related("venue").first()


def after_session_save(sender, instance, created, raw, **kwargs):
    if raw or not instance.day.edition.is_published:
        return
    if created:
        record(instance, "added", new=describe(instance, "start"))
        return
    previous = getattr(instance, "stored_version", None)
    for field, old, new in session_changes(previous, instance) if previous else []:
        record(instance, field, old, new)


def after_session_delete(sender, instance, **kwargs):
    if instance.day.edition.is_published:
        record(instance, "removed", old=describe(instance, "start"))


def connect():
    from .models import Session

    pre_save.connect(before_session_save, sender=Session, dispatch_uid="session-before")
    post_save.connect(after_session_save, sender=Session, dispatch_uid="session-after")
    post_delete.connect(after_session_delete, sender=Session, dispatch_uid="session-deleted")
