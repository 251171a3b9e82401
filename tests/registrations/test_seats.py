import pytest
from django.urls import reverse

from programme.models import MiniConference
from registrations.seats import SeatState, waiting_position
from tests.factories import MiniConferenceFactory, SeatFactory
from tests.queries import count_queries

from .conftest import words


@pytest.mark.parametrize(
    ("capacity", "confirmed", "code", "label"),
    [
        (25, 0, "available", "places disponibles"),
        (25, 12, "available", "places disponibles"),
        (25, 13, "limited", "places limitées"),
        (25, 19, "limited", "places limitées"),
        (25, 20, "almost-full", "presque complet"),
        (25, 24, "almost-full", "presque complet"),
        (25, 25, "full", "complet — liste d’attente"),
        (2, 1, "almost-full", "presque complet"),
        (5, 6, "full", "complet — liste d’attente"),
    ],
)
def test_seat_state(capacity, confirmed, code, label):
    state = SeatState(capacity=capacity, confirmed=confirmed, waiting=0)

    assert (state.code, str(state.label)) == (code, label)
    assert state.left == max(capacity - confirmed, 0)


@pytest.mark.parametrize(
    ("confirmed", "waiting", "detail"),
    [
        (0, 0, "25 places restantes sur 25"),
        (25, 0, "0 personne en liste d’attente"),
        (24, 0, "1 place restante sur 25"),
        (25, 1, "1 personne en liste d’attente"),
        (25, 3, "3 personnes en liste d’attente"),
    ],
)
def test_seat_state_detail(confirmed, waiting, detail):
    assert SeatState(capacity=25, confirmed=confirmed, waiting=waiting).detail == detail


def fill(mini_conference, edition, *, confirmed=0, waiting=0):
    for status, count in (("confirmed", confirmed), ("waiting", waiting)):
        SeatFactory.create_batch(
            count,
            registration__edition=edition,
            mini_conference=mini_conference,
            status=status,
        )


def test_with_seats_counts_confirmed_and_waiting(edition, mini_conferences):
    first, second = mini_conferences
    fill(first, edition, confirmed=2, waiting=3)
    fill(second, edition, confirmed=1)

    counts = {
        mc.pk: (mc.confirmed_seats, mc.waiting_seats)
        for mc in MiniConference.objects.of_edition(edition).with_seats()
    }

    assert counts == {first.pk: (2, 3), second.pk: (1, 0)}


def test_waiting_position_follows_the_queue(edition, mini_conferences):
    full = mini_conferences[0]
    fill(full, edition, confirmed=2, waiting=3)
    seats = list(full.seats.filter(status="waiting").order_by("joined_at", "pk"))

    assert [waiting_position(seat) for seat in seats] == [1, 2, 3]
    assert waiting_position(full.seats.filter(status="confirmed").first()) is None


def test_programme_pages_show_the_seats_state(client, edition, mini_conferences):
    first, second = mini_conferences
    fill(first, edition, confirmed=2, waiting=1)
    fill(second, edition, confirmed=1)

    listing = words(client.get(reverse("programme:miniconference-list")))
    full_page = words(client.get(first.get_absolute_url()))
    almost_page = words(client.get(second.get_absolute_url()))

    assert "complet — liste d’attente" in listing
    assert "presque complet" in listing
    assert "complet — liste d’attente 1 personne en liste d’attente" in full_page
    assert "presque complet 1 place restante sur 2" in almost_page


def test_seats_state_adds_no_query_per_mini_conference(client, edition, slot):
    url = reverse("programme:miniconference-list")
    fill(MiniConferenceFactory(slot=slot, number=1), edition, confirmed=2, waiting=1)
    one = count_queries(client, url)
    for number in (2, 3, 4):
        fill(MiniConferenceFactory(slot=slot, number=number), edition, confirmed=3, waiting=2)

    assert count_queries(client, url) == one


def test_seat_state_of_a_mini_conference_without_annotation(edition, mini_conferences):
    fill(mini_conferences[0], edition, confirmed=2, waiting=1)

    state = SeatState.of(MiniConference.objects.get(pk=mini_conferences[0].pk))

    assert (state.confirmed, state.waiting, state.code) == (2, 1, "full")


def test_a_mini_conference_with_every_seat_left_is_not_said_limited(client, programme):
    mini_conference = MiniConference.objects.of_edition(programme).first()

    page = words(client.get(mini_conference.get_absolute_url()))

    assert "places limitées" not in page
    assert f"{mini_conference.capacity} places restantes sur {mini_conference.capacity}" in page
