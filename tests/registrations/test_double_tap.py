"""Forms that forgive a double tap: the same POST sent twice (two taps, a resubmission) never
shows an error for something that succeeded — both answers lead to the same result page — and
the sign-up makes exactly one registration. Concurrent sign-ups: test_concurrency.py."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from registrations.models import Registration, Seat

from .conftest import words
from .test_corrections import CORRECTED

SIGNUP = reverse("registrations:signup")
DONE = reverse("registrations:done")


def test_a_sign_up_sent_twice_makes_one_registration_and_the_same_page(signup_data, committed):
    client = Client()
    with committed():
        first = client.post(SIGNUP, signup_data())
        first_page = words(client.get(first["Location"]))
        second = client.post(SIGNUP, signup_data())
        second_page = words(client.get(second["Location"]))

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == DONE
    assert first_page == second_page
    assert Registration.objects.count() == 1
    # The person's own double tap: their confirmation, not also « someone tried ».
    [confirmation] = mail.outbox
    assert confirmation.subject.startswith("Votre inscription")
    assert "existe déjà" not in confirmation.subject


def test_the_same_sign_up_a_while_later_tells_the_owner_someone_tried(
    signup_data, committed, fixed_clock
):
    fixed_clock(datetime.datetime.now(tz=datetime.UTC))
    with committed():
        Client().post(SIGNUP, signup_data())
    fixed_clock(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=2))
    with committed():
        Client().post(SIGNUP, signup_data())

    assert len(mail.outbox) == 2
    assert "tenté de vous inscrire à nouveau" in mail.outbox[1].body


def personal_post(client, name, registration, data=None):
    url = reverse(f"registrations:{name}", kwargs={"token": registration.token})
    return client.post(url, data or {})


@pytest.mark.parametrize(
    ("name", "data", "result"),
    [
        ("change", "choices", "manage"),
        ("correct", CORRECTED, "manage"),
        ("cancel", None, reverse("registrations:cancelled")),
        ("delete", None, reverse("registrations:deleted")),
    ],
)
def test_a_personal_form_sent_twice_lands_on_the_same_page(
    client, register, mini_conferences, challenges, name, data, result
):
    registration = register(mini_conference=mini_conferences[0])
    if data == "choices":
        data = {
            "mini_conference": mini_conferences[1].pk,
            **{f"challenge_{rank}": c.pk for rank, c in enumerate(challenges[:3], start=1)},
        }
    result = registration.get_absolute_url() if result == "manage" else result

    first = personal_post(client, name, registration, data)
    second = personal_post(client, name, registration, data)

    assert (first.status_code, first["Location"]) == (302, result)
    assert (second.status_code, second["Location"]) == (302, result)
    assert "Erreur" not in words(client.get(result, follow=True))


def test_another_browser_on_an_erased_link_learns_nothing_more(client, register):
    registration = register()
    personal_post(client, "delete", registration)

    response = personal_post(Client(), "delete", registration)

    assert response.status_code == 404
    assert "Ce lien n’est pas ou plus valable" in words(response)


def test_back_after_cancelling_shows_the_cancelled_state(client, register, mini_conferences):
    registration = register(mini_conference=mini_conferences[0])
    personal_post(client, "cancel", registration)

    for page in ("manage", "cancel"):
        url = reverse(f"registrations:{page}", kwargs={"token": registration.token})
        response = client.get(url)
        assert response.status_code == 410
        assert "Cette inscription a déjà été annulée" in words(response)
        assert "l’inscription a été annulée et sa place libérée" in words(response)
    assert not Seat.objects.filter(registration=registration).exists()
