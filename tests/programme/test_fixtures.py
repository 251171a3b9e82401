"""The 2017 programme shipped in fixtures/: the printed programme, with its errors corrected.

The expected tables are transcribed from shared/seed/programme-cluny-2017.txt by hand, with the
corrections listed in fixtures/README.md, so a slip in the fixture shows up as a diff here.
"""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone, translation

from programme.formats import long_date
from programme.models import (
    Challenge,
    ContentVersion,
    Edition,
    MiniConference,
    Partnership,
    Session,
)
from tests.factories import PARIS, paris

FIXTURES = Path(settings.FIXTURE_DIRS[0])
MON, TUE, WED = (datetime.date(2017, 7, day) for day in (10, 11, 12))
ENTRANCE = "Entrée par la Porte de l'ENSAM, rue de la Porte de Paris, 71250 Cluny"
TEMPS_3 = (
    "Les défis – Temps 3 : mise en forme des prototypes et prochains pas pour les tester, "
    "les bonifier"
)

# (start, end, title, kind, venue slug) for every timed item, in the order of the programme.
EXPECTED_DAYS = {
    MON: [
        ("13:00", "14:30", "Café apprenant avec les jeunes européen·ne·s du Collège de Cluny",
         "learning_cafe", "hall-d-honneur"),
        ("14:30", "15:30", "Où en est l'innovation publique collaborative ?", "plenary", None),
        ("15:30", "17:00", "L'intelligence collective : un levier pour l'innovation ?",
         "conversation", None),
        ("17:00", "17:15", "Pause", "break", None),
        ("17:15", "18:30", "Les défis – Temps 1 : la question de travail", "challenge_step", None),
        ("19:00", "19:30", "Accueil institutionnel", "institutional_welcome",
         "farinier-abbaye-cluny"),
        ("19:30", None, "Cocktail dînatoire et soirée préparée par le Collège européen", "meal",
         None),
    ],
    TUE: [
        ("08:30", "09:00", "Café d'accueil", "welcome_coffee", "jardin-entree-abbaye"),
        ("09:00", "11:30", "Les défis – Temps 2 : de l'idéation à l'émergence de prototypes",
         "challenge_step", None),
        ("11:30", "12:30", "Mini-conférences", "mini_conferences", None),
        ("12:30", "14:00", "Cocktail déjeunatoire", "meal", "hall-d-honneur"),
        ("14:30", "17:00", TEMPS_3, "challenge_step", None),
        ("17:30", "18:30", "Retour en équipe apprenante", "learning_team", None),
        ("20:00", None, "Cocktail dînatoire", "meal", "parc-abbaye"),
    ],
    WED: [
        ("08:30", "09:00", "Café d'accueil", "welcome_coffee", None),
        ("09:00", "10:00", "Les défis – Temps 4 : partage en grand groupe", "challenge_step", None),
        ("10:00", "11:00", "Les défis – Temps 5 : et la suite ?", "challenge_step", None),
        ("11:00", "12:00", "Accélération de son propre projet", "learning_team", None),
        ("12:00", "12:30", "Clôture de l'université", "closing", None),
        ("13:00", None, "Cocktail déjeunatoire", "meal", "parc-abbaye"),
    ],
}  # fmt: skip
DAY_IDS = ["lundi-10", "mardi-11", "mercredi-12"]

MINI_CONFERENCES = [
    "Les usages des technologies en innovation",
    "S'appuyer sur l'innovation ouverte et le co-design",
    "Les meilleures pratiques européennes",
    "Les méthodes de l'innovation sociale",
    "L'innovation managériale",
    "La résilience des territoires",
    "Une e-communauté de l'innovation sur son territoire",
    "Le baromètre de l'innovation publique",
    "Comment se former à l'innovation",
]
THEMES = [
    "La transition écologique",
    "La qualité de l'action publique",
    "La démocratie et la citoyenneté",
    "Les réformes territoriales",
    "Les transitions numériques",
    "La cohésion urbaine",
    "La promotion et la prévention de la santé publique",
]
TYPES = [
    ("Défis locaux", "Des défis de collectivités proches de Cluny, abordés in situ avec les "
     "parties prenantes"),
    ("Défis thématiques", "Des défis pour des thématiques et des types de territoires "
     "diversifiés"),
]  # fmt: skip


