import datetime

import pytest
from django.utils import translation

from programme import formats
from tests.factories import PARIS, SessionFactory

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2017, 7, 10), "lundi 10 juillet 2017"),
        (datetime.date(2017, 7, 11), "mardi 11 juillet 2017"),
        (datetime.date(2017, 7, 12), "mercredi 12 juillet 2017"),
        (datetime.date(2017, 7, 1), "samedi 1er juillet 2017"),
    ],
    ids=["monday", "tuesday", "wednesday", "first-of-month"],
)
def test_long_date_french(value, expected):
    with translation.override("fr"):
        assert formats.long_date(value) == expected


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(14, 30, f"14{NB}h{NB}30"), (9, 0, f"9{NB}h"), (8, 5, f"8{NB}h{NB}05")],
    ids=["half-past", "on-the-hour", "leading-zero-minutes"],
)
def test_short_time_french(hour, minute, expected):
    value = datetime.datetime(2017, 7, 11, hour, minute, tzinfo=PARIS)
    with translation.override("fr"):
        assert formats.short_time(value) == expected


def test_short_time_shows_paris_time_of_a_utc_value():
    value = datetime.datetime(2017, 7, 11, 9, 30, tzinfo=datetime.UTC)
    with translation.override("fr"):
        assert formats.short_time(value) == f"11{NB}h{NB}30"


def test_time_range_with_and_without_end():
    start = datetime.datetime(2017, 7, 10, 19, 30, tzinfo=PARIS)
    end = datetime.datetime(2017, 7, 10, 21, 0, tzinfo=PARIS)
    with translation.override("fr"):
        assert formats.time_range(start, end) == f"19{NB}h{NB}30 – 21{NB}h"
        assert formats.time_range(start, None) == f"à partir de 19{NB}h{NB}30"


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("fr", datetime.date(2017, 7, 10), "lundi 10 juillet"),
        ("fr", datetime.date(2017, 7, 1), "samedi 1er juillet"),
        ("en", datetime.date(2017, 7, 10), "Monday 10 July"),
        ("en", datetime.date(2017, 7, 1), "Saturday 1 July"),
    ],
    ids=["french", "french-first-of-month", "english", "english-first-of-month"],
)
def test_weekday_and_month(language, value, expected):
    with translation.override(language):
        assert formats.weekday_and_month(value) == expected


@pytest.mark.django_db
def test_dated_title_names_the_day_of_the_session():
    lunch = SessionFactory(day__date=datetime.date(2017, 7, 11), title="Cocktail déjeunatoire")

    with translation.override("fr"):
        assert formats.dated_title(lunch) == "mardi 11 juillet — Cocktail déjeunatoire"


@pytest.mark.parametrize(
    ("language", "ranks"),
    [
        ("fr", ["1re", "2e", "3e", "11e", "21e"]),
        ("en", ["1st", "2nd", "3rd", "11th", "21st"]),
    ],
)
def test_ordinal_positions(language, ranks):
    with translation.override(language):
        assert [formats.ordinal(n) for n in (1, 2, 3, 11, 21)] == ranks


@pytest.mark.parametrize(("language", "expected"), [("fr", "0 personne"), ("en", "0 personnes")])
def test_zero_takes_the_singular_in_french_only(language, expected):
    # No catalogue entry: the French source forms, chosen by the language's own rule.
    with translation.override(language):
        say = translation.ngettext  # by another name: not a string for the catalogue
        said = say("%d personne", "%d personnes", formats.plural_count(0)) % 0
    assert said == expected
