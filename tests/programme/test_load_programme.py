"""`load_programme`: adds what is missing from fixtures/, never touches what organisers edited."""

import json
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from programme.models import (
    Challenge,
    ContentVersion,
    Day,
    Edition,
    MiniConference,
    Session,
    Venue,
)
from tests import factories

FIXTURES = Path(settings.FIXTURE_DIRS[0])
# The order the loader follows: the programme first, since the examples refer to it.
FILES = ["programme-2017.json", "examples-challenges-2017.json"]


def fixture_objects(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def load():
    out = StringIO()
    call_command("load_programme", stdout=out)
    return out.getvalue().splitlines()


def row_counts():
    # The content version is made by migration, not by the fixtures.
    models = [m for m in apps.get_app_config("programme").get_models() if m is not ContentVersion]
    return {m._meta.label_lower: m.objects.count() for m in models}


def test_fixture_files_are_the_ones_loaded():
    assert sorted(f.name for f in FIXTURES.glob("*.json")) == sorted(FILES)


@pytest.mark.parametrize(
    ("name", "pks"),
    [("programme-2017.json", range(2017001, 2017900)), (FILES[1], range(2017901, 2018000))],
    ids=["programme-2017001-2017899", "examples-2017901-2017999"],
)
def test_every_object_has_an_explicit_pk_in_its_range(name, pks):
    # The loader skips an object whose pk exists: without a pk it could not tell it was loaded.
    objects = fixture_objects(name)

    assert [o["pk"] for o in objects if type(o["pk"]) is not int or o["pk"] not in pks] == []
    assert len({(o["model"], o["pk"]) for o in objects}) == len(objects)


def test_first_run_on_empty_database_creates_every_object(db):
    expected = Counter(o["model"] for name in FILES for o in fixture_objects(name))

    output = load()

    assert {label: n for label, n in row_counts().items() if n} == dict(expected)
    assert output == [
        f"{name} : {len(fixture_objects(name))} objet(s) ajouté(s)." for name in FILES
    ]


def test_second_run_adds_nothing(db):
    load()
    before = row_counts()

    output = load()

    assert row_counts() == before
    assert output == [f"{name} : 0 objet(s) ajouté(s)." for name in FILES]


@pytest.mark.parametrize(
    ("model", "lookup", "field", "edited"),
    [
        (Session, {"kind": "break"}, "title", "Pause et rafraîchissements"),
        (Edition, {"slug": "2017"}, "capacity", 180),
        (Venue, {"slug": "parc-abbaye"}, "latitude", "46.433100"),
        (Challenge, {"pk": 2017901}, "is_example", False),
    ],
    ids=["session-title", "edition-capacity", "venue-coordinates", "challenge-flag"],
)
def test_organiser_edit_survives_a_second_run(db, model, lookup, field, edited):
    load()
    model.objects.filter(**lookup).update(**{field: edited})

    load()

    assert str(getattr(model.objects.get(**lookup), field)) == str(edited)


@pytest.mark.parametrize(
    ("model", "lookup"),
    [(Session, {"kind": "break"}), (Challenge, {"pk": 2017901})],
    ids=["session", "example-challenge"],
)
def test_a_row_deleted_by_organisers_does_not_come_back(db, model, lookup):
    load()
    model.objects.filter(**lookup).delete()

    load()

    assert not model.objects.filter(**lookup).exists()


def test_rows_the_organisers_added_are_kept(db):
    load()
    day = Day.objects.get(date="2017-07-12")
    extra = factories.SessionFactory(day=day, start=factories.paris(day.date, 14), venue=None)

    load()

    assert Session.objects.filter(day=day).last() == extra


def new_rows():
    """One new row per model, as an organiser would add them in the admin after loading."""
    day = Day.objects.get(date="2017-07-11")
    slot = Session.objects.get(kind="mini_conferences")
    edition = Edition.objects.get(slug="2017")
    return [
        factories.SessionFactory(day=day, start=factories.paris(day.date, 18, 45), venue=None),
        factories.VenueFactory(),
        factories.MiniConferenceFactory(slot=slot, number=10, venue=None),
        factories.ChallengeFactory(
            edition=edition,
            theme=edition.challenge_themes.first(),
            challenge_type=edition.challenge_types.first(),
        ),
    ]


def test_new_rows_after_loading_get_fresh_pks(db):
    # On PostgreSQL the explicit fixture pks leave each sequence behind unless the loader resets
    # it: the next row would then take a low pk instead of following the loaded ones.
    load()
    highest = {
        model: model.objects.order_by("-pk").values_list("pk", flat=True)[0]
        for model in (Session, Venue, MiniConference, Challenge)
    }

    rows = new_rows()

    assert [row.pk > highest[type(row)] for row in rows] == [True] * 4
