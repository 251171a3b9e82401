from types import SimpleNamespace

import pytest

from programme.models import SessionKind
from tests import factories
from tests.factories import paris


@pytest.fixture
def world(db):
    """An edition shaped like the printed programme (tests/factories.py), a participant seated
    in one of the two mini-conferences of Tuesday's slot, and the mini-conference they are not
    in."""
    edition = factories.edition_with_half_days()
    slot = edition.days.get(date=edition.start_date.replace(day=edition.start_date.day + 1))
    slot = slot.sessions.get(kind=SessionKind.MINI_CONFERENCES)
    mine = factories.MiniConferenceFactory(slot=slot, title="La mienne")
    other = factories.MiniConferenceFactory(slot=slot, title="L’autre")
    registration = factories.RegistrationFactory(edition=edition)
    factories.SeatFactory(registration=registration, mini_conference=mine, status="confirmed")
    return SimpleNamespace(
        edition=edition,
        registration=registration,
        mine=mine,
        other=other,
        monday=edition.start_date,
        after_everything=paris(edition.end_date, 23),
    )
