import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils import translation

from programme.models import Day, Edition, MiniConference, Session, SessionKind, Venue
from tests import factories
from tests.programme.admin_forms import change_url, field_errors, submit

MONDAY = datetime.date(2030, 7, 8)
NBSP = "\u00a0"

END_BEFORE_START = "La fin doit être postérieure au début."
NOT_ON_DAY = "La séance doit se dérouler le lundi 8 juillet 2030, jour auquel elle est rattachée."
TICK_PARALLEL = (
    "Cochez «\xa0parallèle par conception\xa0» sur l’une des deux séances "
    "si ce chevauchement est voulu."
)
OVERLAP = f"Ce lieu est déjà occupé par la séance «\xa0Ouverture\xa0» (9{NBSP}h – 10{NBSP}h). " + (
    TICK_PARALLEL
)
OVERLAP_OPEN = (
    f"Ce lieu est déjà occupé par la séance «\xa0Ouverture\xa0» (à partir de 9{NBSP}h). "
    + (TICK_PARALLEL)
)
EVERYONE_AT_OPENING = (
    f"Au même moment, tout le monde est attendu à la séance «{NBSP}Ouverture{NBSP}» "
    f"(9{NBSP}h – 10{NBSP}h). Cochez «{NBSP}parallèle par conception{NBSP}» sur l’une des deux "
    "séances si ce chevauchement est voulu."
)
STEP_OF_OTHER_KIND = (
    "Le temps des défis ne s’applique qu’aux séances de type «\xa0Travail sur les défis\xa0»."
)
STEP_OUT_OF_RANGE = "Le temps des défis va de 1 à 5."
SLOT_KIND_KEPT = (
    "Cette séance accueille des mini-conférences\xa0: "
    "elle doit rester de type «\xa0Mini-conférences\xa0»."
)
DAY_OUTSIDE_EDITION = (
    "La journée doit être comprise entre le lundi 8 juillet 2030 et le mercredi 10 juillet 2030, "
    "dates de l’édition."
)
EDITION_ENDS_EARLY = "Le dernier jour ne peut pas précéder le premier jour."
REGISTRATION_CLOSES_EARLY = "La clôture des inscriptions doit venir après leur ouverture."
SLOT_OF_OTHER_KIND = "Le créneau doit être une séance de type «\xa0Mini-conférences\xa0»."
ROOM_TAKEN = (
    "La salle «\xa0Chapitre\xa0» accueille déjà la mini-conférence n° 1 "
    "«\xa0Les communs\xa0» sur ce créneau."
)
NO_SEAT = "Une mini-conférence offre au moins une place."


def edition():
    return factories.EditionFactory(start_date=MONDAY, end_date=MONDAY + datetime.timedelta(2))


def monday_session(start=(9, 0), end=(10, 0), **kwargs):
    """A session on the Monday: every session of a test shares one Day row."""
    day = Day.objects.filter(date=MONDAY).first() or factories.DayFactory(
        edition=edition(), date=MONDAY
    )
    return factories.SessionFactory(
        day=day,
        start=factories.paris(MONDAY, *start),
        end=factories.paris(MONDAY, *end) if end else None,
        **kwargs,
    )


def opening_and(start, end, opening_end=(10, 0), **kwargs):
    """The session to edit, in the same venue as « Ouverture »."""
    opening = monday_session(end=opening_end, title="Ouverture")
    return monday_session(start=start, end=end, venue=opening.venue, **kwargs)


def everyone_at_opening(kind, day_offset=0, opening_kind=SessionKind.PLENARY):
    """A session of `kind` at 11 h, and the 9 h « Ouverture » of `opening_kind`, `day_offset`
    days later; neither has a venue yet."""
    opening = monday_session(title="Ouverture", kind=opening_kind, venue=None)
    if day_offset:
        date = MONDAY + datetime.timedelta(day_offset)
        opening.day = factories.DayFactory(edition=opening.day.edition, date=date)
        opening.start, opening.end = factories.paris(date, 9), factories.paris(date, 10)
        opening.save()
    return monday_session(start=(11, 0), end=(12, 0), kind=kind, venue=None)


