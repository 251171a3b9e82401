"""The organisers' admin for the programme.

Lists keep a constant number of queries (list_select_related, annotations); inlines follow how
organisers work (the sessions of a day, the mini-conferences of their slot); the rules of
programme.validation run in each model's clean(), so an invalid edit gets a message at the field.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Count
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet, InlineForeignKeyField
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import content, validation
from .copy_admin import EditionCopyMixin
from .formats import long_date, short_time, time_range, weekday_and_month
from .models import (
    Challenge,
    ChallengeTheme,
    ChallengeType,
    Day,
    Edition,
    MiniConference,
    Organisation,
    Partnership,
    Person,
    ProgrammeChange,
    Session,
    SessionKind,
    Venue,
)
from .signatures import SignatureFormMixin

# Django 5.2 warns that URL fields will assume https in 6.0; organisers' links are https anyway.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


def slot_label(session):
    day = long_date(timezone.localtime(session.start).date())
    return f"{day}, {time_range(session.start, session.end)} — {session.title}"


class SlotChoiceField(forms.ModelChoiceField):
    """Slots are all called « Mini-conférences »: only their day and time tell them apart."""

    def label_from_instance(self, obj):
        return slot_label(obj)


class InlineRowForm(forms.ModelForm):
    """Shows at the row an error that clean() put on the hidden key to the parent, unseen there."""

    def add_error(self, field, error):
        if field is None and hasattr(error, "error_dict"):
            hidden = {n for n, f in self.fields.items() if isinstance(f, InlineForeignKeyField)}
            errors = {}
            for name, messages in error.error_dict.items():
                errors.setdefault(NON_FIELD_ERRORS if name in hidden else name, []).extend(messages)
            error = ValidationError(errors)
        super().add_error(field, error)


class RowsCheckedTogetherFormSet(BaseInlineFormSet):
    """Checks rows against each other: rows typed in one submission are not in the database
    yet, so each row's clean() cannot see the others."""

    def conflict(self, earlier, row):
        """(field, message) when row cannot stand with the earlier row, else None."""
        raise NotImplementedError

    def deleted(self, form):
        return self.can_delete and form.cleaned_data.get(DELETION_FIELD_NAME, False)

    def clean(self):
        super().clean()
        rows = [
            form
            for form in self.forms
            if form.is_valid() and form.has_changed() and not self.deleted(form)
        ]
        for index, form in enumerate(rows):
            conflicts = (self.conflict(earlier.instance, form.instance) for earlier in rows[:index])
            conflict = next((conflict for conflict in conflicts if conflict), None)
            if conflict:
                form.add_error(*conflict)


class SessionRowsFormSet(RowsCheckedTogetherFormSet):
    def conflict(self, earlier, row):
        if validation.sessions_overlap(earlier, row):
            return "venue", validation.overlap_message(earlier)
        if validation.sessions_clash(earlier, row):
            return "start", validation.clash_message(earlier)
        return None


class MiniConferenceRowsFormSet(RowsCheckedTogetherFormSet):
    def conflict(self, earlier, row):
        if row.venue_id is not None and earlier.venue_id == row.venue_id:
            return "venue", validation.room_taken_message(earlier)
        return None


class PartnershipInline(admin.TabularInline):
    model = Partnership
    form = InlineRowForm
    fields = ["organisation", "role", "order"]
    autocomplete_fields = ["organisation"]
    extra = 1


class DayInline(admin.TabularInline):
    model = Day
    form = InlineRowForm
    fields = ["date", "note"]
    extra = 1
    show_change_link = True


class SessionInline(admin.TabularInline):
    model = Session
    form = InlineRowForm
    formset = SessionRowsFormSet
    fields = ["start", "end", "title", "kind", "venue", "is_parallel"]
    extra = 1
    show_change_link = True


class MiniConferenceInline(admin.TabularInline):
    model = MiniConference
    form = InlineRowForm
    formset = MiniConferenceRowsFormSet
    fields = ["number", "title", "venue", "capacity"]
    extra = 1
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "short_name", "website"]
    search_fields = ["name", "short_name"]


