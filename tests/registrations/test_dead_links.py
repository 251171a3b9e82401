"""Two requests on the same personal link at once (two tabs, a double click, a link opened
twice): the second gets a clear answer, never a 500, and nothing else is lost.

The race is made deterministic by doing the first request's action between the second
request's lookup of the link and its own action; a last test sends real concurrent requests
on PostgreSQL, where the row locks decide which one goes first.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from registrations import services, views
from registrations.models import Registration, Seat

from .conftest import heading

GONE = "Ce lien n’est plus valable"
CANCELLED = "Cette inscription a déjà été annulée"


def first_action(name, mini_conferences, challenges):
    """What the first request does, through the service its view calls."""

    def act(registration):
        if name == "delete":
            services.delete_registration_data(registration=registration)
        elif name == "cancel":
            services.cancel_registration(registration=registration)
        else:
            services.change_choices(
                registration=registration,
                mini_conference=mini_conferences[1],
                join_waiting_list=False,
                challenges=challenges[:3],
                meals=[],
            )

    return act


def post(client, name, registration, challenges, mini_conferences):
    """The second request: the form of that page, sent."""
    data = {}
    if name == "change":
        data = {
            "mini_conference": mini_conferences[1].pk,
            **{f"challenge_{rank}": c.pk for rank, c in enumerate(challenges[:3], start=1)},
        }
    url = reverse(f"registrations:{name}", kwargs={"token": registration.token})
    return client.post(url, data)


@pytest.fixture
def full_mini_conference(register, mini_conferences):
    """The leaving person's confirmed seat, another confirmed seat, and someone waiting."""
    leaving = register(mini_conference=mini_conferences[0])
    staying = register(mini_conference=mini_conferences[0])
    waiting = register(mini_conference=mini_conferences[0])
    assert waiting.seat.status == Seat.Status.WAITING
    return leaving, staying, waiting


def assert_nothing_else_lost(staying, waiting, mini_conference):
    seats = Seat.objects.filter(mini_conference=mini_conference, status=Seat.Status.CONFIRMED)
    assert sorted(seats.values_list("registration_id", flat=True)) == [staying.pk, waiting.pk]
    assert Registration.objects.filter(pk__in=[staying.pk, waiting.pk]).count() == 2


@pytest.mark.parametrize(
    ("first", "second", "status", "answer"),
    [
        ("delete", "delete", 302, reverse("registrations:deleted")),  # A double tap.
        ("delete", "cancel", 410, GONE),
        ("delete", "change", 410, GONE),
        ("cancel", "change", 410, CANCELLED),
        ("cancel", "delete", 302, reverse("registrations:deleted")),
        ("cancel", "cancel", 302, reverse("registrations:cancelled")),
        ("change", "delete", 302, reverse("registrations:deleted")),
    ],
    ids=[
        "delete+delete",
        "delete+cancel",
        "delete+change",
        "cancel+change",
        "cancel+delete",
        "cancel+cancel",
        "change+delete",
    ],
)
def test_the_second_of_two_requests_gets_a_clear_answer(
    client,
    monkeypatch,
    full_mini_conference,
    mini_conferences,
    challenges,
    first,
    second,
    status,
    answer,
):
    leaving, staying, waiting = full_mini_conference
    lookup, act = views.registration_for_link, first_action(first, mini_conferences, challenges)

    def lookup_then_first_request(token):
        found = lookup(token)
        act(Registration.objects.get(pk=found.pk))  # It happens while this request runs.
        return found

    monkeypatch.setattr(views, "registration_for_link", lookup_then_first_request)

    response = post(client, second, leaving, challenges, mini_conferences)

    assert response.status_code == status
    if status == 410:
        assert heading(response) == answer
        assert "Recevoir à nouveau mon lien" in response.content.decode()
    else:
        assert response["Location"] == answer
    assert_nothing_else_lost(staying, waiting, mini_conferences[0])


def test_a_change_after_a_cancellation_takes_no_seat(
    client, monkeypatch, full_mini_conference, mini_conferences, challenges
):
    leaving = full_mini_conference[0]
    lookup = views.registration_for_link

    def lookup_then_cancel(token):
        found = lookup(token)
        services.cancel_registration(registration=found)
        return found

    monkeypatch.setattr(views, "registration_for_link", lookup_then_cancel)

    post(client, "change", leaving, challenges, mini_conferences)

    assert not Seat.objects.filter(registration=leaving).exists()
    assert Registration.objects.get(pk=leaving.pk).status == Registration.Status.CANCELLED


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite’s in-memory test database serves one connection",
)
@pytest.mark.parametrize(
    "pair", [("delete", "delete"), ("cancel", "delete"), ("change", "delete")], ids="+".join
)
def test_two_requests_at_once_never_fail(
    transactional_db, monkeypatch, full_mini_conference, mini_conferences, challenges, pair
):
    leaving, staying, waiting = full_mini_conference
    lookup, both_looked_up = views.registration_for_link, threading.Barrier(2, timeout=30)

    def lookup_then_wait(token):
        found = lookup(token)
        both_looked_up.wait()  # Each request has read the link before either acts.
        return found

    monkeypatch.setattr(views, "registration_for_link", lookup_then_wait)

    def send(name):
        try:
            return post(Client(), name, leaving, challenges, mini_conferences)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        responses = list(pool.map(send, pair))

    answers = [(r.status_code, r.get("Location") or heading(r)) for r in responses]
    assert all(status in (302, 410) for status, _answer in answers), answers
    assert (302, reverse("registrations:deleted")) in answers
    assert all(answer in (GONE, CANCELLED) for status, answer in answers if status == 410)
    assert not Registration.objects.filter(pk=leaving.pk).exists()
    assert_nothing_else_lost(staying, waiting, mini_conferences[0])
