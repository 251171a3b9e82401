"""Organisers' admin for the teams: review and publish runs, move people by hand, owners.

Runs are started from the staff page (teams:index), which asks for the run's options; the admin
links to it rather than creating empty runs.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Allocation, ChallengeOwnership, Membership, Team


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0
    fields = ["number", "challenge"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Allocation)
class AllocationAdmin(admin.ModelAdmin):
    change_list_template = "teams/admin/allocation_change_list.html"
    list_display = ["__str__", "edition", "kind", "team_size", "published_at", "review_link"]
    list_filter = ["edition", "kind", ("published_at", admin.EmptyFieldListFilter)]
    fields = ["edition", "kind", "team_size", "kept_locked", "created_at", "published_at"]
    readonly_fields = fields + ["review_link"]
    inlines = [TeamInline]
    actions = ["publish", "unpublish"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("bilan et listes"))
    def review_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Voir le bilan"))

    @admin.action(description=_("Publier la répartition choisie"), permissions=["change"])
    def publish(self, request, queryset):
        if len(queryset) != 1:
            messages.error(request, _("Choisissez une seule répartition à publier."))
            return
        allocation = services.publish(allocation=queryset[0])
        messages.success(
            request,
            _("« %(run)s » est publiée ; chaque membre reçoit son équipe par courriel.")
            % {"run": allocation},
        )

    @admin.action(description=_("Retirer de la publication"), permissions=["change"])
    def unpublish(self, request, queryset):
        for allocation in queryset.filter(published_at__isnull=False):
            services.unpublish(allocation=allocation)
        messages.success(
            request, _("Les participantes et participants ne voient plus ces équipes.")
        )


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["registration", "locked", "preference_rank"]
    readonly_fields = ["preference_rank"]
    autocomplete_fields = ["registration"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["__str__", "number", "allocation"]
    list_filter = ["allocation__kind", "allocation"]
    list_select_related = ["challenge", "allocation"]
    search_fields = ["challenge__title"]
    fields = ["allocation", "number", "challenge"]
    readonly_fields = fields
    inlines = [MembershipInline]

    def has_add_permission(self, request):
        return False

    def save_formset(self, request, form, formset, change):
        # A person added to a team by hand is a hand-made placement: a re-run keeps it.
        for membership_form in formset.forms:
            if membership_form.has_changed():
                membership_form.instance.locked = True
        super().save_formset(request, form, formset, change)


class MoveForm(forms.ModelForm):
    """One row of the members list: the team is chosen among the teams of the same run."""

    class Meta:
        model = Membership
        fields = ["team", "locked"]

    def __init__(self, *args, team_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(
            allocation_id=self.instance.allocation_id
        ).select_related("challenge")
        if team_choices is not None:
            # Built once per run and page, not once per row.
            self.fields["team"].choices = team_choices(self.instance.allocation_id)


def team_label(team):
    return f"{team} — {team.allocation}"


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = [
        "registration",
        "employer",
        "team",
        "locked",
        "preference_rank",
        "allocation",
    ]
    list_editable = ["team", "locked"]
    list_filter = ["allocation__kind", "allocation", "locked", "preference_rank"]
    list_select_related = ["registration", "team__challenge", "allocation"]
    search_fields = [
        "registration__first_name",
        "registration__last_name",
        "registration__employer",
    ]
    autocomplete_fields = ["registration"]
    fields = ["team", "registration", "locked", "preference_rank"]
    readonly_fields = ["preference_rank"]

    @admin.display(description=_("employeur"), ordering="registration__employer")
    def employer(self, obj):
        return obj.registration.employer

    def get_changelist_form(self, request, **kwargs):
        cache = {}

        def team_choices(allocation_id):
            if allocation_id not in cache:
                teams = Team.objects.filter(allocation_id=allocation_id).select_related("challenge")
                cache[allocation_id] = [("", "---------")] + [(t.pk, str(t)) for t in teams]
            return cache[allocation_id]

        class Form(MoveForm):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, team_choices=team_choices, **kwargs)

        return Form

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "team" in form.base_fields:
            field = form.base_fields["team"]
            field.queryset = Team.objects.select_related("challenge", "allocation").order_by(
                "-allocation__created_at", "number"
            )
            field.label_from_instance = team_label
        return form

    def save_model(self, request, obj, form, change):
        # Choosing someone's team by hand makes it a hand-made placement: a re-run keeps it.
        if not change or "team" in form.changed_data:
            obj.locked = True
        super().save_model(request, obj, form, change)


@admin.register(ChallengeOwnership)
class ChallengeOwnershipAdmin(admin.ModelAdmin):
    list_display = ["challenge", "registration"]
    list_filter = ["challenge__edition"]
    list_select_related = ["challenge", "registration"]
    search_fields = ["challenge__title", "registration__last_name", "registration__first_name"]
    autocomplete_fields = ["challenge", "registration"]
