"""Erasure (from the personal page) and anonymisation (the command) leave no trace of the
person in the admin's history (« Actions récentes ») nor in the queue's copies of emails, and
leave a namesake's history alone."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from post_office.models import Email

from registrations.models import Registration, Seat
from teams.models import Allocation, Team
from tests import factories
from tests.programme.admin_forms import change_url, form_data, submit

NAME = {"first_name": "Hélène", "last_name": "Dupré", "employer": "Ville de Mâcon"}
EMAIL = "helene.dupre@example.org"
TRACES = ["Hélène", "Dupré", "helene.dupre", "H\\u00e9l\\u00e8ne"]


def erase(client, registration, fixed_clock):
    client.post(reverse("registrations:delete", kwargs={"token": registration.token}))


def delete_in_the_admin(client, registration, fixed_clock):
    client.force_login(get_user_model().objects.create_superuser("effaceuse", "e@example.org"))
    url = reverse("admin:registrations_registration_delete", args=[registration.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Registration.objects.filter(pk=registration.pk).exists()


def anonymise(client, registration, fixed_clock):
    fixed_clock(datetime.datetime(2040, 1, 1, tzinfo=datetime.UTC))
    call_command("anonymise_registrations", "--edition", registration.edition.slug, verbosity=0)


def traces(entry):
    """Everything of the entry the admin shows or stores, with the names it holds."""
    texts = [entry.object_repr, entry.change_message, entry.get_change_message()]
    return [trace for trace in TRACES if any(trace in text for text in texts)]


@pytest.fixture
def person(register):
    return register(data={**NAME, "email": EMAIL})


@pytest.fixture
def namesake(db):
    """The same name in another edition: someone else, whose history stays as it is."""
    return factories.RegistrationFactory(**NAME, email="autre.helene@example.org")


def edit_in_the_admin(admin_client, person, namesake, edition):
    """The organisers' edits that the history keeps: the registration itself, a presence added
    through its inline, its seat, a team membership added through the team's inline."""
    day = edition.days.first()
    page = admin_client.get(change_url(person))
    data = {
        **form_data(page),
        "job_title": "Cheffe de projet",
        "attendances-TOTAL_FORMS": "1",
        "attendances-0-day": str(day.pk),
        "attendances-0-period": "morning",
        "attendances-0-recorded_at_0": "2030-07-08",
        "attendances-0-recorded_at_1": "10:00:00",
    }
    assert admin_client.post(change_url(person), data).status_code == 302
    assert (
        submit(admin_client, change_url(Seat.objects.get(registration=person)), {}).status_code
        == 302
    )
    team = Team.objects.create(
        allocation=Allocation.objects.create(edition=edition, kind="learning"), number=1
    )
    response = submit(
        admin_client,
        change_url(team),
        {"memberships-TOTAL_FORMS": "1", "memberships-0-registration": str(person.pk)},
    )
    assert response.status_code == 302
    assert submit(admin_client, change_url(namesake), {"job_title": "Autre"}).status_code == 302


WAYS = pytest.mark.parametrize(
    "forget",
    [erase, delete_in_the_admin, anonymise],
    ids=["erasure", "admin-deletion", "anonymisation"],
)


@WAYS
def test_the_admin_history_no_longer_names_the_person(
    client, admin_client, person, namesake, edition, fixed_clock, forget
):
    edit_in_the_admin(admin_client, person, namesake, edition)
    namesakes = list(
        LogEntry.objects.filter(object_id=str(namesake.pk)).values_list("pk", flat=True)
    )
    assert [e for e in LogEntry.objects.exclude(pk__in=namesakes) if traces(e)], "nothing to scrub"

    forget(client, person, fixed_clock)

    left = {e.object_repr: traces(e) for e in LogEntry.objects.exclude(pk__in=namesakes)}
    assert left and all(found == [] for found in left.values()), left
    assert [LogEntry.objects.get(pk=pk).object_repr for pk in namesakes] == ["Hélène Dupré"]


@WAYS
def test_the_queued_emails_no_longer_name_the_person(client, person, namesake, fixed_clock, forget):
    factories.EmailFactory(to=[EMAIL], message="Bonjour Hélène,")
    team_email = factories.EmailFactory(
        to=["camille@example.org"],
        subject="Votre équipe",
        message="Les membres :\n- Hélène Dupré (Ville de Mâcon)\n- Camille Bernard (Région)\n",
        html_message="",
    )

    forget(client, person, fixed_clock)

    assert not Email.objects.filter(to__contains=EMAIL).exists()
    team_email.refresh_from_db()
    assert team_email.message == "Les membres :\n- Anonyme\n- Camille Bernard (Région)\n"
    assert Registration.objects.filter(pk=namesake.pk, first_name="Hélène").exists()


def test_a_change_message_in_plain_text_is_scrubbed_too(client, admin_user, person, fixed_clock):
    entry = LogEntry.objects.log_actions(
        user_id=admin_user.pk,
        queryset=[factories.MiniConferenceFactory()],
        action_flag=2,
        change_message="Place donnée à hélène dupré à la main",
    )[0]

    erase(client, person, fixed_clock)

    entry.refresh_from_db()
    assert entry.change_message == "Place donnée à Anonyme à la main"
