"""The admin: organisers' rights, moving people by hand, publishing from the list of runs."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from teams import services
from teams.models import Allocation

from .conftest import ORGANISERS


@pytest.fixture
def run(challenges, register):
    register(challenges[0], last_name="Aubrac")
    register(challenges[1], last_name="Berger")
    return services.run_challenge_allocation(edition=challenges[0].edition)


def test_organiser_group_may_run_adjust_and_publish(db):
    group = Group.objects.get(name=ORGANISERS)

    codenames = sorted(
        group.permissions.filter(content_type__app_label="teams").values_list("codename", flat=True)
    )

    assert codenames == sorted(
        [f"{action}_allocation" for action in ("add", "change", "delete", "view")]
        + [f"{action}_membership" for action in ("add", "change", "delete", "view")]
        + [f"{action}_challengeownership" for action in ("add", "change", "delete", "view")]
        + ["view_team"]
    )


@pytest.mark.parametrize("model", ["allocation", "team", "membership", "challengeownership"])
def test_admin_lists_open(organiser_client, run, model):
    response = organiser_client.get(reverse(f"admin:teams_{model}_changelist"))

    assert response.status_code == 200


def test_moving_someone_in_the_admin_makes_it_a_hand_made_placement(organiser_client, run):
    membership = run.memberships.get(registration__last_name="Aubrac")
    team_c = run.teams.get(challenge__title="Défi C")

    response = organiser_client.post(
        reverse("admin:teams_membership_change", args=[membership.pk]),
        {"team": team_c.pk, "registration": membership.registration_id},
    )

    membership.refresh_from_db()
    assert response.status_code == 302
    assert (membership.team, membership.locked) == (team_c, True)


def changelist_post(membership, team):
    return {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(membership.pk),
        "form-0-team": str(team.pk),
        "form-0-locked": "on",
        "_save": "Enregistrer",
    }


def test_moving_from_the_list_offers_only_teams_of_the_same_run(organiser_client, run, edition):
    membership = run.memberships.get(registration__last_name="Aubrac")
    other_run = services.run_challenge_allocation(edition=edition)
    url = reverse("admin:teams_membership_changelist") + f"?allocation__id__exact={run.pk}"

    refused = organiser_client.post(url, changelist_post(membership, other_run.teams.first()))
    accepted = organiser_client.post(url, changelist_post(membership, run.teams.last()))

    membership.refresh_from_db()
    assert refused.status_code == 200
    assert accepted.status_code == 302
    assert (membership.team, membership.locked) == (run.teams.last(), True)


def test_publish_action_publishes_exactly_one_run(organiser_client, run, edition):
    second = services.run_challenge_allocation(edition=edition)
    url = reverse("admin:teams_allocation_changelist")

    both = organiser_client.post(
        url, {"action": "publish", "_selected_action": [run.pk, second.pk]}, follow=True
    )
    one = organiser_client.post(url, {"action": "publish", "_selected_action": [second.pk]})

    assert "Choisissez une seule répartition à publier." in both.content.decode()
    assert one.status_code == 302
    assert list(Allocation.objects.published()) == [second]


def test_placing_someone_left_out_from_the_admin(organiser_client, run, register):
    latecomer = register(last_name="Retardataire")
    team_b = run.teams.get(challenge__title="Défi B")

    response = organiser_client.post(
        reverse("admin:teams_membership_add"),
        {"team": team_b.pk, "registration": latecomer.pk},
    )

    membership = latecomer.team_memberships.get()
    assert response.status_code == 302
    assert (membership.allocation, membership.team, membership.locked) == (run, team_b, True)


def test_the_same_person_cannot_be_added_twice_to_one_run(organiser_client, run):
    placed = run.memberships.get(registration__last_name="Aubrac")

    response = organiser_client.post(
        reverse("admin:teams_membership_add"),
        {"team": run.teams.last().pk, "registration": placed.registration_id},
    )

    assert response.status_code == 200
    assert "Cette personne a déjà une équipe dans cette répartition." in response.content.decode()
    assert run.memberships.count() == 2


@pytest.mark.parametrize("model", ["allocation", "team", "membership"])
def test_admin_change_pages_open(admin_client, run, model):
    obj = {"allocation": run, "team": run.teams.first(), "membership": run.memberships.first()}

    response = admin_client.get(reverse(f"admin:teams_{model}_change", args=[obj[model].pk]))

    assert response.status_code == 200


def test_adding_someone_to_a_team_in_its_page_is_a_hand_made_placement(admin_client, run, register):
    team = run.teams.get(challenge__title="Défi C")
    latecomer = register(last_name="Retardataire")

    response = admin_client.post(
        reverse("admin:teams_team_change", args=[team.pk]),
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-registration": latecomer.pk,
            "memberships-0-team": team.pk,
        },
    )

    membership = latecomer.team_memberships.get()
    assert response.status_code == 302
    assert (membership.allocation, membership.team, membership.locked) == (run, team, True)
