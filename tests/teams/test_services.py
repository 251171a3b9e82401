"""Running, re-running and publishing allocations on registrations in the database."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from programme.models import SessionKind
from teams import services
from teams.models import Allocation, ChallengeOwnership, Membership

from .conftest import team_titles


def test_only_confirmed_participants_are_placed(challenges, register, run_challenges):
    register(challenges[0], last_name="Confirmée")
    register(challenges[0], last_name="Annulée", status="cancelled")
    register(challenges[0], last_name="Organisatrice", category="organiser")

    run = run_challenges()

    assert team_titles(run) == {"Confirmée": "Défi A"}
    assert run.report["participants"] == 1


def test_owner_is_placed_in_the_challenge_they_carry(challenges, register, run_challenges):
    a, b, _c = challenges
    a.team_capacity = 1
    a.save()
    register(a, last_name="Candidate")
    owner = register(b, last_name="Porteuse", category="challenge_owner")
    ChallengeOwnership.objects.create(challenge=a, registration=owner)

    run = run_challenges()

    assert team_titles(run) == {"Porteuse": "Défi A", "Candidate": "Défi B"}
    assert run.report["forced"] == 1
    assert run.report["owners_without_challenge"] == []


def test_owner_without_a_challenge_is_reported(challenges, register, run_challenges):
    owner = register(challenges[0], category="challenge_owner")

    run = run_challenges()

    assert run.report["owners_without_challenge"] == [owner.pk]


def move(run, last_name, challenge):
    membership = run.memberships.get(registration__last_name=last_name)
    membership.team = run.teams.get(challenge=challenge)
    membership.locked = True
    membership.save()


@pytest.mark.parametrize(
    ("keep_locked", "expected"),
    [(True, "Défi C"), (False, "Défi A")],
    ids=["kept", "dropped-when-asked"],
)
def test_hand_made_move_and_re_run(challenges, register, run_challenges, keep_locked, expected):
    a, b, c = challenges
    register(a, b, last_name="Déplacée")
    first = run_challenges()
    move(first, "Déplacée", c)

    second = run_challenges(keep_locked=keep_locked)

    assert team_titles(second) == {"Déplacée": expected}
    assert second.memberships.get().locked is keep_locked
    assert second.kept_locked is keep_locked


def test_hand_made_move_of_someone_who_cancelled_is_reported_as_dropped(
    challenges, register, run_challenges
):
    leaving = register(challenges[0], last_name="Partie")
    first = run_challenges()
    move(first, "Partie", challenges[2])
    leaving.status = "cancelled"
    leaving.save()

    second = run_challenges()

    assert second.report["dropped_locks"] == [leaving.pk]
    assert team_titles(second) == {}


def test_same_registrations_give_the_same_teams_twice(challenges, register, run_challenges):
    a, b, c = challenges
    for index in range(7):
        register(*[(a, b, c), (b, a), (a,), ()][index % 4], last_name=f"Personne {index}")

    first, second = run_challenges(), run_challenges()

    assert team_titles(first) == team_titles(second)
    assert first.report | {"seconds": 0} == second.report | {"seconds": 0}


def test_report_counts_choices_and_says_why_people_are_left_out(
    challenges, register, run_challenges
):
    a, b, c = challenges
    for challenge in challenges:
        challenge.team_capacity = 1
        challenge.save()
    register(a, last_name="Un")
    register(a, b, last_name="Deux")
    register(a, b, c, last_name="Trois")
    left_out = register(a, last_name="Quatre")

    run = run_challenges()

    assert {key: run.report[key] for key in ("first", "second", "third", "other")} == {
        "first": 1,
        "second": 1,
        "third": 1,
        "other": 0,
    }
    assert run.report["unplaced"] == [{"registration": left_out.pk, "reason": "no_room"}]
    assert run.report["participants"] == 4


def test_learning_teams_mix_the_challenge_teams(challenges, register, run_challenges, edition):
    a, b, _c = challenges
    for challenge in (a, b):
        challenge.team_capacity = 4
        challenge.save()
    for index in range(8):
        register(a if index < 4 else b, last_name=f"P{index}", employer=f"Employeur {index}")
    challenge_run = run_challenges()
    challenge_of = dict(challenge_run.memberships.values_list("registration_id", "team__challenge"))

    run = services.run_learning_allocation(edition=edition, team_size=4)

    mix = sorted(
        sorted(challenge_of[m.registration_id] for m in team.memberships.all())
        for team in run.teams.all()
    )
    assert mix == [[a.pk, a.pk, b.pk, b.pk], [a.pk, a.pk, b.pk, b.pk]]
    assert run.report["challenge_allocation"] == challenge_run.pk
    assert run.report["max_same_challenge"] == 2


def test_publishing_a_run_replaces_the_one_published_before(challenges, register, run_challenges):
    register(challenges[0])
    first, second = run_challenges(), run_challenges()
    services.publish(allocation=first)

    services.publish(allocation=second)

    assert list(Allocation.objects.published()) == [second]


def test_publication_is_dated_by_the_sites_clock(challenges, register, run_challenges, fixed_clock):
    register(challenges[0])
    run = run_challenges()
    moment = fixed_clock(datetime.datetime(2030, 7, 1, 8, 0, tzinfo=datetime.UTC))

    services.publish(allocation=run)

    assert Allocation.objects.get(pk=run.pk).published_at == moment


def test_published_team_sessions_follow_what_is_published(
    edition, challenges, register, run_challenges
):
    person = register(challenges[0])
    challenge_run = run_challenges()
    learning_run = services.run_learning_allocation(edition=edition, team_size=4)

    kinds_before = list(services.published_team_sessions(person).values_list("kind", flat=True))
    services.publish(allocation=challenge_run)
    kinds_challenge = list(services.published_team_sessions(person).values_list("kind", flat=True))
    services.publish(allocation=learning_run)
    kinds_both = list(services.published_team_sessions(person).values_list("kind", flat=True))

    assert kinds_before == []
    assert kinds_challenge == [SessionKind.CHALLENGE_STEP] * 3
    assert kinds_both == [SessionKind.CHALLENGE_STEP] * 3 + [SessionKind.LEARNING_TEAM]


def test_a_person_cannot_be_in_two_teams_of_one_run(challenges, register, run_challenges):
    register(challenges[0])
    run = run_challenges()
    membership = run.memberships.get()
    other_team = run.teams.exclude(pk=membership.team_id).first()

    duplicate = Membership(team=other_team, registration=membership.registration)

    with pytest.raises(ValidationError, match="déjà une équipe"):
        duplicate.full_clean()