def hhmm(value):
    return None if value is None else timezone.localtime(value, PARIS).strftime("%H:%M")


def session_at(edition, date, start):
    hour, minute = map(int, start.split(":"))
    return Session.objects.get(day__edition=edition, start=paris(date, hour, minute))


def span(date, start):
    return lambda e: (hhmm(session_at(e, date, start).start), hhmm(session_at(e, date, start).end))


def field(date, start, path):
    """A getter for a session's attribute, following dots (« venue.slug »)."""

    def get(edition):
        value = session_at(edition, date, start)
        for name in path.split("."):
            value = getattr(value, name, None)
        return value

    return get


def paragraph(index):
    return lambda e: e.introduction.split("\n\n")[index]


def excerpt(get_text, pattern):
    # The pattern matches the printed text as well, so a regression shows what the seed said.
    return lambda e: re.search(pattern, get_text(e)).group()


def day_label(index):
    return lambda e: long_date(list(e.days.all())[index].date)


def open_ends(edition):
    sessions = Session.objects.of_edition(edition).filter(end__isnull=True)
    return [(s.day.date, hhmm(s.start)) for s in sessions]


def edition_title(edition):
    return edition.title


def day_notes(edition):
    return [d.note for d in edition.days.all()]


CORRECTIONS = [
    pytest.param(day_label(0), "lundi 10 juillet 2017", id="year-2016-becomes-2017"),
    pytest.param(day_label(2), "mercredi 12 juillet 2017", id="vendredi-becomes-mercredi"),
    pytest.param(span(MON, "13:00"), ("13:00", "14:30"), id="cafe-apprenant-ends-14h30"),
    pytest.param(span(MON, "17:00"), ("17:00", "17:15"), id="pause-starts-17h"),
    pytest.param(span(MON, "19:00"), ("19:00", "19:30"), id="accueil-institutionnel-dash"),
    pytest.param(span(WED, "12:00"), ("12:00", "12:30"), id="cloture-time-notation"),
    pytest.param(open_ends, [(MON, "19:30"), (TUE, "20:00"), (WED, "13:00")], id="open-ends"),
    pytest.param(field(TUE, "12:30", "venue.slug"), "hall-d-honneur", id="tuesday-lunch-venue"),
    pytest.param(field(WED, "08:30", "venue"), None, id="wednesday-coffee-no-venue"),
    pytest.param(edition_title, "2e Université européenne d'été de l'innovation publique "
                 "territoriale", id="edition-title-2e-and-de"),
    pytest.param(field(TUE, "09:00", "title"), "Les défis – Temps 2 : de l'idéation à "
                 "l'émergence de prototypes", id="temps-2-ocr-apostrophe"),
    pytest.param(field(TUE, "14:30", "title"), TEMPS_3, id="temps-3-reversed-quotes"),
    pytest.param(field(TUE, "11:30", "title"), "Mini-conférences", id="mini-conferences-plural"),
    pytest.param(field(WED, "12:00", "description"), "Qu'en pensent les grands témoins, "
                 "expert·e·s du début ? Quel engagement du CNFPT pour la suite ?",
                 id="cloture-pensent-question-mark"),
    pytest.param(excerpt(field(MON, "17:15", "description"), r"\(différents rôles?\)"),
                 "(différents rôles)", id="roles-plural"),
    pytest.param(excerpt(field(TUE, "09:00", "description"), r"^\w partir"), "À partir",
                 id="a-partir-accent"),
    pytest.param(excerpt(field(TUE, "09:00", "description"), r"donner une\s+forme"),
                 "donner une forme", id="page-break-joined"),
    pytest.param(excerpt(field(WED, "11:00", "description"), r"r[ée]-?interrogent"),
                 "réinterrogent", id="reinterrogent"),
    pytest.param(excerpt(field(TUE, "11:30", "description"), r"mini[ -]conférences"),
                 "mini-conférences", id="mini-conferences-hyphen"),
    pytest.param(excerpt(paragraph(1), r"santé publique\)\.?$"), "santé publique).",
                 id="intro-final-period"),
    pytest.param(excerpt(paragraph(2), r"(?<=avec ).* de Cluny(?= qui)"),
                 "la Communauté de communes du Clunisois, la Région Bourgogne-Franche-Comté et le "
                 "Collège européen de Cluny", id="intro-partner-names"),
    pytest.param(excerpt(paragraph(3), r"journées et demie?"), "journées et demie",
                 id="intro-demi-journees"),
    pytest.param(day_notes, [ENTRANCE, ENTRANCE, ""], id="entrance-address"),
]  # fmt: skip


