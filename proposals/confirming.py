"""The page that asks before an acceptance changes a mini-conference people registered to.

Accepting a proposal may rename its mini-conference (the first accepted proposal gives it its
title and summary) and changes its speakers. Like Django's delete confirmation, the organiser
first sees what would change and how many people are registered, then chooses « Retenir et
renommer », « Retenir sans changer le titre » or « Annuler ». Nothing is asked when nothing
would change. Used by the list's action and by the change form's button.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from programme.admin import slot_label
from programme.models import MiniConference

from . import acceptance, services

RENAME, KEEP_TITLE = "_rename", "_keep_title"


class AcceptanceConfirmationMixin:
    """For ProposalAdmin: the confirmation page, its URL and the right to decide."""

    confirmation_template = "admin/proposals/proposal/accept_confirmation.html"

    def has_decide_permission(self, request, obj=None):
        # Accepting changes a mini-conference: its title, its speakers.
        return self.has_change_permission(request, obj) and request.user.has_perm(
            "programme.change_miniconference"
        )

    def get_urls(self):
        view = self.admin_site.admin_view(self.accept_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_accept"
        return [path("<path:object_id>/accept/", view, name=name), *super().get_urls()]

    def accept_url(self, proposal, target):
        url = reverse("admin:proposals_proposal_accept", args=[proposal.pk])
        if target != proposal.target:
            url += "?" + urlencode({"mini_conference": target.pk})
        return url

    def accept_view(self, request, object_id):
        """GET: the confirmation page of one proposal; POST: the organiser's choice."""
        proposal = self.get_object(request, unquote(object_id))
        if proposal is None:
            messages.error(request, _("Cette proposition n’existe pas ou plus."))
            return HttpResponseRedirect(reverse("admin:proposals_proposal_changelist"))
        if not self.has_decide_permission(request, proposal):
            raise PermissionDenied
        change_url = reverse("admin:proposals_proposal_change", args=[proposal.pk])
        target = self.chosen_target(request, proposal)
        if target is None:
            messages.error(request, _("Cette mini-conférence n’est pas dans l’édition de l’appel."))
            return HttpResponseRedirect(change_url)
        decisions = [(proposal, target)]
        page = {"original": proposal, "cancel_url": change_url, "hidden": []}
        if request.method != "POST":
            return self.confirmation_page(request, acceptance.plan(decisions), decisions, **page)
        return self.accept_confirmed(request, decisions, **page) or HttpResponseRedirect(change_url)

    def chosen_target(self, request, proposal):
        """The mini-conference named in the URL (a move), else the proposal's own."""
        value = request.GET.get("mini_conference")
        if value is None:
            return proposal.target
        choices = MiniConference.objects.of_edition(proposal.call.edition)
        return choices.filter(pk=value).first() if value.isdigit() else None

    def response_accept(self, request, proposal, target):
        """After the change form's save: accept now, or ask first if a mini-conference changes."""
        if not self.has_decide_permission(request, proposal):
            raise PermissionDenied  # Inside the change form's transaction: nothing is kept.
        if acceptance.plan([(proposal, target)]):
            return HttpResponseRedirect(self.accept_url(proposal, target))
        self.accept_all(request, [(proposal, target)], rename=True)
        return HttpResponseRedirect(request.path)

    def accept_confirmed(self, request, decisions, **page):
        """Accept each (proposal, target) in turn, once the organiser has confirmed what it
        changes; returns the confirmation page while that is still to do, else None."""
        changes = acceptance.plan(decisions)
        chosen = RENAME in request.POST or KEEP_TITLE in request.POST
        seen = request.POST.get("plan") == acceptance.fingerprint(changes)
        if changes and not (chosen and seen):
            return self.confirmation_page(request, changes, decisions, stale=chosen, **page)
        self.accept_all(request, decisions, rename=KEEP_TITLE not in request.POST)
        return None

    def accept_all(self, request, decisions, *, rename):
        targets = {proposal.pk: target for proposal, target in decisions}

        def accept(*, proposal, request):
            target = targets[proposal.pk]
            services.accept_proposal(
                proposal=proposal, mini_conference=target, rename=rename, request=request
            )

        self.decide(request, [proposal for proposal, _target in decisions], accept)

    def confirmation_page(self, request, changes, decisions, *, stale=False, **page):
        for change in changes:
            change.slot_label = slot_label(change.mini_conference.slot)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Retenir : ce qui change dans le programme"),
            "decisions": decisions,
            "changes": changes,
            "renames": any(change.renames for change in changes),
            "plan": acceptance.fingerprint(changes),
            "stale": stale,
            **page,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.confirmation_template, context)
