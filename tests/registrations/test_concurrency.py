"""The proof that seats stay exact when many people submit the form at the same moment.

Real HTTP requests from threads against the live server. Each thread opens its own persistent
connection, fetches the form (for its CSRF cookie and token), then all threads send their POST
at once, released by a barrier: each POST is handled by its own server thread and database
connection, so only the row locks in registrations.services keep the count exact. Opening the
connections before the barrier keeps the burst within the test server's small listen backlog.
"""

import datetime
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from programme.models import Session, SessionKind
from registrations.models import Registration, Seat
from tests.factories import ChallengeFactory, MiniConferenceFactory, edition_with_half_days

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's in-memory test database cannot serve concurrent "
    "connections (run with DATABASE_URL=postgres://…)",
)

REQUESTS = 40
CAPACITY = 5


@pytest.fixture
def open_mini_conference(transactional_db):
    now = timezone.now()
    edition = edition_with_half_days(
        registration_opens_at=now - datetime.timedelta(days=1),
        registration_closes_at=now + datetime.timedelta(days=1),
    )
    slot = Session.objects.of_edition(edition).get(kind=SessionKind.MINI_CONFERENCES)
    challenges = ChallengeFactory.create_batch(3, edition=edition)
    return MiniConferenceFactory(slot=slot, capacity=CAPACITY), challenges


def form_data(n, token, mini_conference, challenges):
    return {
        "csrfmiddlewaretoken": token,
        "first_name": f"Personne{n}",
        "last_name": "Concurrente",
        "email": f"personne{n}@example.org",
        "country": "France",
        "employer": "Ville de Mâcon",
        "category": "trainee",
        "mini_conference": mini_conference.pk,
        "join_waiting_list": "on",
        **{f"challenge_{rank}": c.pk for rank, c in enumerate(challenges, start=1)},
        "consent": "on",
    }


def sign_up_together(server_url, mini_conference, challenges):
    address = urlsplit(server_url)
    path = reverse("registrations:signup")
    barrier = threading.Barrier(REQUESTS)
    connecting = threading.Semaphore(4)  # The live server listens with a backlog of 10.

    def sign_up(n):
        http = HTTPConnection(address.hostname, address.port, timeout=120)
        with connecting:
            http.request("GET", path)
            form = http.getresponse()
            page = form.read().decode()
        cookie = SimpleCookie(form.headers["Set-Cookie"])["csrftoken"].value
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urlencode(form_data(n, token, mini_conference, challenges))
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
        }
        barrier.wait(timeout=120)
        http.request("POST", path, body=body, headers=headers)
        status = http.getresponse().status
        http.close()
        return status

    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        return list(pool.map(sign_up, range(REQUESTS)))


def test_concurrent_signups_never_overbook_and_lose_nothing(
    live_server, settings, open_mini_conference
):
    settings.REGISTRATION_RATE_LIMIT = {"requests": 10 * REQUESTS, "seconds": 600, "proxies": 0}
    mini_conference, challenges = open_mini_conference
    answers = sign_up_together(live_server.url, mini_conference, challenges)

    assert answers == [302] * REQUESTS  # Every submission accepted, none failed with a 500.
    assert Registration.objects.count() == REQUESTS
    seats = Seat.objects.filter(mini_conference=mini_conference)
    assert seats.count() == REQUESTS
    assert seats.filter(status=Seat.Status.CONFIRMED).count() == CAPACITY
    assert seats.filter(status=Seat.Status.WAITING).count() == REQUESTS - CAPACITY
    assert len(mail.outbox) == REQUESTS


def test_concurrent_signups_never_exceed_the_edition_capacity(
    live_server, settings, open_mini_conference
):
    settings.REGISTRATION_RATE_LIMIT = {"requests": 10 * REQUESTS, "seconds": 600, "proxies": 0}
    mini_conference, challenges = open_mini_conference
    edition = mini_conference.slot.day.edition
    edition.capacity = CAPACITY
    edition.save()

    answers = sign_up_together(live_server.url, mini_conference, challenges)

    # The first CAPACITY are registered; every other one is told the edition is full (403).
    assert sorted(answers) == [302] * CAPACITY + [403] * (REQUESTS - CAPACITY)
    assert Registration.objects.count() == CAPACITY


def double_tap(server_url, data):
    """One browser (one CSRF cookie) sending the same form twice at once, each tap on its own
    connection; returns each answer's status, redirect and the page it leads to."""
    address = urlsplit(server_url)
    path = reverse("registrations:signup")
    http = HTTPConnection(address.hostname, address.port, timeout=60)
    http.request("GET", path)
    form = http.getresponse()
    page = form.read().decode()
    http.close()
    cookie = SimpleCookie(form.headers["Set-Cookie"])["csrftoken"].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urlencode({**data, "csrfmiddlewaretoken": token})
    barrier = threading.Barrier(2)

    def tap(_n):
        http = HTTPConnection(address.hostname, address.port, timeout=60)
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        barrier.wait(timeout=30)
        http.request("POST", path, body=body, headers={**headers, "Cookie": f"csrftoken={cookie}"})
        answer = http.getresponse()
        answer.read()
        session = SimpleCookie(answer.headers["Set-Cookie"])["sessionid"].value
        http.request("GET", answer.headers["Location"], headers={"Cookie": f"sessionid={session}"})
        result = http.getresponse().read().decode()
        http.close()
        return answer.status, answer.headers["Location"], result

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(tap, range(2)))


def test_two_identical_signups_at_once_make_one_registration_and_two_same_pages(
    live_server, open_mini_conference
):
    mini_conference, challenges = open_mini_conference
    data = form_data(1, "", mini_conference, challenges)

    first, second = double_tap(live_server.url, data)

    assert first[:2] == second[:2] == (302, reverse("registrations:done"))
    assert first[2] == second[2]
    assert (
        "Un courriel avec votre lien personnel va être envoyé à personne1@example.org" in (first[2])
    )
    assert Registration.objects.count() == 1
    # The person's own double tap: one confirmation, no « someone tried to register you ».
    assert len(mail.outbox) == 1
