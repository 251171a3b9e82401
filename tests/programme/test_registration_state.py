"""The home page and the header tell the registration window as it is at this moment."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import paris

SIGNUP = reverse("registrations:signup")


def text(response):
    return re.sub(r"[ \t\n]+", " ", response.content.decode())


@pytest.mark.parametrize(
    ("moment", "said", "signup_links"),
    [
        (
            paris(datetime.date(2017, 1, 5), 9),
            "Les inscriptions ne sont pas encore ouvertes\xa0: elles ouvriront le mercredi 15 mars"
            " 2017 à 9\u00a0h.",
            0,
        ),
        (
            paris(datetime.date(2017, 5, 2), 9),
            "Les inscriptions sont ouvertes jusqu’au vendredi 30 juin 2017 à 23\u00a0h\u00a059.",
            3,
        ),
        (
            paris(datetime.date(2017, 7, 1), 9),
            "Les inscriptions sont closes depuis le vendredi 30 juin 2017 à 23\u00a0h\u00a059.",
            0,
        ),
    ],
    ids=["not-yet-open", "open", "closed"],
)
def test_home_says_the_registration_window(
    client, programme, fixed_clock, moment, said, signup_links
):
    fixed_clock(moment)

    page = text(client.get(reverse("programme:home")))

    assert said in page
    # The header's link, the button and the form link: only while it is open.
    assert page.count(f'href="{SIGNUP}"') == signup_links
    assert ("L’inscription se fait en ligne" in page) == bool(signup_links)


def test_no_signup_link_in_the_header_once_closed(client, programme, fixed_clock):
    fixed_clock(paris(datetime.date(2017, 7, 1), 9))

    page = text(client.get(reverse("programme:agenda")))

    assert f'href="{SIGNUP}"' not in page