def slot_with_talks():
    slot = monday_session(kind=SessionKind.MINI_CONFERENCES)
    chapitre = factories.VenueFactory(name="Chapitre")
    factories.MiniConferenceFactory(slot=slot, number=1, title="Les communs", venue=chapitre)
    return slot, chapitre


def second_talk():
    slot, chapitre = slot_with_talks()
    return factories.MiniConferenceFactory(slot=slot, number=2), chapitre


INVALID_EDITS = {
    "session-ends-before-start": (
        lambda: monday_session(),
        lambda session: {"end_1": "08:00"},
        {"end": [END_BEFORE_START]},
    ),
    "session-on-another-day": (
        lambda: monday_session(),
        lambda session: {"start_0": "09/07/2030", "end_0": "09/07/2030"},
        {"start": [NOT_ON_DAY], "end": [NOT_ON_DAY]},
    ),
    "session-ends-on-next-day": (
        lambda: monday_session(),
        lambda session: {"end_0": "09/07/2030"},
        {"end": [NOT_ON_DAY]},
    ),
    "session-overlaps-in-venue": (
        lambda: opening_and(start=(11, 0), end=(12, 0)),
        lambda session: {"start_1": "09:30", "end_1": "10:30"},
        {"venue": [OVERLAP]},
    ),
    "session-starts-with-open-ended-one": (
        lambda: opening_and(start=(11, 0), end=(12, 0), opening_end=None),
        lambda session: {"start_1": "08:30", "end_1": "09:01"},
        {"venue": [OVERLAP_OPEN]},
    ),
    "open-ended-session-starts-inside-another": (
        lambda: opening_and(start=(11, 0), end=None),
        lambda session: {"start_1": "09:59"},
        {"venue": [OVERLAP]},
    ),
    "two-open-ended-sessions-start-together": (
        lambda: opening_and(start=(11, 0), end=None, opening_end=None),
        lambda session: {"start_1": "09:00"},
        {"venue": [OVERLAP_OPEN]},
    ),
    "challenge-step-during-plenary-no-venue": (
        lambda: everyone_at_opening(SessionKind.CHALLENGE_STEP),
        lambda session: {"start_1": "09:30"},
        {"start": [EVERYONE_AT_OPENING]},
    ),
    "learning-team-during-mini-conferences": (
        lambda: everyone_at_opening(
            SessionKind.LEARNING_TEAM, opening_kind=SessionKind.MINI_CONFERENCES
        ),
        lambda session: {"start_1": "08:00", "end_1": "09:30"},
        {"start": [EVERYONE_AT_OPENING]},
    ),
    "meal-turned-plenary-during-plenary": (
        lambda: everyone_at_opening(SessionKind.MEAL),
        lambda session: {"start_1": "09:30", "kind": SessionKind.CLOSING},
        {"start": [EVERYONE_AT_OPENING]},
    ),
    "challenge-step-on-plenary": (
        lambda: monday_session(kind=SessionKind.PLENARY),
        lambda session: {"challenge_step": "2"},
        {"challenge_step": [STEP_OF_OTHER_KIND]},
    ),
    "challenge-step-six": (
        lambda: monday_session(kind=SessionKind.CHALLENGE_STEP),
        lambda session: {"challenge_step": "6"},
        {"challenge_step": [STEP_OUT_OF_RANGE]},
    ),
    "slot-with-talks-changes-kind": (
        lambda: slot_with_talks()[0],
        lambda session: {"kind": SessionKind.PLENARY},
        {"kind": [SLOT_KIND_KEPT]},
    ),
    "day-outside-edition": (
        lambda: factories.DayFactory(edition=edition(), date=MONDAY),
        lambda day: {"date": "11/07/2030"},
        {"date": [DAY_OUTSIDE_EDITION]},
    ),
    "edition-ends-before-start": (
        edition,
        lambda edition: {"end_date": "07/07/2030"},
        {"end_date": [EDITION_ENDS_EARLY]},
    ),
    "registration-closes-before-opening": (
        edition,
        lambda edition: {
            "registration_opens_at_0": "01/05/2030",
            "registration_opens_at_1": "09:00",
            "registration_closes_at_0": "01/05/2030",
            "registration_closes_at_1": "09:00",
        },
        {"registration_closes_at": [REGISTRATION_CLOSES_EARLY]},
    ),
    "talk-in-a-session-that-is-no-slot": (
        lambda: factories.MiniConferenceFactory(),
        lambda talk: {"slot": str(monday_session(kind=SessionKind.PLENARY).pk)},
        {"slot": [SLOT_OF_OTHER_KIND]},
    ),
    "two-talks-in-one-room": (
        lambda: second_talk()[0],
        lambda talk: {"venue": str(Venue.objects.get(name="Chapitre").pk)},
        {"venue": [ROOM_TAKEN]},
    ),
    "talk-without-seats": (
        lambda: factories.MiniConferenceFactory(),
        lambda talk: {"capacity": "0"},
        {"capacity": [NO_SEAT]},
    ),
    "latitude-off-the-globe": (
        factories.VenueFactory,
        lambda venue: {"latitude": "95"},
        {"latitude": ["La latitude doit être comprise entre −90 et 90."]},
    ),
    "longitude-off-the-globe": (
        factories.VenueFactory,
        lambda venue: {"longitude": "-200"},
        {"longitude": ["La longitude doit être comprise entre −180 et 180."]},
    ),
    "latitude-without-longitude": (
        factories.VenueFactory,
        lambda venue: {"longitude": ""},
        {"longitude": ["Indiquez aussi la longitude, ou retirez la latitude."]},
    ),
    "longitude-without-latitude": (
        factories.VenueFactory,
        lambda venue: {"latitude": ""},
        {"latitude": ["Indiquez aussi la latitude, ou retirez la longitude."]},
    ),
}


