"""The organisers' side of the call: its dates and emails, and the review of proposals.

Each organiser rates a proposal from its change form (one review per person, replaced when
rated again) and sees the others' reviews beneath. Decisions go through the services, from the
list's actions or the change form's buttons, so that speakers are attached and emailed
whichever way the decision is taken; the status itself is never typed by hand.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, FloatField, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mailqueue.delivery import EmailStateAdminMixin, EmailStateFilter

from . import services
from .confirming import AcceptanceConfirmationMixin
from .exceptions import DecisionRefused
from .models import Call, Proposal, Review, Speaker
from .reviewing import ProposalAdminForm, ReviewedByMeFilter


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["edition", "opens_at", "closes_at", "state_label", "proposals_link"]
    list_select_related = ["edition"]
    fieldsets = [
        (None, {"fields": ["edition", "opens_at", "closes_at", "introduction"]}),
        (
            _("Courriel aux propositions retenues"),
            {"fields": ["accepted_subject", "accepted_body"]},
        ),
        (
            _("Courriel aux propositions non retenues"),
            {"fields": ["declined_subject", "declined_body"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(proposal_count=Count("proposals"))

    @admin.display(description=_("état"))
    def state_label(self, call):
        labels = {
            "not-yet-open": _("pas encore ouvert"),
            "open": _("ouvert"),
            "closed": _("clos"),
        }
        return labels[call.state()]

    @admin.display(description=_("propositions"), ordering="proposal_count")
    def proposals_link(self, call):
        url = reverse("admin:proposals_proposal_changelist") + f"?call__id__exact={call.pk}"
        return format_html('<a href="{}">{}</a>', url, call.proposal_count)


class SpeakerInline(admin.StackedInline):
    model = Speaker
    fields = ["first_name", "last_name", "organisation", "job_title", "biography", "person"]
    readonly_fields = ["person"]
    extra = 0


class ReviewInline(admin.TabularInline):
    """Everyone's reviews, read only: each person changes their own in « Votre évaluation »."""

    model = Review
    fields = ["reviewer", "score", "comment", "updated_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(AcceptanceConfirmationMixin, EmailStateAdminMixin, admin.ModelAdmin):
    form = ProposalAdminForm
    list_display = [
        "title",
        "speaker_names",
        "theme",
        "status",
        "average",
        "reviews",
        "email_state",
        "created_at",
    ]
    list_filter = [
        "status",
        ReviewedByMeFilter,
        "theme",
        "format",
        EmailStateFilter,
        "call__edition",
    ]
    list_select_related = ["theme", "mini_conference"]
    search_fields = [
        "title",
        "summary",
        "email",
        "speakers__first_name",
        "speakers__last_name",
        "speakers__organisation",
    ]
    show_facets = admin.ShowFacets.ALWAYS
    readonly_fields = [
        "call",
        "status",
        "private_link",
        "consent_at",
        "created_at",
        "updated_at",
        "decided_at",
        "withdrawn_at",
        "notified_at",
    ]
    fieldsets = [
        (
            _("Proposition"),
            {"fields": ["call", "title", "summary", "theme", "format", "email", "private_link"]},
        ),
        (
            _("Décision"),
            {
                "fields": [
                    "status",
                    "mini_conference",
                    "internal_notes",
                    "decided_at",
                    "notified_at",
                ]
            },
        ),
        (_("Votre évaluation"), {"fields": ["my_score", "my_comment"]}),
        (
            _("Suivi"),
            {
                "fields": [
                    "created_at",
                    "updated_at",
                    "withdrawn_at",
                    "consent_at",
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [SpeakerInline, ReviewInline]
    actions = ["accept_selected", "decline_selected", "resend_decision"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).with_review_counts()
        return queryset.prefetch_related("speakers")

    def has_add_permission(self, request):
        return False  # Proposals come from the public form, with the speaker's consent.

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"reviewer": request.user})

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["can_accept"] = self.has_decide_permission(request, obj)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def save_model(self, request, obj, form, change):
        if obj.status == Proposal.Status.ACCEPTED and "mini_conference" in form.changed_data:
            # A move is an acceptance elsewhere, confirmed first (response_change): the old
            # value stays until then, for the service to move the speakers.
            obj.moved_to = obj.mini_conference or obj.theme
            obj.mini_conference_id = form.initial["mini_conference"]
        super().save_model(request, obj, form, change)
        if "my_score" in form.changed_data or "my_comment" in form.changed_data:
            services.rate_proposal(
                proposal=obj,
                reviewer=request.user,
                score=form.cleaned_data["my_score"],
                comment=form.cleaned_data["my_comment"],
            )

    def response_change(self, request, obj):
        if "_decline" in request.POST:
            self.decide(request, [obj], services.decline_proposal)
            return HttpResponseRedirect(request.path)
        moved_to = getattr(obj, "moved_to", None)
        if "_accept" in request.POST or moved_to is not None:
            return self.response_accept(request, obj, moved_to or obj.target)
        return super().response_change(request, obj)

    @admin.display(description=_("intervenantes et intervenants"))
    def speaker_names(self, proposal):
        return ", ".join(str(speaker) for speaker in proposal.speakers.all())

    # Unrated proposals sort as 0, below the rated ones, whatever the database does with NULL.
    @admin.display(
        description=_("note moyenne"),
        ordering=Coalesce("average_score", Value(0.0), output_field=FloatField()),
    )
    def average(self, proposal):
        if proposal.average_score is None:
            return "—"
        return number_format(proposal.average_score, 1)

    @admin.display(description=_("évaluations"), ordering="review_count")
    def reviews(self, proposal):
        return proposal.review_count

    @admin.display(description=_("lien privé"))
    def private_link(self, proposal):
        return format_html('<a href="{0}">{0}</a>', proposal.get_absolute_url())

    @admin.action(
        description=_("Retenir (mini-conférence retenue, sinon visée) et prévenir par courriel"),
        permissions=["decide"],
    )
    def accept_selected(self, request, queryset):
        proposals = queryset.select_related(
            "call", "theme__slot__day", "mini_conference__slot__day"
        )
        selected = [(helpers.ACTION_CHECKBOX_NAME, proposal.pk) for proposal in proposals]
        return self.accept_confirmed(
            request,
            [(proposal, proposal.target) for proposal in proposals],
            cancel_url=request.get_full_path(),
            hidden=[("action", "accept_selected"), *selected],
        )

    @admin.action(description=_("Ne pas retenir et prévenir par courriel"), permissions=["change"])
    def decline_selected(self, request, queryset):
        self.decide(request, queryset, services.decline_proposal)

    @admin.action(description=_("Renvoyer le courriel de décision"), permissions=["change"])
    def resend_decision(self, request, queryset):
        decided = queryset.filter(status__in=[Proposal.Status.ACCEPTED, Proposal.Status.DECLINED])
        sent = sum(services.send_decision(proposal=p, request=request) for p in decided)
        messages.info(
            request,
            ngettext(
                "%(count)d courriel de décision mis dans la file d’envoi.",
                "%(count)d courriels de décision mis dans la file d’envoi.",
                sent,
            )
            % {"count": sent},
        )

    def decide(self, request, proposals, decide):
        done = 0
        for proposal in proposals:
            try:
                decide(proposal=proposal, request=request)
            except DecisionRefused as error:
                message = _("« %(title)s » : %(error)s")
                messages.error(request, message % {"title": proposal.title, "error": error.message})
            else:
                done += 1
        if done:
            messages.success(
                request,
                ngettext(
                    "%(count)d proposition traitée ; la personne à contacter est prévenue "
                    "par courriel.",
                    "%(count)d propositions traitées ; les personnes à contacter sont prévenues "
                    "par courriel.",
                    done,
                )
                % {"count": done},
            )
