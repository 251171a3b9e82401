"""Running, publishing and reading the team allocations. Views and the admin call these."""

import time
from functools import partial

from django.core.mail import get_connection
from django.db import transaction
from django.utils.translation import gettext as _

from programme import clock
from programme.models import Challenge, Session, SessionKind
from registrations.models import ChallengePreference, Registration

from . import allocation as solver
from . import emails
from .models import Allocation, ChallengeOwnership, Membership, Team

CHALLENGE = Allocation.Kind.CHALLENGE
LEARNING = Allocation.Kind.LEARNING
# Organisers run the event: they join no team.
NOT_IN_TEAMS = [Registration.Category.ORGANISER]
# The programme sessions each kind of team meets in.
SESSION_KINDS = {CHALLENGE: SessionKind.CHALLENGE_STEP, LEARNING: SessionKind.LEARNING_TEAM}


def team_registrations(edition):
    """Who is placed: active registrations, in a stable order (by pk) for determinism."""
    return (
        Registration.objects.of_edition(edition)
        .active()
        .exclude(category__in=NOT_IN_TEAMS)
        .order_by("pk")
    )


def preferences_by_registration(edition):
    choices = {}
    rows = ChallengePreference.objects.filter(
        registration__edition=edition, challenge__edition=edition
    ).order_by("registration_id", "rank")
    for registration_id, challenge_id in rows.values_list("registration_id", "challenge_id"):
        choices.setdefault(registration_id, []).append(challenge_id)
    return {pk: tuple(challenges) for pk, challenges in choices.items()}


def kept_locks(edition, kind, *, keep_locked):
    """Hand-made placements of the latest run: registration -> challenge pk or team number."""
    previous = Allocation.objects.latest_of(edition, kind) if keep_locked else None
    if previous is None:
        return {}
    target = "team__challenge_id" if kind == CHALLENGE else "team__number"
    return dict(previous.memberships.filter(locked=True).values_list("registration_id", target))


def owners_of(edition):
    """Registration -> the challenge it carries, from the organisers' « Défis portés »."""
    rows = ChallengeOwnership.objects.filter(challenge__edition=edition)
    return dict(rows.values_list("registration_id", "challenge_id"))


def run_challenge_allocation(*, edition, keep_locked=True):
    """Place the edition's confirmed participants in challenge teams, as a new draft run.

    Side effects: creates an unpublished Allocation with one Team per challenge and a
    Membership per person placed; the published run, if any, stays what participants see.
    Hand-made placements of the latest run are kept unless keep_locked is False; challenge
    owners go to the challenge they carry.
    """
    started = time.perf_counter()
    people = list(team_registrations(edition).values_list("pk", "category"))
    locks = kept_locks(edition, CHALLENGE, keep_locked=keep_locked)
    owners = owners_of(edition)
    choices = preferences_by_registration(edition)
    challenges = list(Challenge.objects.of_edition(edition).order_by("theme__order", "title", "pk"))
    capacities = {challenge.pk: challenge.team_capacity for challenge in challenges}
    candidates = [
        solver.Candidate(pk, choices.get(pk, ()), locks.get(pk) or owners.get(pk))
        for pk, _category in people
    ]
    placements = solver.place_in_challenges(candidates, capacities)
    report = challenge_report(placements, capacities, locks=locks)
    report["owners_without_challenge"] = [
        pk for pk, category in people if category == "challenge_owner" and pk not in owners
    ]
    report["seconds"] = round(time.perf_counter() - started, 3)
    return save_challenge_run(edition, challenges, placements, locks, report, keep_locked)


def challenge_report(placements, capacities, *, locks):
    ranks = {1: "first", 2: "second", 3: "third", None: "other"}
    report = dict.fromkeys(("first", "second", "third", "other", "forced"), 0)
    sizes = dict.fromkeys(capacities, 0)
    unplaced = []
    for pk, placement in placements.items():
        if placement.challenge is None:
            unplaced.append({"registration": pk, "reason": placement.reason})
            continue
        sizes[placement.challenge] += 1
        report["forced" if placement.forced else ranks[placement.rank]] += 1
    report["participants"] = len(placements)
    report["unplaced"] = unplaced
    report["over_capacity"] = [
        {"challenge": pk, "size": size, "capacity": capacities[pk]}
        for pk, size in sizes.items()
        if size > capacities[pk]
    ]
    report["dropped_locks"] = [
        pk
        for pk, challenge in locks.items()
        if placements.get(pk, solver.Placement(None)).challenge != challenge
    ]
    return report


@transaction.atomic
def save_challenge_run(edition, challenges, placements, locks, report, keep_locked):
    run = Allocation.objects.create(
        edition=edition, kind=CHALLENGE, kept_locked=keep_locked, report=report
    )
    teams = Team.objects.bulk_create(
        Team(allocation=run, number=number, challenge=challenge)
        for number, challenge in enumerate(challenges, start=1)
    )
    team_of = {team.challenge_id: team for team in teams}
    Membership.objects.bulk_create(
        Membership(
            allocation=run,
            team=team_of[placement.challenge],
            registration_id=pk,
            locked=locks.get(pk) == placement.challenge,
            preference_rank=placement.rank,
        )
        for pk, placement in sorted(placements.items())
        if placement.challenge is not None
    )
    return run


