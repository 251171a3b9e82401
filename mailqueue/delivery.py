"""Whether people's emails went, for the admin lists of the apps that email them.

post-office holds the one record of each message: registrations and proposals keep no copy of
it. Their lists show the state of the latest message to the row's address, read with one
subquery whatever the number of rows; a filter picks the rows by that state.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from post_office.models import STATUS, Email

LATEST_STATUS = "latest_email_status"
# What organisers need to tell apart: still to go (first try or retry), gone, given up.
STATES = {
    "pending": (_("en attente"), [STATUS.queued, STATUS.requeued]),
    "sent": (_("envoyé"), [STATUS.sent]),
    "failed": (_("en échec"), [STATUS.failed]),
}
NONE = "none"


def with_latest_email_status(queryset, address="email"):
    """Annotate latest_email_status: post-office's status of the latest message to `address`
    (None when nothing was ever sent there)."""
    latest = Email.objects.filter(to=OuterRef(address)).order_by("-created", "-pk")
    return queryset.annotate(**{LATEST_STATUS: Subquery(latest.values("status")[:1])})


def state_label(status):
    for label, statuses in STATES.values():
        if status in statuses:
            return label
    return None


class EmailStateFilter(admin.SimpleListFilter):
    """« courriel : en attente / envoyé / en échec / aucun », on with_latest_email_status."""

    title = _("courriel")
    parameter_name = "courriel"

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _statuses) in STATES.items()] + [(NONE, _("aucun"))]

    def queryset(self, request, queryset):
        if self.value() == NONE:
            return queryset.filter(**{f"{LATEST_STATUS}__isnull": True})
        if self.value() in STATES:
            return queryset.filter(**{f"{LATEST_STATUS}__in": STATES[self.value()][1]})
        return queryset  # An unknown value in the address bar filters nothing.


def email_state_column(request, address="email"):
    """A list_display column: the state of the latest message, linked to the messages to that
    address for those who may read them (never to a page they would be refused)."""
    can_read = request.user.has_perm("post_office.view_email")

    @admin.display(description=_("dernier courriel"), ordering=LATEST_STATUS)
    def email_state(obj):
        label = state_label(getattr(obj, LATEST_STATUS))
        if label is None or not can_read:
            return label or "—"
        query = urlencode({"to": getattr(obj, address)})
        url = f"{reverse('admin:post_office_email_changelist')}?{query}"
        return format_html('<a href="{}">{}</a>', url, label)

    return email_state


class EmailStateAdminMixin:
    """For the ModelAdmin of rows with an address (email_address_field): each row carries the
    state of its latest message, shown where list_display names "email_state" and filtered
    with EmailStateFilter."""

    email_address_field = "email"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return with_latest_email_status(queryset, self.email_address_field)

    def get_list_display(self, request):
        # A column made for this request: whether to link depends on who is reading.
        column = email_state_column(request, self.email_address_field)
        names = super().get_list_display(request)
        return [column if name == "email_state" else name for name in names]

    @admin.display(description=_("dernier courriel"), ordering=LATEST_STATUS)
    def email_state(self, obj):
        return state_label(getattr(obj, LATEST_STATUS)) or "—"
