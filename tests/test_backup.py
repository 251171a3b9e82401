"""Backup and restore round trip: every registration comes back in an empty database."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError

from programme.models import Edition, Session
from programme.organisers import ORGANISER_GROUP
from registrations.models import ChallengePreference, Registration, Seat
from tests import factories


def snapshot():
    return {
        "registrations": sorted(
            Registration.objects.values_list("token", "email", "first_name", "status")
        ),
        "seats": sorted(
            Seat.objects.values_list("registration__token", "mini_conference_id", "status")
        ),
        "preferences": sorted(
            ChallengePreference.objects.values_list("registration__token", "challenge_id", "rank")
        ),
        "meals": sorted(
            Registration.meals.through.objects.values_list("registration_id", "session_id")
        ),
        "sessions": Session.objects.count(),
        "organiser_group": sorted(
            Group.objects.get(name="Organisateur·rice").permissions.values_list(
                "codename", flat=True
            )
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_registration_into_an_empty_database(tmp_path, django_user_model):
    call_command("load_programme", verbosity=0)
    edition = Edition.objects.current()
    mini_conference = (
        edition.days.get(date="2017-07-11")
        .sessions.get(kind="mini_conferences")
        .mini_conferences.first()
    )
    for n in range(5):
        seat = factories.SeatFactory(
            registration__edition=edition,
            registration__email=f"personne{n}@example.org",
            registration__first_name="Zoé « l'Été » <b>",
            mini_conference=mini_conference,
            status="waiting" if n > 2 else "confirmed",
        )
        seat.registration.meals.set(Session.objects.of_edition(edition).meals()[:1])
        ChallengePreference.objects.create(
            registration=seat.registration, challenge=edition.challenges.first(), rank=1
        )
    # Earlier transactional tests flush what data migrations made: make sure the group is here.
    group, _ = Group.objects.get_or_create(name=ORGANISER_GROUP)
    group.permissions.add(*Permission.objects.filter(codename__in=["view_session", "change_seat"]))
    organiser = django_user_model.objects.create_user("orga@example.org", password="x")
    organiser.groups.add(group)
    before = snapshot()
    backup = tmp_path / "sauvegarde.json.gz"

    call_command("backup_data", output=str(backup), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    assert not Registration.objects.exists()
    call_command("restore_data", str(backup), verbosity=0)

    assert snapshot() == before
    assert django_user_model.objects.get(username="orga@example.org").groups.count() == 1


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    call_command("load_programme", verbosity=0)
    backup = tmp_path / "sauvegarde.json.gz"
    call_command("backup_data", output=str(backup), verbosity=0)
    with pytest.raises(CommandError, match="pas vide"):
        call_command("restore_data", str(backup), verbosity=0)