def normalised(employer):
    """« Ville de  Mâcon » and « ville de Mâcon » are one employer for spreading."""
    return " ".join(employer.split()).casefold()


def run_learning_allocation(*, edition, team_size, keep_locked=True):
    """Form mixed learning teams of at most team_size people, as a new draft run.

    Side effects: creates an unpublished Allocation with its Teams and Memberships. Challenges
    are read from the current challenge run (published, or else the latest draft).
    """
    started = time.perf_counter()
    challenge_run = Allocation.objects.current(edition, CHALLENGE)
    challenge_of = (
        dict(challenge_run.memberships.values_list("registration_id", "team__challenge_id"))
        if challenge_run
        else {}
    )
    locks = kept_locks(edition, LEARNING, keep_locked=keep_locked)
    members = [
        solver.Member(pk, challenge_of.get(pk), normalised(employer), category, locks.get(pk))
        for pk, employer, category in team_registrations(edition).values_list(
            "pk", "employer", "category"
        )
    ]
    teams = solver.form_learning_teams(members, team_size=team_size)
    report = solver.spread_summary(members, teams)
    report["challenge_allocation"] = challenge_run.pk if challenge_run else None
    report["dropped_locks"] = [pk for pk, number in locks.items() if teams.get(pk) != number]
    report["seconds"] = round(time.perf_counter() - started, 3)
    return save_learning_run(edition, team_size, teams, locks, report, keep_locked)


@transaction.atomic
def save_learning_run(edition, team_size, teams, locks, report, keep_locked):
    run = Allocation.objects.create(
        edition=edition, kind=LEARNING, team_size=team_size, kept_locked=keep_locked, report=report
    )
    count = solver.team_count_for(len(teams), team_size)
    created = Team.objects.bulk_create(
        Team(allocation=run, number=number) for number in range(1, count + 1)
    )
    Membership.objects.bulk_create(
        Membership(
            allocation=run,
            team=created[number - 1],
            registration_id=pk,
            locked=locks.get(pk) == number,
        )
        for pk, number in sorted(teams.items())
    )
    return run


@transaction.atomic
def publish(*, allocation):
    """Make this run the one participants see, in place of any other run of the same kind.

    Side effects: sets published_at here, clears it on the edition's other runs of this kind;
    after commit, each member of its teams is emailed their team (send_team_emails). A run
    published already is left as it is, and nobody is emailed twice.
    """
    if Allocation.objects.published().filter(pk=allocation.pk).exists():
        return allocation
    Allocation.objects.filter(edition_id=allocation.edition_id, kind=allocation.kind).exclude(
        pk=allocation.pk
    ).update(published_at=None)
    allocation.published_at = clock.now()
    allocation.save(update_fields=["published_at"])
    # robust: the publication is committed by then; an email problem must not make it a 500.
    transaction.on_commit(partial(send_team_emails, allocation=allocation), robust=True)
    return allocation


def team_sessions(allocation):
    """The programme sessions where the run's teams meet, in programme order."""
    sessions = Session.objects.of_edition(allocation.edition_id).filter(
        kind=SESSION_KINDS[allocation.kind]
    )
    return sessions.select_related("day", "venue").order_by("start", "pk")


def send_team_emails(*, allocation, request=None):
    """Queue, for each active member of the run's teams, the email naming their team, its
    members and where it meets. Returns how many were queued."""
    messages = emails.team_messages(
        allocation, sessions=list(team_sessions(allocation)), request=request
    )
    if messages:
        get_connection().send_messages(messages)  # One connection for all of them.
    return len(messages)


def unpublish(*, allocation):
    """Hide this run from participants again. Side effect: clears published_at."""
    allocation.published_at = None
    allocation.save(update_fields=["published_at"])
    return allocation


def published_memberships(registration):
    """The participant's teams in the published runs: challenge team first, then learning."""
    return (
        Membership.objects.filter(
            registration=registration,
            allocation__edition_id=registration.edition_id,
            allocation__published_at__isnull=False,
        )
        .select_related("allocation", "team__challenge")
        .order_by("allocation__kind")
    )


def team_notes(registration):
    """Session kind -> « Votre équipe : … », for the teams published for this participant.

    Handed to the personal programme (registrations) from TeamsConfig.ready()."""
    return {
        SESSION_KINDS[m.allocation.kind]: _("Votre équipe : %(team)s") % {"team": m.team}
        for m in published_memberships(registration)
    }


def published_team_sessions(registration):
    """Programme sessions where the participant meets a published team of theirs: the challenge
    steps once a challenge team is published, the learning-team meetings once a learning team is.

    For the personal calendar. Returns a Session queryset in programme order.
    """
    kinds = [SESSION_KINDS[m.allocation.kind] for m in published_memberships(registration)]
    return (
        Session.objects.of_edition(registration.edition_id)
        .filter(kind__in=kinds)
        .order_by("start", "pk")
    )