@pytest.mark.parametrize(("get", "expected"), CORRECTIONS)
def test_correction_of_the_printed_programme(programme, get, expected):
    with translation.override("fr"):
        assert get(programme) == expected


@pytest.mark.parametrize("date", list(EXPECTED_DAYS), ids=DAY_IDS)
def test_day_sessions_match_corrected_programme(programme, date):
    sessions = programme.days.get(date=date).sessions.all()

    actual = [(hhmm(s.start), hhmm(s.end), s.title) for s in sessions]

    assert actual == [row[:3] for row in EXPECTED_DAYS[date]]


@pytest.mark.parametrize("date", list(EXPECTED_DAYS), ids=DAY_IDS)
def test_day_session_kinds_and_venues(programme, date):
    sessions = programme.days.get(date=date).sessions.select_related("venue")

    actual = [(s.title, s.kind, s.venue.slug if s.venue else None) for s in sessions]

    assert actual == [(title, kind, venue) for _, _, title, kind, venue in EXPECTED_DAYS[date]]


def test_days_are_the_three_dates_of_the_edition(programme):
    assert [d.date for d in programme.days.all()] == [MON, TUE, WED]


def test_challenge_steps_numbered_one_to_five(programme):
    sessions = Session.objects.of_edition(programme).exclude(challenge_step=None)

    assert [(s.challenge_step, s.kind) for s in sessions] == [
        (step, "challenge_step") for step in range(1, 6)
    ]


def test_sessions_with_a_description(programme):
    sessions = Session.objects.of_edition(programme).exclude(description="")

    assert [s.title.split(" :")[0] for s in sessions] == [
        "Où en est l'innovation publique collaborative ?",
        "L'intelligence collective",
        "Les défis – Temps 1",
        "Les défis – Temps 2",
        "Mini-conférences",
        "Retour en équipe apprenante",
        "Les défis – Temps 4",
        "Les défis – Temps 5",
        "Accélération de son propre projet",
        "Clôture de l'université",
    ]


def test_temps_1_description_carries_the_two_challenge_types(programme):
    description = session_at(programme, MON, "17:15").description

    assert description.split("\n\n")[1].splitlines() == [
        "Deux types de défis seront proposés :",
        "- Des défis locaux : des défis de collectivités proches de Cluny seront abordés in situ "
        "avec les parties prenantes",
        "- Des défis pour des thématiques et des types de territoires diversifiés",
    ]


def test_nine_mini_conferences_in_the_tuesday_slot(programme):
    mini_conferences = MiniConference.objects.of_edition(programme).select_related("slot")

    assert [(m.number, m.title) for m in mini_conferences] == list(
        enumerate(MINI_CONFERENCES, start=1)
    )
    assert {(m.slot.day.date, hhmm(m.slot.start), hhmm(m.slot.end)) for m in mini_conferences} == {
        (TUE, "11:30", "12:30")
    }
    assert {(m.venue, m.capacity, m.description, m.recording_url) for m in mini_conferences} == {
        (None, 25, "", "")
    }


def test_seven_challenge_themes_in_order(programme):
    themes = programme.challenge_themes.all()

    assert [(t.order, t.name) for t in themes] == list(enumerate(THEMES, start=1))


def test_two_challenge_types_in_order(programme):
    types = programme.challenge_types.all()

    assert [(t.name, t.description) for t in types] == TYPES


def test_organiser_and_co_organisers(programme):
    organisers = programme.partners_by_role(Partnership.Role.ORGANISER)

    assert [(o.name, o.short_name) for o in organisers] == [
        ("Centre national de la fonction publique territoriale", "CNFPT")
    ]
    assert [o.name for o in programme.partners_by_role(Partnership.Role.CO_ORGANISER)] == [
        "Région Bourgogne-Franche-Comté",
        "Communauté de communes du Clunisois",
        "Collège européen de Cluny",
    ]


