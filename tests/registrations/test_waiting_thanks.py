"""After a waiting-list sign-up the thank-you page says so — what the person asked for, not
their position: a duplicate address has no position, and showing one only to new
registrations would tell who is registered. The email and the personal page give it."""

import pytest
from django.core import mail
from django.test import Client

from registrations.models import Seat

from .test_address_privacy import ADDRESSES, REGISTERED, SIGNUP, answer

WAITING = "Vous avez demandé la liste d’attente de"


@pytest.fixture
def full(register, mini_conferences):
    """mini_conferences[0] with its two seats taken, one by the holder of REGISTERED."""
    register(mini_conference=mini_conferences[0], data={"email": REGISTERED})
    register(mini_conference=mini_conferences[0])
    return mini_conferences[0]


def sign_up(signup_data, typed, mini_conference):
    client = Client()
    data = signup_data(email=typed, mini_conference=mini_conference.pk, join_waiting_list="on")
    return client, client.post(SIGNUP, data)


def test_the_thank_you_page_says_the_waiting_list_was_asked_for(signup_data, full, committed):
    with committed():
        client, response = sign_up(signup_data, ADDRESSES["unknown"], full)
    page = answer(client, response, ADDRESSES["unknown"])[3]

    assert f"{WAITING} «\xa0{full}\xa0», qui est complète." in page
    assert "position" in page  # « Votre position … figure dans le courriel et sur votre page »
    assert "position 1" not in page and "en position" not in page
    seat = Seat.objects.get(registration__email=ADDRESSES["unknown"])
    assert seat.status == Seat.Status.WAITING
    [confirmation] = mail.outbox
    assert "Vous êtes en liste d’attente, en 1re position." in confirmation.body


def test_a_registered_address_gets_the_same_waiting_list_page(signup_data, full):
    answers = {
        case: answer(*sign_up(signup_data, typed, full), typed) for case, typed in ADDRESSES.items()
    }

    assert answers["registered"] == answers["unknown"]
    assert WAITING in answers["registered"][3]


def test_a_confirmed_seat_s_thank_you_page_says_nothing_of_waiting(signup_data, mini_conferences):
    client, response = sign_up(signup_data, ADDRESSES["unknown"], mini_conferences[1])

    assert WAITING not in answer(client, response, ADDRESSES["unknown"])[3]


def test_the_personal_page_gives_the_position(client, register, full):
    waiting = register(mini_conference=full)

    page = client.get(waiting.get_absolute_url()).content.decode()

    assert "1re position sur la liste d’attente" in page
