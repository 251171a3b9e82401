"""The on-site sign-in tests' one world: the edition shaped like the printed programme, its
Tuesday mini-conference and one registered participant with a seat there (on_site.build)."""

import pytest

from registrations import attendance
from tests.registrations.on_site import TUESDAY, build


@pytest.fixture
def world(db):
    return build()


@pytest.fixture
def edition(world):
    return world[0]


@pytest.fixture
def registration(world):
    return world[2]


@pytest.fixture
def morning(edition):
    return attendance.find_half_day(edition, TUESDAY, "morning")
