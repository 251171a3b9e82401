"""The public side of the call: the form, the private page reached by its link, the speakers."""

from django.contrib import messages
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from programme.current import current_edition_or_404
from programme.models import MiniConference, Person, Session
from registrations.forms import HONEYPOT
from registrations.ratelimit import limit_posts

from . import services
from .exceptions import CallClosed, ProposalLocked
from .forms import EditForm, SubmitForm
from .models import OPEN, Call, Proposal

# The browser that just sent a proposal may see its private link on the thanks page.
SESSION_KEY = "proposals:last_token"


def render_unavailable(request, edition, call):
    # A POST outside the call's dates is refused, not just redisplayed: nothing is kept.
    status = 403 if request.method == "POST" else 200
    context = {"edition": edition, "call": call, "state": call.state() if call else None}
    return render(request, "proposals/unavailable.html", context, status=status)


@require_http_methods(["GET", "POST"])
@limit_posts("proposals")
def submit(request):
    edition = current_edition_or_404(request)
    call = Call.objects.for_edition(edition)
    if call is None or call.state() != OPEN:
        return render_unavailable(request, edition, call)
    if request.method == "POST" and request.POST.get(HONEYPOT):
        return redirect("proposals:done")  # A robot: silently discarded.
    form = SubmitForm(request.POST if request.method == "POST" else None, call=call)
    if form.is_bound and form.is_valid():
        try:
            proposal = form.save(request=request)
        except CallClosed:
            return render_unavailable(request, edition, call)
        request.session[SESSION_KEY] = proposal.token
        return redirect("proposals:done")
    context = {"form": form, "edition": edition, "call": call}
    return render(request, "proposals/submit.html", context)


@never_cache
def done(request):
    token = request.session.get(SESSION_KEY)
    proposal = Proposal.objects.filter(token=token).first() if token else None
    edition = current_edition_or_404(request)
    return render(request, "proposals/done.html", {"proposal": proposal, "edition": edition})


def proposal_or_404(token):
    """A wrong link is the site's 404: never someone else's proposal."""
    proposal = (
        Proposal.objects.select_related("call__edition", "theme", "mini_conference")
        .prefetch_related("speakers")
        .filter(token=token)
        .first()
    )
    if proposal is None:
        raise Http404("Lien privé inconnu.")
    return proposal


def can_change(proposal):
    return proposal.call.state() == OPEN and proposal.status == Proposal.Status.SUBMITTED


def private_context(proposal, **extra):
    return {
        "proposal": proposal,
        "call": proposal.call,
        "edition": proposal.call.edition,
        "can_change": can_change(proposal),
        **extra,
    }


@never_cache
def manage(request, token):
    proposal = proposal_or_404(token)
    return render(request, "proposals/manage.html", private_context(proposal))


def refuse_change(request, proposal, error):
    messages.error(request, str(error.message))
    return redirect(proposal)


@never_cache
@require_http_methods(["GET", "POST"])
def edit(request, token):
    proposal = proposal_or_404(token)
    if not can_change(proposal):
        return refuse_change(request, proposal, closed_or_locked(proposal))
    form = EditForm(
        request.POST if request.method == "POST" else None, instance=proposal, call=proposal.call
    )
    if form.is_bound and form.is_valid():
        try:
            form.save()
        except (CallClosed, ProposalLocked) as error:
            return refuse_change(request, proposal, error)
        messages.success(request, _("Vos modifications sont enregistrées."))
        return redirect(proposal)
    return render(request, "proposals/edit.html", private_context(proposal, form=form))


@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    proposal = proposal_or_404(token)
    if not can_change(proposal):
        return refuse_change(request, proposal, closed_or_locked(proposal))
    if request.method == "POST":
        try:
            services.withdraw_proposal(proposal=proposal)
        except (CallClosed, ProposalLocked) as error:
            return refuse_change(request, proposal, error)
        messages.success(request, _("Votre proposition est retirée."))
        return redirect(proposal)
    return render(request, "proposals/withdraw.html", private_context(proposal))


def closed_or_locked(proposal):
    return CallClosed() if proposal.call.state() != OPEN else ProposalLocked()


def speaker_list(request):
    """Everyone who speaks at the current edition, with what they speak in: three queries."""
    edition = current_edition_or_404(request)
    mini_conferences = MiniConference.objects.of_edition(edition).select_related("slot__day")
    sessions = Session.objects.of_edition(edition).select_related("day")
    speakers = (
        Person.objects.filter(Q(mini_conferences__in=mini_conferences) | Q(sessions__in=sessions))
        .distinct()
        .prefetch_related(
            Prefetch("mini_conferences", queryset=mini_conferences.order_by("slot__start")),
            Prefetch("sessions", queryset=sessions.order_by("start")),
        )
    )
    context = {"edition": edition, "speakers": speakers}
    return render(request, "proposals/speaker_list.html", context)