@pytest.mark.parametrize(
    ("build", "changes", "expected"), INVALID_EDITS.values(), ids=INVALID_EDITS.keys()
)
def test_admin_invalid_edit_shows_error_at_field_and_saves_nothing(
    admin_client, build, changes, expected
):
    obj = build()
    obj.refresh_from_db()  # Compare database values with database values.
    before = model_to_dict(obj)

    response = submit(admin_client, change_url(obj), changes(obj))

    assert response.status_code == 200
    assert field_errors(response) == expected
    obj.refresh_from_db()
    assert model_to_dict(obj) == before


VALID_EDITS = {
    "session-moved-later": (
        lambda: opening_and(start=(11, 0), end=(12, 0)),
        {"start_1": "14:00", "end_1": "15:30"},
        lambda session: session.start == factories.paris(MONDAY, 14),
    ),
    "session-overlapping-by-design": (
        lambda: opening_and(start=(11, 0), end=(12, 0)),
        {"start_1": "09:30", "end_1": "10:30", "is_parallel": "on"},
        lambda session: session.start == factories.paris(MONDAY, 9, 30),
    ),
    "session-right-after-another": (
        lambda: opening_and(start=(11, 0), end=(12, 0)),
        {"start_1": "10:00"},
        lambda session: session.start == factories.paris(MONDAY, 10),
    ),
    "session-after-open-ended-start-minute": (
        lambda: opening_and(start=(11, 0), end=(12, 0), opening_end=None),
        {"start_1": "09:01"},
        lambda session: session.start == factories.paris(MONDAY, 9, 1),
    ),
    "session-after-midnight-in-paris": (
        lambda: monday_session(),
        {"start_1": "00:30", "end_1": "01:30"},
        lambda session: session.start == factories.paris(MONDAY, 0, 30),
    ),
    "everyone-sessions-overlapping-by-design": (
        lambda: everyone_at_opening(SessionKind.CHALLENGE_STEP),
        {"start_1": "09:30", "is_parallel": "on"},
        lambda session: session.start == factories.paris(MONDAY, 9, 30),
    ),
    "everyone-sessions-at-one-time-on-two-days": (
        lambda: everyone_at_opening(SessionKind.CHALLENGE_STEP, day_offset=1),
        {"start_1": "09:00", "end_1": "10:00"},
        lambda session: session.start == factories.paris(MONDAY, 9),
    ),
    "meal-during-plenary": (
        lambda: everyone_at_opening(SessionKind.MEAL),
        {"start_1": "09:30", "end_0": "", "end_1": ""},
        lambda session: (session.start, session.end) == (factories.paris(MONDAY, 9, 30), None),
    ),
    "break-during-plenary": (
        lambda: everyone_at_opening(SessionKind.BREAK),
        {"start_1": "09:45"},
        lambda session: session.start == factories.paris(MONDAY, 9, 45),
    ),
    "challenge-step-five": (
        lambda: monday_session(kind=SessionKind.CHALLENGE_STEP),
        {"challenge_step": "5"},
        lambda session: session.challenge_step == 5,
    ),
    "day-on-last-day-of-edition": (
        lambda: factories.DayFactory(edition=edition(), date=MONDAY),
        {"date": "10/07/2030"},
        lambda day: day.date == datetime.date(2030, 7, 10),
    ),
    "edition-of-one-day": (
        edition,
        {"end_date": "08/07/2030"},
        lambda edition: edition.end_date == MONDAY,
    ),
    "talk-in-a-free-room": (
        lambda: second_talk()[0],
        {"capacity": "40"},
        lambda talk: talk.capacity == 40,
    ),
    "venue-without-coordinates": (
        factories.VenueFactory,
        {"latitude": "", "longitude": ""},
        lambda venue: venue.latitude is None and venue.longitude is None,
    ),
}


