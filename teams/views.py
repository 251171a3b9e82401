"""Staff pages for the teams: run, review, publish, and the printable lists and name badges.

Anyone not on the team is sent to the admin login page; a team account also needs the
permissions each page names (programme.access): reading the runs, and wherever members are
named, the members and their registrations; running and publishing need the matching
permission. The « Organisateur·rice » group holds them all.
"""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from programme.access import for_organisers
from programme.current import current_edition_or_404
from registrations.models import Registration

from . import reports, services
from .forms import LearningRunForm, RunForm
from .models import Allocation, Membership

KINDS = {"defis": Allocation.Kind.CHALLENGE, "apprenantes": Allocation.Kind.LEARNING}
FORMS = {Allocation.Kind.CHALLENGE: RunForm, Allocation.Kind.LEARNING: LearningRunForm}
# Two columns of four on an A4 sheet: the usual 90 × 65 mm badge holders.
BADGES_PER_SHEET = 8
READ = ["teams.view_allocation"]
# The review, the lists and the badges name every member.
READ_MEMBERS = [*READ, "teams.view_membership", "registrations.view_registration"]


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


@for_organisers(read=READ)
def index(request):
    return render_index(request, current_edition_or_404(request))


@for_organisers(read=READ, act=["teams.add_allocation"])
def run(request, kind):
    if kind not in KINDS:
        raise Http404(_("Type d'équipes inconnu."))
    if request.method != "POST":
        return redirect("teams:index")
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


@for_organisers(read=READ_MEMBERS)
def allocation_detail(request, pk):
    allocation = allocation_or_404(pk)
    context = {
        "allocation": allocation,
        "edition": allocation.edition,
        "teams": teams_with_members(allocation),
        **reports.review(allocation),
    }
    return render(request, "teams/allocation_detail.html", context)


@for_organisers(read=READ, act=["teams.change_allocation"])
def publication(request, pk, action):
    allocation = allocation_or_404(pk)
    if request.method != "POST":
        return redirect(allocation)
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


@for_organisers(read=READ_MEMBERS)
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


@for_organisers(read=READ_MEMBERS)
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