def test_edition_facts(programme):
    expected = {
        "number": 2, "slug": "2017",
        "theme": "Redéfinir les territoires et renforcer la démocratie",
        "start_date": MON, "end_date": WED, "town": "Cluny", "entrance": "Porte de l'ENSAM",
        "entrance_address": "rue de la Porte de Paris, 71250 Cluny",
        "capacity": 200, "contact_email": "", "is_published": True,
    }  # fmt: skip

    assert {name: getattr(programme, name) for name in expected} == expected
    # The introduction is the seed's four paragraphs, from « Le CNFPT » to its last sentence.
    paragraphs = programme.introduction.split("\n\n")
    assert [p.split()[:3] for p in paragraphs] == [
        ["Le", "CNFPT", "s'engage"], ["Cette", "seconde", "université"],
        ["Des", "exemples", "inspirants"], ["Les", "participant·e·s", "auront"],
    ]  # fmt: skip
    assert paragraphs[3].endswith("de l'innovation publique territoriale.")


def test_datetimes_are_aware_paris_wall_clock(programme):
    first = session_at(programme, MON, "13:00")
    sessions = Session.objects.of_edition(programme).select_related("day")

    # 13 h in Paris in July is 11 h UTC: the fixture's +02:00 offset must not be lost.
    assert first.start == datetime.datetime(2017, 7, 10, 11, tzinfo=datetime.UTC)
    assert all(timezone.is_aware(s.start) for s in sessions)
    assert [timezone.localtime(s.start, PARIS).date() for s in sessions] == [
        s.day.date for s in sessions
    ]
    # Registration opens in March, before the switch to summer time.
    assert (programme.registration_opens_at, programme.registration_closes_at) == (
        paris(datetime.date(2017, 3, 15), 9),
        paris(datetime.date(2017, 6, 30), 23, 59),
    )


def test_venues_are_near_the_abbey(programme):
    venues = {s.venue for s in Session.objects.of_edition(programme) if s.venue}

    assert {(v.name, v.description, v.address) for v in venues} == {
        ("Hall d'honneur", "", "Abbaye de Cluny, 71250 Cluny"),
        (
            "Farinier de l'abbaye de Cluny",
            "bâtiment du XIIIe siècle",
            "Abbaye de Cluny, 71250 Cluny",
        ),
        ("Jardin à l'entrée de l'abbaye", "", "Abbaye de Cluny, 71250 Cluny"),
        ("Parc de l'abbaye", "", "Abbaye de Cluny, 71250 Cluny"),
    }
    # About 300 m around the abbey, and four distinct points for four places.
    assert all(abs(float(v.latitude) - 46.4344) < 0.003 for v in venues)
    assert all(abs(float(v.longitude) - 4.6589) < 0.004 for v in venues)
    assert len({(v.latitude, v.longitude) for v in venues}) == 4


def test_example_challenges_are_flagged_and_spread(programme):
    challenges = Challenge.objects.of_edition(programme).for_listing()

    assert len(challenges) == 15
    assert {(c.is_example, c.owner, c.team_capacity) for c in challenges} == {(True, None, 15)}
    assert all(c.title.endswith("(exemple)") for c in challenges)
    assert all(c.owner_organisation.endswith("(exemple)") for c in challenges)
    assert {c.theme.name for c in challenges} == set(THEMES)
    assert {c.challenge_type.name for c in challenges} == {name for name, _ in TYPES}
    assert all(c.territory_kind for c in challenges)


def test_programme_fixture_alone_holds_no_challenge(db):
    call_command("load_programme", "programme-2017", verbosity=0)

    assert (Edition.objects.count(), Challenge.objects.count()) == (1, 0)


def fixture_objects(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["programme-2017.json", "examples-challenges-2017.json"])
def test_inclusive_forms_use_the_middle_dot(name):
    # « participant.e.s » in the seed is written « participant·e·s »: no letter.letter remains.
    texts = [v for o in fixture_objects(name) for v in o["fields"].values() if isinstance(v, str)]

    assert [t for t in texts if re.search(r"[^\W\d]\.[^\W\d]", t)] == []


def test_every_loaded_row_passes_the_admin_validation(programme):
    # The loader saves raw rows without clean(): an organiser must still be able to save each
    # one unchanged in the admin.
    models = [m for m in apps.get_app_config("programme").get_models() if m is not ContentVersion]
    rows = [row for model in models for row in model.objects.all()]

    for row in rows:
        row.full_clean()
    assert len(rows) == sum(len(fixture_objects(f.name)) for f in FIXTURES.glob("*.json"))