@pytest.mark.parametrize(
    ("build", "changes", "saved"), VALID_EDITS.values(), ids=VALID_EDITS.keys()
)
def test_admin_valid_edit_is_saved(admin_client, build, changes, saved):
    obj = build()

    response = submit(admin_client, change_url(obj), changes)

    assert response.status_code == 302, field_errors(response)
    obj.refresh_from_db()
    assert saved(obj)


def test_session_without_day_is_checked_without_error(db):
    session = Session(start=factories.paris(MONDAY, 9), title="Sans journée", kind="plenary")

    session.clean()


def test_everyone_clash_is_explained_in_english(db):
    opening = monday_session(title="Ouverture", venue=None)
    team = Session(
        day=opening.day,
        start=factories.paris(MONDAY, 9, 30),
        title="Équipes apprenantes",
        kind=SessionKind.LEARNING_TEAM,
    )

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        team.clean()

    assert caught.value.message_dict == {
        "start": [
            "Everyone is expected at the session ‘Ouverture’ at the same time (09:00 – 10:00). "
            "Tick ‘parallel by design’ on one of the two sessions if this overlap is intended."
        ]
    }


def test_mini_conference_clean_refuses_a_plenary_slot(db):
    talk = MiniConference(slot=monday_session(), number=1, title="Hors créneau", capacity=10)

    with pytest.raises(ValidationError) as caught:
        talk.clean()

    assert caught.value.message_dict == {"slot": [SLOT_OF_OTHER_KIND]}


@pytest.mark.skipif(
    not (Path(settings.BASE_DIR) / "fixtures" / "programme-2017.json").exists(),
    reason="the 2017 programme fixture is not written yet",
)
def test_shipped_programme_follows_the_rules(programme):
    models = [Edition, Day, Venue, Session, MiniConference]

    errors = {}
    for model in models:
        for obj in model.objects.all():
            try:
                obj.full_clean()
            except ValidationError as error:
                errors[f"{model.__name__} {obj.pk} {obj}"] = error.message_dict

    assert errors == {}


@pytest.mark.parametrize("venue_kept", [True, False], ids=["same-venue", "venue-unknown"])
def test_a_cancelled_session_frees_its_time_and_venue_for_another(db, venue_kept):
    cancelled = monday_session(title="Ouverture", is_cancelled=True)
    replacement = Session(
        day=cancelled.day,
        start=cancelled.start,
        end=cancelled.end,
        title="Ouverture, nouvelle formule",
        kind=SessionKind.PLENARY,
        venue=cancelled.venue if venue_kept else None,
    )
    replacement.clean()  # no overlap with a session that will not take place
    cancelled.is_cancelled = False
    cancelled.save()
    with pytest.raises(ValidationError):
        replacement.clean()
