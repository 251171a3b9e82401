"""Atom feed of the changes made to a published programme."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .current import current_edition_or_404
from .models import ProgrammeChange


def change_summary(change):
    """What the edit changed, as plain text: « Début : mardi 11 juillet 2017, 14 h 30 → … »."""
    if change.kind == "added":
        return str(_("Ajoutée au programme."))
    if change.kind == "removed":
        return str(_("Retirée du programme."))
    return " ; ".join(
        _("%(field)s : %(old)s → %(new)s")
        % {"field": capfirst(label), "old": old or "—", "new": new or "—"}
        for label, old, new in change.details()
    )


class ProgrammeChangesFeed(Feed):
    feed_type = Atom1Feed
    description_template = None

    def get_object(self, request):
        return current_edition_or_404(request)

    def title(self, edition):
        return _("Modifications du programme — %(title)s") % {"title": edition.title}

    def link(self, edition):
        return reverse("programme:changes")

    def subtitle(self, edition):
        return edition.theme

    def items(self, edition):
        changes = ProgrammeChange.objects.of_edition(edition)
        return changes.select_related("session", "mini_conference")[:100]

    def item_title(self, change):
        return change.title

    def item_description(self, change):
        # Atom says type="html" for Django's summaries: escaped, organisers' text stays text.
        return escape(change_summary(change))

    def item_link(self, change):
        if change.item is not None:
            return change.item.get_absolute_url()
        return reverse("programme:changes") + f"#modification-{change.pk}"

    def item_guid(self, change):
        return f"programme-change-{change.pk}"

    def item_pubdate(self, change):
        return change.changed_at

    def item_updateddate(self, change):
        return change.changed_at
