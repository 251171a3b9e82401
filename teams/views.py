"""Staff pages for the teams: run, review, publish, and the printable lists and name badges.

Every page is behind staff_member_required; running and publishing also need the matching
permission, which the « Organisateur·rice » group holds.
"""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from programme.current import current_edition_or_404
from registrations.models import Registration

from . import reports, services
from .forms import LearningRunForm, RunForm
from .models import Allocation, Membership

KINDS = {"defis": Allocation.Kind.CHALLENGE, "apprenantes": Allocation.Kind.LEARNING}
FORMS = {Allocation.Kind.CHALLENGE: RunForm, Allocation.Kind.LEARNING: LearningRunForm}
# Two columns of four on an A4 sheet: the usual 90 × 65 mm badge holders.
BADGES_PER_SHEET = 8


def require_permission(request, codename):
    if not request.user.has_perm(f"teams.{codename}"):
        raise PermissionDenied(_("Votre compte n'a pas le droit de faire cette opération."))


def render_index(request, edition, *, bound=None, status=200):
    bound = bound or {}
    context = {
        "edition": edition,
        "runs": Allocation.objects.filter(edition=edition),
        "forms": [
            (slug, kind.label, bound.get(kind) or FORMS[kind](prefix=slug))
            for slug, kind in KINDS.items()
        ],
    }
    return render(request, "teams/index.html", context, status=status)


@staff_member_required
def index(request):
    return render_index(request, current_edition_or_404(request))


@staff_member_required
def run(request, kind):
    if kind not in KINDS:
        raise Http404(_("Type d'équipes inconnu."))
    if request.method != "POST":
        return redirect("teams:index")
    require_permission(request, "add_allocation")
    edition = current_edition_or_404(request)
    form = FORMS[KINDS[kind]](request.POST, prefix=kind)
    if not form.is_valid():
        return render_index(request, edition, bound={KINDS[kind]: form}, status=400)
    options = {"edition": edition, "keep_locked": form.cleaned_data["keep_locked"]}
    if KINDS[kind] == Allocation.Kind.LEARNING:
        allocation = services.run_learning_allocation(
            team_size=form.cleaned_data["team_size"], **options
        )
    else:
        allocation = services.run_challenge_allocation(**options)
    messages.success(request, _("Répartition calculée : relisez-la avant de la publier."))
    return redirect(allocation)


def members_queryset():
    """Members still registered, in alphabetical order; people who cancelled since drop out."""
    return (
        Membership.objects.filter(registration__in=Registration.objects.confirmed())
        .select_related("registration")
        .order_by("registration__last_name", "registration__first_name", "pk")
    )


def teams_with_members(allocation):
    return allocation.teams.select_related("challenge").prefetch_related(
        Prefetch("memberships", queryset=members_queryset(), to_attr="members")
    )


def allocation_or_404(pk):
    return get_object_or_404(Allocation.objects.select_related("edition"), pk=pk)


@staff_member_required
def allocation_detail(request, pk):
    allocation = allocation_or_404(pk)
    context = {
        "allocation": allocation,
        "edition": allocation.edition,
        "teams": teams_with_members(allocation),
        **reports.review(allocation),
    }
    return render(request, "teams/allocation_detail.html", context)


@staff_member_required
def publication(request, pk, action):
    allocation = allocation_or_404(pk)
    if request.method != "POST":
        return redirect(allocation)
    require_permission(request, "change_allocation")
    if action == "publish":
        services.publish(allocation=allocation)
        messages.success(
            request,
            _(
                "Équipes publiées : chaque participante ou participant voit la sienne, "
                "et la reçoit par courriel."
            ),
        )
    else:
        services.unpublish(allocation=allocation)
        messages.success(request, _("Équipes retirées de la publication."))
    return redirect(allocation)


def team_of(edition, kind):
    """The run organisers would print (published, else latest) and registration -> team."""
    run = Allocation.objects.current(edition, kind)
    if run is None:
        return None, {}
    rows = run.memberships.select_related("team__challenge")
    return run, {membership.registration_id: membership.team for membership in rows}


@staff_member_required
def team_lists(request, pk):
    allocation = allocation_or_404(pk)
    teams = list(teams_with_members(allocation))
    if allocation.kind == Allocation.Kind.LEARNING:
        # Each member's challenge team is shown too, so the mix can be checked at a glance.
        challenge_teams = team_of(allocation.edition, Allocation.Kind.CHALLENGE)[1]
        for team in teams:
            for member in team.members:
                member.challenge_team = challenge_teams.get(member.registration_id)
    context = {
        "allocation": allocation,
        "edition": allocation.edition,
        # An empty team would print a page saying « nobody »: named once on screen instead.
        "teams": [team for team in teams if team.members],
        "empty_teams": [team for team in teams if not team.members],
    }
    return render(request, "teams/team_lists.html", context)


@staff_member_required
def badges(request):
    edition = current_edition_or_404(request)
    challenge_run, challenge_teams = team_of(edition, Allocation.Kind.CHALLENGE)
    learning_run, learning_teams = team_of(edition, Allocation.Kind.LEARNING)
    people = list(services.team_registrations(edition).order_by("last_name", "first_name", "pk"))
    for person in people:
        person.challenge_team = challenge_teams.get(person.pk)
        person.learning_team = learning_teams.get(person.pk)
    context = {
        "edition": edition,
        "challenge_run": challenge_run,
        "learning_run": learning_run,
        "sheets": [
            people[start : start + BADGES_PER_SHEET]
            for start in range(0, len(people), BADGES_PER_SHEET)
        ],
        "count": len(people),
    }
    return render(request, "teams/badges.html", context)
