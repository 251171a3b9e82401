"""The learning intention and own project: offered at sign-up, edited from the personal page,
shown back at the sessions that revisit them (and not at others), private from organisers."""

import datetime
import re

import pytest
from django.urls import reverse

from programme.models import Session, SessionKind
from registrations.management.commands.anonymise_registrations import anonymise
from registrations.models import PRIVATE_FIELDS, Registration, RegistrationChange
from tests.factories import paris
from tests.registrations.test_exports import csv_rows, export

from .conftest import text, words

SIGNUP = reverse("registrations:signup")
INTENTION = "Apprendre à animer un atelier"
PROJECT = "Un tiers-lieu à Tournus"


@pytest.fixture
def revisiting(edition):
    """Tuesday's learning-team session, flagged as one that revisits the intention."""
    session = Session.objects.of_edition(edition).get(kind=SessionKind.LEARNING_TEAM)
    session.revisits_intention = True
    session.save()
    return session


@pytest.fixture
def registration(register):
    return register(data={"learning_intention": INTENTION, "own_project": PROJECT})


def test_the_sign_up_offers_both_texts_saying_they_are_private(client, signup_data):
    page = words(client.get(SIGNUP))
    client.post(SIGNUP, signup_data(learning_intention=INTENTION, own_project=PROJECT))

    assert "Votre intention d’apprentissage (facultatif)" in page
    assert "L’équipe d’organisation ne les voit pas" in page
    registration = Registration.objects.get()
    assert (registration.learning_intention, registration.own_project) == (INTENTION, PROJECT)


def test_the_personal_page_edits_them_and_the_history_keeps_no_words(client, register):
    registration = register()
    url = reverse("registrations:intention", kwargs={"token": registration.token})

    before = words(client.get(registration.get_absolute_url()))
    response = client.post(url, {"learning_intention": INTENTION, "own_project": ""})
    after = words(client.get(registration.get_absolute_url()))

    assert response.status_code == 302
    assert "Écrire mon intention d’apprentissage" in before
    assert INTENTION in after and "Modifier mon intention d’apprentissage" in after
    change = RegistrationChange.objects.get(registration=registration)
    assert change.field == "learning_intention"
    assert INTENTION not in change.old + change.new


def sessions_of(response):
    """Title of each session of the personal programme -> its text."""
    found = {}
    for block in re.findall(
        r'<li class="session">(.*?)</li>\s*(?=<li|</ol>)', text(response), re.S
    ):
        title = re.search(r'<p class="session-title[^"]*">(.*?)<', block, re.S).group(1).strip()
        found[title] = " ".join(re.sub(r"<[^>]+>", " ", block).split())
    return found


@pytest.mark.parametrize("view", ["registrations:personal-programme", "registrations:manage"])
def test_the_intention_is_shown_at_the_flagged_sessions_only(
    client, registration, revisiting, view
):
    other = Session.objects.of_edition(registration.edition).get(kind=SessionKind.PLENARY)
    other.title = "Plénière d’ouverture"
    other.save()

    sessions = sessions_of(client.get(reverse(view, kwargs={"token": registration.token})))

    assert INTENTION in sessions[revisiting.title] and PROJECT in sessions[revisiting.title]
    assert [title for title, block in sessions.items() if INTENTION in block] == [revisiting.title]


def test_nothing_is_shown_where_no_session_is_flagged(client, registration):
    page = client.get(reverse("registrations:personal-programme", args=[registration.token]))

    assert INTENTION not in text(page)


def test_a_flagged_session_invites_to_write_them_when_nothing_is_written(
    client, register, revisiting
):
    registration = register()
    page = client.get(reverse("registrations:personal-programme", args=[registration.token]))

    block = sessions_of(page)[revisiting.title]
    assert "Les écrire (pour vous seulement)" in block
    assert reverse("registrations:intention", args=[registration.token]) in text(page)


@pytest.mark.parametrize(("hour", "shown"), [(17, True), (10, False)])
def test_the_next_step_shows_them_when_it_is_a_flagged_session(
    client, registration, revisiting, fixed_clock, hour, shown
):
    fixed_clock(paris(revisiting.day.date, hour))

    response = client.get(registration.get_absolute_url())

    step = re.search(r'<section class="next-step.*?</section>', text(response), re.S).group(0)
    assert (INTENTION in step) is shown


def test_organisers_see_them_neither_in_the_admin_nor_in_the_export(admin_client, registration):
    change = reverse("admin:registrations_registration_change", args=[registration.pk])

    page = admin_client.get(change).content.decode()
    rows = csv_rows(export(admin_client, "csv"))

    assert INTENTION not in page and PROJECT not in page
    assert not any(INTENTION in cell or PROJECT in cell for row in rows for cell in row)


def test_anonymisation_blanks_the_private_texts(registration):
    registration.next_steps = "Mes pas"
    registration.save()
    now = paris(registration.edition.end_date + datetime.timedelta(days=400), 12)

    anonymise(Registration.objects.filter(pk=registration.pk), now, edition=registration.edition)

    registration.refresh_from_db()
    assert [getattr(registration, name) for name in PRIVATE_FIELDS] == ["", "", ""]
