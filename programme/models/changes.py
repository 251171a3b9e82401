"""The log of changes made to a published programme: one entry per edit of a session or a
mini-conference, with every field the edit changed (programme/changes.py records them)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import clock
from ..formats import long_date, short_time
from .edition import Edition
from .sessions import MiniConference, Session

# What a participant is told changed: a field's group, in the order they are named.
GROUPS = {
    "day": "time",
    "start": "time",
    "end": "time",
    "venue": "place",
    "title": "title",
    "is_cancelled": "cancellation",
}
GROUP_LABELS = {
    "time": _("horaire"),
    "place": _("lieu"),
    "title": _("titre"),
    "cancellation": _("annulation"),
}
FIELD_LABELS = {
    "day": _("jour"),
    "start": _("début"),
    "end": _("fin"),
    "venue": _("lieu"),
    "title": _("titre"),
    "is_cancelled": _("annulation"),
}


class ProgrammeChangeQuerySet(models.QuerySet):
    def of_edition(self, edition):
        return self.filter(edition=edition)

    def recent(self):
        """Changes still marked on the pages (settings.CHANGE_MARK_DAYS)."""
        since = clock.now() - datetime.timedelta(days=settings.CHANGE_MARK_DAYS)
        return self.filter(changed_at__gte=since)


class ProgrammeChange(models.Model):
    class Kind(models.TextChoices):
        CHANGED = "changed", _("modifiée")
        ADDED = "added", _("ajoutée")
        REMOVED = "removed", _("supprimée")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="changes", verbose_name=_("édition")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("séance"),
    )
    mini_conference = models.ForeignKey(
        MiniConference,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("mini-conférence"),
    )
    title = models.CharField(_("intitulé"), max_length=300)
    kind = models.CharField(_("modification"), max_length=20, choices=Kind.choices)
    # [{"field": "start", "old": "2017-07-11T14:30:00+02:00", "new": …}]: values as stored
    # (times in ISO 8601, places by name), shown in the reader's language.
    fields = models.JSONField(_("champs modifiés"), default=list, blank=True)
    changed_at = models.DateTimeField(_("le"), db_index=True)
    # For an item removed: who held it in their programme then (registration ids, filled by
    # the registrations app just before the deletion); None: ask the item itself.
    audience = models.JSONField(_("personnes concernées"), null=True, blank=True, editable=False)

    objects = ProgrammeChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("modification du programme")
        verbose_name_plural = _("modifications du programme")
        ordering = ["-changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(session__isnull=False, mini_conference__isnull=False),
                name="change_of_one_item",
            ),
        ]

    def __str__(self):
        return f"{self.title} — {self.get_kind_display()}"

    @property
    def item(self):
        return self.session or self.mini_conference

    @property
    def groups(self):
        """What changed, as a participant reads it: « horaire », « lieu », « titre »…"""
        found = dict.fromkeys(GROUPS[f["field"]] for f in self.fields if f["field"] in GROUPS)
        return [GROUP_LABELS[group] for group in found]

    def details(self):
        """(label, before, after) for each changed field, in the current language."""
        return [
            (FIELD_LABELS.get(f["field"], f["field"]), shown(f["old"]), shown(f["new"]))
            for f in self.fields
        ]


def shown(value):
    """A stored value as a reader reads it: times in the current language."""
    if value is None or value == "":
        return ""
    if value is True:
        return str(_("annulée"))
    if value is False:
        return str(_("maintenue"))
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    if moment.tzinfo is None:  # a day
        return long_date(moment.date())
    return f"{long_date(timezone.localtime(moment).date())}, {short_time(moment)}"
