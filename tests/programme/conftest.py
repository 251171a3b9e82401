import datetime

import pytest

from programme.models import SessionKind
from tests import factories


def build_programme(sessions_per_day=1, mini_conferences=3):
    """A published edition of three days; each day has `sessions_per_day` plenaries, the
    second day also a mini-conference slot, so pages grow with the parameter."""
    edition = factories.EditionFactory(
        start_date=datetime.date(2030, 7, 8),
        end_date=datetime.date(2030, 7, 10),
        is_published=False,
    )
    theme = factories.ChallengeThemeFactory(edition=edition)
    factories.ChallengeFactory.create_batch(
        sessions_per_day, edition=edition, theme=theme, is_example=True
    )
    for offset in range(3):
        day = factories.DayFactory(
            edition=edition, date=edition.start_date + datetime.timedelta(offset)
        )
        for index in range(sessions_per_day):
            session = factories.SessionFactory(
                day=day, start=factories.paris(day.date, 8, index), end=None
            )
            session.speakers.add(factories.PersonFactory())
        if offset == 1:
            slot = factories.SessionFactory(
                day=day,
                start=factories.paris(day.date, 11, 30),
                end=factories.paris(day.date, 12, 30),
                kind=SessionKind.MINI_CONFERENCES,
                title="Mini-conférences",
            )
            for number in range(1, mini_conferences + 1):
                mc = factories.MiniConferenceFactory(slot=slot, number=number)
                mc.speakers.add(factories.PersonFactory())
    # Published once built, as organisers do: the changes log starts from here.
    edition.is_published = True
    edition.save()
    return edition


@pytest.fixture
def small_programme(db):
    return build_programme()
