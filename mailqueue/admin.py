"""django-post-office's admin as organisers use it: in French, read only, with a requeue.

Messages are never edited: what the list shows is what was sent. A message that failed (or
that someone did not get) is put back in the queue with « Remettre dans la file d'envoi », for
those with post_office.change_email (organisers have it); the worker sends it within seconds.
Database templates and attachments are unused by the site and hidden. post-office's « Resend »
page is left out: it sends inside the request, which the queue exists to avoid.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from post_office import admin as post_office_admin
from post_office.models import STATUS, Attachment, Email, EmailTemplate, Log

from . import services

for model in (Email, Log, EmailTemplate, Attachment):
    admin.site.unregister(model)


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    list_display = [
        "recipients",
        "subject_line",
        "status",
        "retries",
        "created_at",
        "attempted_at",
        "next_attempt",
    ]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created"
    ordering = ["-created", "-pk"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "recipients",
                    "from_email",
                    "status",
                    "retries",
                    "created_at",
                    "attempted_at",
                    "next_attempt",
                ]
            },
        ),
        (_("Message"), {"fields": ["subject_line", "body"]}),
    ]
    readonly_fields = [name for _title, part in fieldsets for name in part["fields"]]
    inlines = [post_office_admin.LogInline]
    actions = ["requeue"]
    change_form_template = "admin/mailqueue/email_change_form.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # Read only: a correction is a new message, from its registration.

    def has_requeue_permission(self, request):
        return request.user.has_perm("post_office.change_email")

    def get_urls(self):
        requeue = path(
            "<path:object_id>/remettre/",
            self.admin_site.admin_view(self.requeue_view),
            name="post_office_email_requeue",
        )
        return [requeue, *super().get_urls()]

    @admin.display(description=_("destinataire"), ordering="to")
    def recipients(self, email):
        return ", ".join(email.to)

    @admin.display(description=_("objet"), ordering="subject")
    def subject_line(self, email):
        return Truncator(email.subject).chars(100)

    @admin.display(description=_("texte du message"))
    def body(self, email):
        return format_html("<pre>{}</pre>", email.message)

    @admin.display(description=_("nouveaux essais"), ordering="number_of_retries")
    def retries(self, email):
        return email.number_of_retries or 0

    @admin.display(description=_("mis dans la file le"), ordering="created")
    def created_at(self, email):
        return moment(email.created)

    @admin.display(description=_("dernier changement le"), ordering="last_updated")
    def attempted_at(self, email):
        return moment(email.last_updated)

    @admin.display(description=_("prochain essai"), ordering="scheduled_time")
    def next_attempt(self, email):
        if email.status not in (STATUS.queued, STATUS.requeued):
            return "—"
        return moment(email.scheduled_time) or _("dès le prochain passage")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_requeue": self.has_requeue_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Remettre dans la file d’envoi"), permissions=["requeue"])
    def requeue(self, request, queryset):
        count = services.requeue(queryset)
        messages.success(request, requeued_message(count))

    def requeue_view(self, request, object_id):
        email = self.get_object(request, object_id)
        if email is None:
            raise Http404
        change_page = reverse("admin:post_office_email_change", args=[email.pk])
        if request.method != "POST":
            return HttpResponseRedirect(change_page)
        if not self.has_requeue_permission(request):
            raise PermissionDenied
        self.requeue(request, Email.objects.filter(pk=email.pk))
        return HttpResponseRedirect(change_page)


def moment(value):
    # Shown as the admin shows dates, in the site's time zone: a read-only field made by a
    # method would print the raw value.
    return date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


def requeued_message(count):
    return ngettext(
        "%(count)d courriel remis dans la file d’envoi : il part au prochain passage.",
        "%(count)d courriels remis dans la file d’envoi : ils partent au prochain passage.",
        count,
    ) % {"count": count}


@admin.register(Log)
class LogAdmin(admin.ModelAdmin):
    list_display = ["date", "email", "status", "exception_type", "error"]
    list_filter = ["status", "date"]
    list_select_related = ["email"]
    search_fields = ["email__to"]
    fields = ["date", "email", "status", "exception_type", "message"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("erreur"))
    def error(self, log):
        return Truncator(log.message).chars(80)