class EditionForm(SignatureFormMixin, forms.ModelForm):
    class Meta:
        model = Edition
        # The admin's fieldsets name the fields it shows; these are only the form's own.
        fields = ["signatory_name", "signatory_title"]

    def save(self, commit=True):
        self.apply_signature(self.instance)
        return super().save(commit)


@admin.register(Edition)
class EditionAdmin(EditionCopyMixin, admin.ModelAdmin):
    actions = ["copy_selected"]
    form = EditionForm
    list_display = ["title", "number", "start_date", "end_date", "town", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "theme", "town"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["last_change", "signature_preview"]
    inlines = [PartnershipInline, DayInline]
    fieldsets = [
        (
            _("Identité"),
            {
                "fields": [
                    "number",
                    "title",
                    "slug",
                    "theme",
                    "introduction",
                    "contact_email",
                    "is_published",
                    "last_change",
                ]
            },
        ),
        (
            _("Dates et lieu"),
            {"fields": ["start_date", "end_date", "town", "entrance", "entrance_address"]},
        ),
        (
            _("Inscriptions"),
            {
                "fields": [
                    "registration_opens_at",
                    "registration_closes_at",
                    "capacity",
                    "retention_months",
                ]
            },
        ),
        (
            _("Attestations de présence"),
            {
                "fields": [
                    "signatory_name",
                    "signatory_title",
                    "signature_preview",
                    "signature_file",
                    "remove_signature",
                ],
                "description": _(
                    "L'attestation nomme les organismes organisateurs de l'édition (avec "
                    "l'article de chacun, dans sa fiche d'organisme) ; la personne signataire, "
                    "sa qualité et l'image de sa signature y figurent. Sans image, une ligne "
                    "reste pour signer à la main."
                ),
            },
        ),
    ]

    @admin.display(description=_("signature actuelle"))
    def signature_preview(self, edition):
        uri = edition.signature_data_uri
        if not uri:
            return _("Aucune image.")
        return format_html('<img src="{}" alt="" height="80">', uri)

    @admin.display(description=_("dernière modification du contenu public"))
    def last_change(self, edition):
        return content.current().changed_at


@admin.register(Day)
class DayAdmin(admin.ModelAdmin):
    list_display = ["__str__", "edition", "note", "session_count"]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    search_fields = ["note"]
    date_hierarchy = "date"
    inlines = [SessionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_count=Count("sessions"))

    @admin.display(description=_("séances"), ordering="session_count")
    def session_count(self, day):
        return day.session_count


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "address", "map_link", "session_count"]
    search_fields = ["name", "address", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_count=Count("sessions"))

    @admin.display(description=_("carte"))
    def map_link(self, venue):
        if not venue.map_url:
            return None
        return format_html('<a href="{}">{}</a>', venue.map_url, _("Voir sur la carte"))

    @admin.display(description=_("séances"), ordering="session_count")
    def session_count(self, venue):
        return venue.session_count


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "organisation", "job_title"]
    search_fields = ["last_name", "first_name", "organisation", "job_title"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["day", "start_time", "end_time", "title", "kind", "venue", "is_parallel"]
    list_display_links = ["title"]
    list_filter = ["day", "kind", "venue", "revisits_intention"]
    list_select_related = ["day", "venue"]
    search_fields = ["title", "description"]
    date_hierarchy = "start"
    autocomplete_fields = ["speakers"]

    def get_inlines(self, request, obj):
        # Only a mini-conference slot may hold mini-conferences (see validation).
        if obj is not None and obj.kind == SessionKind.MINI_CONFERENCES:
            return [MiniConferenceInline]
        return []

    @admin.display(description=_("début"), ordering="start")
    def start_time(self, session):
        return short_time(session.start)

    @admin.display(description=_("fin"), ordering="end")
    def end_time(self, session):
        return short_time(session.end) or None


class EditionListMixin:
    """Themes and types: their edition in the list, and how many challenges use each."""

    list_display = ["name", "edition", "order", "challenge_count"]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    search_fields = ["name", "description"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(challenge_count=Count("challenges"))

    @admin.display(description=_("défis"), ordering="challenge_count")
    def challenge_count(self, obj):
        return obj.challenge_count


@admin.register(ChallengeTheme)
class ChallengeThemeAdmin(EditionListMixin, admin.ModelAdmin):
    pass


@admin.register(ChallengeType)
class ChallengeTypeAdmin(EditionListMixin, admin.ModelAdmin):
    pass


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "theme",
        "challenge_type",
        "territory_kind",
        "owner",
        "owner_organisation",
        "team_capacity",
        "is_example",
    ]
    list_filter = ["edition", "theme", "challenge_type", "territory_kind", "is_example"]
    list_select_related = ["theme", "challenge_type", "owner"]
    search_fields = ["title", "description", "owner_organisation", "owner__last_name"]
    autocomplete_fields = ["owner"]


class SlotFilter(admin.SimpleListFilter):
    title = _("créneau")
    parameter_name = "slot"

    def lookups(self, request, model_admin):
        slots = Session.objects.filter(kind=SessionKind.MINI_CONFERENCES).order_by("start")
        return [(str(slot.pk), slot_label(slot)) for slot in slots]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(slot_id=value)
        return queryset


@admin.register(MiniConference)
class MiniConferenceAdmin(admin.ModelAdmin):
    # Narrow columns: with the admin's side bar and the filters, 1280 px leave the list about
    # 600 px, and the seats are what organisers come for.
    list_display = [
        "numbered_title",
        "slot_time",
        "venue",
        "seats_taken",
        "capacity_column",
        "seats_waiting",
    ]
    list_filter = [SlotFilter, "venue"]
    list_select_related = ["slot", "venue"]
    search_fields = ["title", "description"]
    filter_horizontal = ["speakers"]
    formfield_overrides = HTTPS_URLS

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "slot":
            # The list only offers slots; say why another session is refused, in our words.
            kwargs["form_class"] = SlotChoiceField
            kwargs["error_messages"] = {"invalid_choice": validation.slot_kind_message()}
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        # The seats counted as the sign-up form counts them, in the list's own query.
        return super().get_queryset(request).with_seats()

    class Media:
        css = {"all": ["css/admin-lists.css"]}

    @admin.display(description=_("mini-conférence"), ordering="number")
    def numbered_title(self, mini_conference):
        return f"{mini_conference.number}. {mini_conference.title}"

    @admin.display(description=_("créneau"), ordering="slot__start")
    def slot_time(self, mini_conference):
        # Short: every slot is titled « Mini-conférences », and the year is the edition's.
        slot = mini_conference.slot
        day = weekday_and_month(timezone.localtime(slot.start).date())
        return f"{day}, {time_range(slot.start, slot.end)}"

    @admin.display(description=_("places prises"), ordering="confirmed_seats")
    def seats_taken(self, mini_conference):
        return mini_conference.confirmed_seats

    @admin.display(description=_("capacité"), ordering="capacity")
    def capacity_column(self, mini_conference):
        return mini_conference.capacity

    @admin.display(description=_("en attente"), ordering="waiting_seats")
    def seats_waiting(self, mini_conference):
        return mini_conference.waiting_seats


@admin.register(ProgrammeChange)
class ProgrammeChangeAdmin(admin.ModelAdmin):
    """The log is kept by the site itself: organisers read it, and may remove an entry."""

    list_display = ["changed_at", "title", "kind", "what_changed"]
    list_filter = ["edition", "kind"]
    search_fields = ["title"]
    date_hierarchy = "changed_at"
    list_select_related = ["session", "mini_conference"]
    readonly_fields = ["edition", "session", "mini_conference", "title", "kind", "what_changed"]
    fields = readonly_fields + ["changed_at"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("ce qui a changé"))
    def what_changed(self, change):
        return "; ".join(
            f"{label} : {old or '—'} → {new or '—'}" for label, old, new in change.details()
        )
