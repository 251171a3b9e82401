"""Organisers' admin for registrations: lists, filters, exports and the actions of issue 3.

Values typed by participants are only ever shown through Django's escaping (no mark_safe).
"""

from contextlib import suppress

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportActionMixin
from import_export.formats.base_formats import XLSX

from mailqueue.delivery import EmailStateAdminMixin, EmailStateFilter
from programme import clock
from programme.models import MiniConference

from . import services
from .admin_meals import MealDayFilter, MealFilter, meal_field_options
from .admin_presence import LoggedAttendanceMixin, log_inline_changes
from .exceptions import RegistrationGone
from .models import (
    PRIVATE_FIELDS,
    Attendance,
    ChallengePreference,
    Registration,
    RegistrationChange,
    Seat,
)
from .resources import ColumnNamesExportForm, ExcelCSV, RegistrationResource


class SeatInline(admin.StackedInline):
    model = Seat
    extra = 0
    max_num = 1
    fields = ["mini_conference", "status", "joined_at", "promoted_at", "attended"]


class ChallengePreferenceInline(admin.TabularInline):
    model = ChallengePreference
    extra = 0
    max_num = 3
    fields = ["rank", "challenge"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["day", "period", "recorded_at", "method", "recorded_by"]
    # Typed by hand in the admin: from the paper sheet (the default method).
    readonly_fields = ["method", "recorded_by"]


def titled_filter(title):
    """A choices filter under its own title: the seat's status and the registration's are both
    « statut » in the models, and two « Par statut » side by side do not say which is which."""

    class TitledFilter(admin.ChoicesFieldListFilter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return TitledFilter


def promote_for(request, mini_conferences):
    """Promote the first people waiting for each mini-conference, and say who moved up."""
    promoted = []
    for mini_conference in mini_conferences:
        promoted += services.promote_waiting(mini_conference=mini_conference, request=request)
    if promoted:
        names = ", ".join(str(seat.registration) for seat in promoted)
        messages.success(
            request,
            ngettext(
                "%(count)d personne passe de la liste d'attente à une place confirmée : %(names)s.",
                "%(count)d personnes passent de la liste d'attente à une place confirmée : "
                "%(names)s.",
                len(promoted),
            )
            % {"count": len(promoted), "names": names},
        )
    else:
        messages.info(request, _("Aucune place libre ou personne en attente : rien à faire."))


def report_queued(request, count):
    messages.success(
        request,
        ngettext(
            "%(count)d courriel mis dans la file d’envoi ; la colonne « dernier "
            "courriel » dit s’il est parti.",
            "%(count)d courriels mis dans la file d’envoi ; la colonne « dernier "
            "courriel » dit s’ils sont partis.",
            count,
        )
        % {"count": count},
    )


class RegistrationChangeInline(admin.TabularInline):
    """The corrections the participant made themselves: read-only, the history as it happened."""

    model = RegistrationChange
    extra = 0
    fields = readonly_fields = ["at", "field_label", "old", "new"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Whoever may see the registration sees its history: no separate permission to grant.
        return request.user.has_perm("registrations.view_registration")

    @admin.display(description=_("champ"))
    def field_label(self, obj):
        return obj.field_label


@admin.register(Registration)
class RegistrationAdmin(ExportActionMixin, EmailStateAdminMixin, admin.ModelAdmin):
    resource_classes = [RegistrationResource]
    export_form_class = ColumnNamesExportForm
    export_formats = [ExcelCSV, XLSX]
    # Short headers, one name column that also says « annulée »: the admin keeps headers on one
    # line, and beside its side bar and the filters, 1280 px leave the list 600 to 900 px.
    list_display = [
        "person",
        "address",
        "employer",
        "profile",
        "seat_summary",
        "email_state",
        "registered_on",
    ]
    list_display_links = ["person"]
    list_filter = [
        "edition",
        "category",
        ("seat__mini_conference", admin.RelatedOnlyFieldListFilter),
        ("seat__status", titled_filter(_("statut de la place"))),
        ("status", titled_filter(_("statut de l’inscription"))),
        ("meals", MealFilter),
        MealDayFilter,
        EmailStateFilter,
        "civil_service_category",
    ]
    search_fields = ["first_name", "last_name", "email", "employer"]
    date_hierarchy = "created_at"
    list_select_related = ["seat__mini_conference"]
    readonly_fields = ["created_at", "updated_at", "cancelled_at", "anonymised_at"]
    # The person's own texts (intention, project, next steps) are theirs alone.
    exclude = PRIVATE_FIELDS
    inlines = [SeatInline, ChallengePreferenceInline, AttendanceInline, RegistrationChangeInline]
    actions = ["resend_confirmation", "cancel_registrations", "promote_waiting"]

    class Media:
        css = {"all": ["css/admin-lists.css"]}

    def get_export_filename(self, request, queryset, file_format):
        return f"inscriptions-{clock.today():%Y-%m-%d}.{file_format.get_extension()}"

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "meals":
            kwargs.update(meal_field_options())
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        # The changelist shows each seat's mini-conference and the latest email's state: one
        # join, and one subquery (EmailStateAdminMixin), whatever the row count.
        return super().get_queryset(request).select_related("seat__mini_conference")

    @admin.display(description=_("nom, prénom"), ordering="last_name")
    def person(self, registration):
        name = f"{registration.last_name} {registration.first_name}"
        if registration.status == Registration.Status.CANCELLED:
            return _("%(name)s (annulée)") % {"name": name}
        return name

    @admin.display(description=_("adresse électronique"), ordering="email")
    def address(self, registration):
        # May go to the line after the « @ » only: a narrow column, still a readable address.
        local, _at, domain = registration.email.partition("@")
        return format_html("{}@<wbr>{}", local, domain)

    @admin.display(description=_("profil"), ordering="category")
    def profile(self, registration):
        return registration.get_category_display()

    @admin.display(description=_("inscrit·e le"), ordering="created_at")
    def registered_on(self, registration):
        return date_format(timezone.localtime(registration.created_at), "SHORT_DATE_FORMAT")

    @admin.display(description=_("mini-conférence"), ordering="seat__mini_conference")
    def seat_summary(self, registration):
        seat = getattr(registration, "seat", None)
        if seat is None:
            return "—"
        mini_conference = seat.mini_conference
        return f"{mini_conference.number}. {mini_conference.title} — {seat.get_status_display()}"

    def delete_model(self, request, obj):
        # An organiser's deletion is an erasure too: the seat goes to the first person waiting,
        # and neither the history nor the queued emails keep the name (even this deletion's).
        services.delete_registration_data(registration=obj, request=request)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Attendance:
            log_inline_changes(request, formset)

    def delete_queryset(self, request, queryset):
        for registration in queryset:
            # Deleted meanwhile (by its person, another organiser): nothing left to do.
            with suppress(RegistrationGone):
                services.delete_registration_data(registration=registration, request=request)

    @admin.action(description=_("Renvoyer le courriel avec le lien personnel"))
    def resend_confirmation(self, request, queryset):
        # A cancelled or anonymised registration's link leads nowhere: no mail for it.
        active = list(queryset.active())
        for registration in active:
            services.send_confirmation(registration=registration, request=request)
        skipped = queryset.count() - len(active)
        if skipped:
            messages.info(
                request,
                _("Inscriptions annulées ou anonymisées, sans courriel : %(count)d.")
                % {"count": skipped},
            )
        if active:
            report_queued(request, len(active))

    @admin.action(description=_("Annuler les inscriptions choisies"))
    def cancel_registrations(self, request, queryset):
        to_cancel = list(queryset.confirmed())
        if not to_cancel:
            messages.info(request, _("Aucune inscription à annuler : elles l'étaient déjà."))
            return
        for registration in list(to_cancel):
            try:
                services.cancel_registration(registration=registration, request=request)
            except RegistrationGone:  # Its person deleted their data meanwhile.
                to_cancel.remove(registration)
        messages.success(
            request,
            ngettext(
                "%(count)d inscription annulée.", "%(count)d inscriptions annulées.", len(to_cancel)
            )
            % {"count": len(to_cancel)},
        )

    @admin.action(description=_("Promouvoir depuis la liste d'attente (mini-conférences choisies)"))
    def promote_waiting(self, request, queryset):
        promote_for(
            request, MiniConference.objects.filter(seats__registration__in=queryset).distinct()
        )


@admin.register(Seat)
class SeatAdmin(admin.ModelAdmin):
    list_display = [
        "registration",
        "mini_conference",
        "status",
        "joined_at",
        "promoted_at",
        "attended",
    ]
    list_filter = [("mini_conference", admin.RelatedOnlyFieldListFilter), "status", "attended"]
    list_select_related = ["registration", "mini_conference"]
    search_fields = ["registration__first_name", "registration__last_name"]
    ordering = ["joined_at", "pk"]
    autocomplete_fields = ["registration"]
    actions = ["promote_waiting"]

    @admin.action(description=_("Promouvoir depuis la liste d'attente (mini-conférences choisies)"))
    def promote_waiting(self, request, queryset):
        promote_for(request, MiniConference.objects.filter(seats__in=queryset).distinct())


@admin.register(Attendance)
class AttendanceAdmin(LoggedAttendanceMixin, admin.ModelAdmin):
    list_display = ["registration", "day", "period", "recorded_at", "method", "recorded_by"]
    list_filter = ["day", "period", "method"]
    list_select_related = ["registration", "day", "recorded_by"]
    # Typed by hand in the admin: from the paper sheet (the default method).
    readonly_fields = ["method", "recorded_by"]
    search_fields = ["registration__first_name", "registration__last_name"]
    autocomplete_fields = ["registration"]
