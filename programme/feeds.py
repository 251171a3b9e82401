"""Atom feed of the changes made to a published programme."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .current import current_edition_or_404
from .models import ProgrammeChange


def change_summary(change):
    if change.field in ("added", "removed"):
        moment = change.old_value or change.new_value
        return _("%(field)s : %(title)s (%(moment)s)") % {
            "field": change.get_field_display(),
            "title": change.session_title,
            "moment": moment,
        }
    return _("%(field)s : « %(old)s » → « %(new)s »") % {
        "field": change.get_field_display().capitalize(),
        "old": change.old_value or "—",
        "new": change.new_value or "—",
    }


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
        return ProgrammeChange.objects.filter(edition=edition).select_related("session")[:100]

    def item_title(self, change):
        return change.session_title

    def item_description(self, change):
        return change_summary(change)

    def item_link(self, change):
        if change.session_id:
            return change.session.get_absolute_url()
        return reverse("programme:changes") + f"#modification-{change.pk}"

    def item_guid(self, change):
        return f"programme-change-{change.pk}"

    def item_pubdate(self, change):
        return change.changed_at

    def item_updateddate(self, change):
        return change.changed_at
