import datetime
import io
import re

import pytest
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from programme import clock
from programme.models import Challenge, Edition, MiniConference, Session
from registrations.models import Registration
from tests import factories

TODAY = datetime.date(2026, 12, 2)  # a Wednesday; the shipped edition starts on a Monday


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


@pytest.fixture
def today(fixed_clock):
    return fixed_clock(factories.paris(TODAY, 10)).date()


def prepare(*arguments):
    out = io.StringIO()
    call_command("prepare_trial", *arguments, stdout=out)
    return out.getvalue()


def trial():
    return Edition.objects.get(slug="essai")


def shipped(edition):
    """Everything the shipped edition holds, as the fixtures write it."""
    objects = [
        edition,
        *edition.partnerships.all(),
        *edition.days.all(),
        *Session.objects.of_edition(edition),
        *MiniConference.objects.of_edition(edition),
        *edition.challenge_themes.all(),
        *edition.challenge_types.all(),
        *Challenge.objects.of_edition(edition),
    ]
    return serializers.serialize("json", objects)


def test_trial_is_a_published_copy_weeks_ahead_open_for_sign_up(programme, debug, today, client):
    before = shipped(programme)

    output = prepare()

    copy = trial()
    assert (copy.start_date, copy.end_date) == (
        datetime.date(2027, 1, 4),
        datetime.date(2027, 1, 6),
    )
    assert copy.start_date.weekday() == programme.start_date.weekday()
    assert copy.title == f"{programme.title} (copie d’essai)"
    assert (copy.is_published, copy.registration_opens_at) == (True, clock.now())
    assert timezone.localtime(copy.registration_closes_at).isoformat() == (
        "2027-01-03T23:59:00+01:00"
    )
    assert client.get("/").context["edition"] == copy
    assert shipped(Edition.objects.get(pk=programme.pk)) == before
    assert output.splitlines()[0] == (
        "Copie d’essai «\xa0essai\xa0» préparée\xa0: du lundi 4 janvier 2027 au mercredi "
        "6 janvier 2027, inscriptions ouvertes jusqu’au dimanche 3 janvier 2027, 23\xa0h\xa059. "
        "C’est l’édition que montre le site\xa0; celle qu’elle copie reste telle quelle."
    )


def test_trial_prepared_twice_is_one_copy_still_open(programme, debug, today, fixed_clock):
    prepare()
    first = trial()
    fixed_clock(clock.now() + datetime.timedelta(days=3))

    output = prepare()

    assert list(Edition.objects.values_list("slug", flat=True).order_by("slug")) == [
        "2017",
        "essai",
    ]
    again = trial()
    assert (again.pk, again.start_date, again.registration_opens_at) == (
        first.pk,
        first.start_date,
        first.registration_opens_at,
    )
    assert "déjà prête, inscriptions rouvertes" in output


def test_trial_whose_dates_have_come_is_replaced_by_one_ahead(programme, debug, today, fixed_clock):
    prepare()
    factories.RegistrationFactory(edition=trial())
    fixed_clock(factories.paris(trial().start_date, 9))

    prepare()

    copy = trial()
    assert copy.start_date == datetime.date(2027, 2, 1)
    assert Registration.objects.count() == 0
    assert Edition.objects.count() == 2


def sign_up(client, edition, email, **choices):
    mini_conference = MiniConference.objects.of_edition(edition).order_by("number").first()
    challenges = Challenge.objects.of_edition(edition).order_by("pk")[:3]
    data = {
        "first_name": "Camille",
        "last_name": "Bernard",
        "email": email,
        "country": "France",
        "employer": "Ville de Mâcon",
        "category": "trainee",
        "mini_conference": mini_conference.pk,
        **{f"challenge_{rank}": c.pk for rank, c in enumerate(challenges, start=1)},
        "consent": "on",
        **choices,
    }
    return client.post(reverse("registrations:signup"), data, follow=True)


def test_trial_then_a_complete_sign_up_and_the_waiting_list(
    programme, debug, today, client, committed, mailoutbox
):
    prepare()
    copy = trial()
    form = client.get(reverse("registrations:signup"))
    assert form.status_code == 200
    assert "mini_conference" in form.context["form"].fields

    with committed():
        done = sign_up(client, copy, "camille.bernard@example.org")

    registration = Registration.objects.get(email="camille.bernard@example.org")
    assert registration.edition == copy
    assert done.redirect_chain == [(reverse("registrations:done"), 302)]
    # The thank-you page never shows the link (it would tell who is registered): the email does.
    (confirmation,) = mailoutbox
    link = registration.get_absolute_url()
    assert confirmation.to == ["camille.bernard@example.org"] and link in confirmation.body
    personal = client.get(link)
    assert "place confirmée" in personal.content.decode()
    assert registration.challenge_preferences.count() == 3

    # The mini-conference is now full: the next person joins its waiting list.
    MiniConference.objects.filter(pk=registration.seat.mini_conference_id).update(capacity=1)
    client.logout()
    sign_up(client, copy, "alix.durand@example.org", join_waiting_list="on")

    waiting = Registration.objects.get(email="alix.durand@example.org")
    page = client.get(waiting.get_absolute_url()).content.decode()
    assert (waiting.seat.status, "1re position sur la liste d’attente" in page) == ("waiting", True)


def test_trial_demo_organiser_signs_in_with_the_printed_password(programme, debug, today, client):
    output = prepare("--base-url", "http://127.0.0.1:8804")

    login, password = re.search(
        r"Compte d’organisation\xa0: (\S+), mot de passe\xa0: (\S+)", output
    ).groups()
    assert client.login(username=login, password=password)
    assert client.get(reverse("registrations-staff:dashboard")).status_code == 200
    assert "  http://127.0.0.1:8804/inscription/" in output
    # Prepared again, the account is the same one, with a new password printed.
    again = re.search(r"mot de passe\xa0: (\S+)", prepare()).group(1)
    assert again != password
    assert client.login(username=login, password=again)


def test_trial_without_organiser_creates_no_account(programme, debug, today, django_user_model):
    output = prepare("--no-organiser")

    assert django_user_model.objects.count() == 0
    assert "/admin/" not in output


def test_trial_is_never_prepared_outside_development(programme, today):
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        prepare()

    assert Edition.objects.count() == 1


def test_trial_needs_an_edition_to_copy(db, debug, today):
    with pytest.raises(CommandError, match="lancez d’abord «\xa0manage.py load_programme\xa0»"):
        prepare()
