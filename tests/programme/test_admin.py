import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from programme.admin import EditionAdmin
from programme.models import Day, Edition, MiniConference, Session, SessionKind
from tests import factories
from tests.programme.admin_forms import add_url, change_url, inline_errors, submit

MONDAY = datetime.date(2030, 7, 8)
NBSP = "\u00a0"
NOT_ON_DAY = "La séance doit se dérouler le lundi 8 juillet 2030, jour auquel elle est rattachée."
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def one_of_everything():
    """A small programme, for when the 2017 fixture is not there."""
    talk = factories.MiniConferenceFactory()
    talk.speakers.add(factories.PersonFactory())
    edition = talk.slot.day.edition
    factories.ChallengeFactory(edition=edition, owner=factories.PersonFactory())
    edition.partnerships.create(organisation=factories.OrganisationFactory(), role="organiser")
    return edition


@pytest.fixture
def filled_site(request, db):
    if (Path(settings.BASE_DIR) / "fixtures" / "programme-2017.json").exists():
        return request.getfixturevalue("programme")
    return one_of_everything()


@pytest.mark.usefixtures("filled_site")
@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label_lower)
def test_admin_pages_answer_for_superuser(admin_client, admin_user, rf, model):
    opts = model._meta
    request = rf.get("/")
    request.user = admin_user
    first = model.objects.order_by("pk").first()

    urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
    # Some admins (logs of third-party apps) offer no add page, even to a superuser.
    can_add = admin.site.get_model_admin(model).has_add_permission(request)
    urls += [add_url(model)] if can_add else []
    urls += [change_url(first)] if first is not None else []

    assert {url: admin_client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)


CHANGELIST_ROWS = {
    "organisation": factories.OrganisationFactory,
    "edition": factories.EditionFactory,
    "day": lambda: factories.SessionFactory().day,
    "venue": lambda: factories.SessionFactory().venue,
    "person": factories.PersonFactory,
    "session": factories.SessionFactory,
    "challengetheme": factories.ChallengeFactory,
    "challengetype": factories.ChallengeFactory,
    "challenge": lambda: factories.ChallengeFactory(owner=factories.PersonFactory()),
    "miniconference": factories.MiniConferenceFactory,
    # Saving a session of a published edition records it in the changes.
    "programmechange": factories.SessionFactory,
}


def changelist_queries(client, model_name):
    url = reverse(f"admin:programme_{model_name}_changelist")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("model_name", "add_row"), CHANGELIST_ROWS.items(), ids=CHANGELIST_ROWS.keys()
)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, model_name, add_row):
    add_row()
    with_one_row = changelist_queries(admin_client, model_name)
    for _ in range(4):
        add_row()

    assert changelist_queries(admin_client, model_name) == with_one_row


def test_every_programme_model_is_registered():
    registered = sorted(m._meta.model_name for m in REGISTERED if m._meta.app_label == "programme")

    # Partnerships are edited on their edition only.
    assert registered == sorted(CHANGELIST_ROWS)


def test_edition_fieldsets_show_every_editable_field():
    editable = [f.name for f in Edition._meta.concrete_fields if f.editable and not f.primary_key]
    shown = set(flatten_fieldsets(EditionAdmin.fieldsets)) - set(EditionAdmin.readonly_fields)
    # The signature image (not editable as a column) is set through the form's own fields.
    form_only = set(EditionAdmin.form.declared_fields)

    assert sorted(shown - form_only) == sorted(editable)
    assert form_only <= shown


def test_venue_list_shows_map_link_and_session_count(admin_client):
    busy = factories.SessionFactory().venue
    factories.SessionFactory(venue=busy, day=Day.objects.get())
    factories.VenueFactory(latitude=None, longitude=None)

    response = admin_client.get(reverse("admin:programme_venue_changelist"))

    counts = {venue.name: venue.session_count for venue in response.context["cl"].result_list}
    assert sorted(counts.values()) == [0, 2]
    assert escape(busy.map_url) in response.content.decode()


def test_slot_field_lists_slots_by_day_and_time(admin_client):
    slot = factories.SessionFactory(
        kind=SessionKind.MINI_CONFERENCES, title="Mini-conférences", end=None
    )
    factories.SessionFactory(day=slot.day, kind=SessionKind.PLENARY)

    response = admin_client.get(add_url(MiniConference))

    choices = [label for _, label in response.context["adminform"].form.fields["slot"].choices]
    assert choices == [
        "---------",
        f"lundi 8 juillet 2030, à partir de 9{NBSP}h — Mini-conférences",
    ]


@pytest.mark.parametrize("value", ["", "abc", "999999"], ids=["none", "garbage", "unknown"])
def test_slot_filter_never_fails(admin_client, value):
    factories.MiniConferenceFactory()

    response = admin_client.get(
        reverse("admin:programme_miniconference_changelist"), {"slot": value}
    )

    assert response.status_code in (200, 302)


def test_slot_filter_keeps_the_talks_of_one_slot(admin_client):
    talk, _other = factories.MiniConferenceFactory.create_batch(2)

    response = admin_client.get(
        reverse("admin:programme_miniconference_changelist"), {"slot": talk.slot_id}
    )

    assert list(response.context["cl"].result_list) == [talk]


# Inlines: each row is checked by the model's clean(), and rows against each other.


def day_with_session():
    day = factories.DayFactory(
        edition=factories.EditionFactory(start_date=MONDAY, end_date=MONDAY), date=MONDAY
    )
    return factories.SessionFactory(day=day, title="Ouverture")


def session_row(index, start, end, venue, title="Atelier", kind=SessionKind.PLENARY):
    prefix = f"sessions-{index}-"
    return {
        prefix + "start_0": "08/07/2030",
        prefix + "start_1": start,
        prefix + "end_0": "08/07/2030",
        prefix + "end_1": end,
        prefix + "title": title,
        prefix + "kind": kind,
        prefix + "venue": str(venue.pk) if venue else "",
    }


def test_day_inline_row_off_its_day_shows_error_not_500(admin_client):
    session = day_with_session()

    response = submit(
        admin_client,
        change_url(session.day),
        {"sessions-0-start_0": "09/07/2030", "sessions-0-end_0": "09/07/2030"},
    )

    assert response.status_code == 200
    assert inline_errors(response, "sessions")[0] == {"start": [NOT_ON_DAY], "end": [NOT_ON_DAY]}
    session.refresh_from_db()
    assert session.start == factories.paris(MONDAY, 9)


def test_day_inline_rows_overlapping_each_other_are_refused(admin_client):
    day = day_with_session().day
    venue = factories.VenueFactory()
    rows = {
        **session_row(1, "14:00", "15:00", venue, title="Atelier A"),
        **session_row(2, "14:30", "15:30", venue, title="Atelier B"),
    }

    response = submit(admin_client, change_url(day), {"sessions-TOTAL_FORMS": "3", **rows})

    overlap = (
        f"Ce lieu est déjà occupé par la séance «\xa0Atelier A\xa0» (14{NBSP}h – 15{NBSP}h). "
        "Cochez «\xa0parallèle par conception\xa0» sur l’une des deux séances "
        "si ce chevauchement est voulu."
    )
    assert inline_errors(response, "sessions")[1:] == [{}, {"venue": [overlap]}]
    assert list(day.sessions.values_list("title", flat=True)) == ["Ouverture"]


EVERYONE_AT_PLENARY = (
    f"Au même moment, tout le monde est attendu à la séance «{NBSP}Plénière{NBSP}» "
    f"(14{NBSP}h – 15{NBSP}h). Cochez «{NBSP}parallèle par conception{NBSP}» sur l’une des deux "
    "séances si ce chevauchement est voulu."
)


@pytest.mark.parametrize(
    ("second_kind", "parallel", "errors"),
    [
        (SessionKind.LEARNING_TEAM, False, {"start": [EVERYONE_AT_PLENARY]}),
        (SessionKind.LEARNING_TEAM, True, None),
        (SessionKind.WELCOME_COFFEE, False, None),
    ],
    ids=["learning-team-refused", "parallel-by-design", "coffee-allowed"],
)
def test_day_inline_rows_everyone_attends_may_not_overlap(
    admin_client, second_kind, parallel, errors
):
    day = day_with_session().day
    rows = {
        **session_row(1, "14:00", "15:00", None, title="Plénière"),
        **session_row(2, "14:30", "15:30", None, title="Équipes", kind=second_kind),
    }
    if parallel:
        rows["sessions-2-is_parallel"] = "on"

    response = submit(admin_client, change_url(day), {"sessions-TOTAL_FORMS": "3", **rows})

    titles = list(day.sessions.values_list("title", flat=True))
    if errors is None:
        assert (response.status_code, titles) == (302, ["Ouverture", "Plénière", "Équipes"])
    else:
        assert inline_errors(response, "sessions")[1:] == [{}, errors]
        assert titles == ["Ouverture"]


def test_day_inline_row_during_a_stored_session_everyone_attends_is_refused(admin_client):
    day = day_with_session().day  # « Ouverture », a 9 h plenary.
    Session.objects.filter(day=day).update(venue=None)

    response = submit(
        admin_client,
        change_url(day),
        {"sessions-TOTAL_FORMS": "2", **session_row(1, "09:30", "10:30", None)},
    )

    assert inline_errors(response, "sessions")[1]["start"][0].startswith(
        f"Au même moment, tout le monde est attendu à la séance «{NBSP}Ouverture{NBSP}»"
    )
    assert day.sessions.count() == 1


@pytest.mark.parametrize(
    ("second_row", "saved"),
    [(("10:00", "11:00"), True), (("11:00", "11:30"), False)],
    ids=["valid-rows", "row-on-next-day"],
)
def test_day_added_with_its_sessions(admin_client, second_row, saved):
    edition = factories.EditionFactory(start_date=MONDAY, end_date=MONDAY)
    venue = factories.VenueFactory()
    rows = {**session_row(0, "09:00", "10:00", venue), **session_row(1, *second_row, venue)}
    if not saved:
        rows["sessions-1-start_0"] = rows["sessions-1-end_0"] = "09/07/2030"

    response = submit(
        admin_client,
        add_url(Day),
        {"edition": str(edition.pk), "date": "08/07/2030", "sessions-TOTAL_FORMS": "2", **rows},
    )

    assert response.status_code == (302 if saved else 200)
    assert Session.objects.filter(day__date=MONDAY).count() == (2 if saved else 0)
    if not saved:
        assert inline_errors(response, "sessions") == [
            {},
            {"start": [NOT_ON_DAY], "end": [NOT_ON_DAY]},
        ]


def test_slot_inline_rows_in_one_room_are_refused(admin_client):
    slot = factories.SessionFactory(kind=SessionKind.MINI_CONFERENCES)
    room = factories.VenueFactory(name="Chapitre")
    rows = {
        f"mini_conferences-{index}-{field}": value
        for index, title in enumerate(["Les communs", "Le budget participatif"])
        for field, value in [("number", index + 1), ("title", title), ("venue", room.pk)]
    } | {"mini_conferences-0-capacity": "25", "mini_conferences-1-capacity": "25"}

    response = submit(admin_client, change_url(slot), {"mini_conferences-TOTAL_FORMS": "2", **rows})

    taken = (
        "La salle «\xa0Chapitre\xa0» accueille déjà la mini-conférence n° 1 «\xa0Les communs\xa0» "
        "sur ce créneau."
    )
    assert inline_errors(response, "mini_conferences") == [{}, {"venue": [taken]}]
    assert not slot.mini_conferences.exists()


def test_slot_turned_plenary_shows_why_at_its_talks(admin_client):
    talk = factories.MiniConferenceFactory()

    response = submit(admin_client, change_url(talk.slot), {"kind": SessionKind.PLENARY})

    rows = response.context["inline_admin_formsets"][0].formset.forms
    assert rows[0].non_field_errors() == [
        "Le créneau doit être une séance de type «\xa0Mini-conférences\xa0»."
    ]
    talk.slot.refresh_from_db()
    assert talk.slot.kind == SessionKind.MINI_CONFERENCES


MINI_CONFERENCES = reverse("admin:programme_miniconference_changelist")


def seat_columns(html):
    """Each row's title, seats taken, capacity and waiting, as the changelist shows them."""
    rows = re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>", 1)[1], re.S)
    cells = [re.findall(r'class="field-([a-z_]+)[^"]*">(?:<a [^>]*>)?([^<]*)', row) for row in rows]
    wanted = ["numbered_title", "seats_taken", "capacity_column", "seats_waiting"]
    return [[value for name, value in row if name in wanted] for row in cells]


@pytest.mark.parametrize("talks", [1, 3], ids=["one", "three"])
def test_mini_conference_list_shows_seats_taken_capacity_and_waiting(
    admin_client, django_assert_num_queries, talks
):
    slot = factories.SessionFactory(kind=SessionKind.MINI_CONFERENCES)
    for number in range(1, talks + 1):
        talk = factories.MiniConferenceFactory(
            slot=slot, number=number, title=f"Salle {number}", capacity=2
        )
        for status in ["confirmed", "confirmed", "waiting"][:number]:
            factories.SeatFactory(mini_conference=talk, status=status)

    # session, user; the slot and venue filters; the count, the total and the page with its
    # seats counted in the same query
    with django_assert_num_queries(7):
        response = admin_client.get(MINI_CONFERENCES)

    expected = [
        ["1. Salle 1", "1", "2", "0"],
        ["2. Salle 2", "2", "2", "0"],
        ["3. Salle 3", "2", "2", "1"],
    ]
    assert seat_columns(response.content.decode()) == expected[:talks]


# Columns as the admin numbers them: number and title, slot, venue, taken, capacity, waiting.
@pytest.mark.parametrize("column", [4, 6], ids=["taken", "waiting"])
def test_mini_conference_list_sorts_by_seats(admin_client, column):
    slot = factories.SessionFactory(kind=SessionKind.MINI_CONFERENCES)
    busy = factories.MiniConferenceFactory(slot=slot, number=1, title="Prise", capacity=1)
    factories.MiniConferenceFactory(slot=slot, number=2, title="Libre")
    factories.SeatFactory(mini_conference=busy)
    factories.SeatFactory(mini_conference=busy, status="waiting")

    response = admin_client.get(MINI_CONFERENCES, {"o": str(column)})

    # Fewest first: the reverse of the default order by number.
    assert [row[0] for row in seat_columns(response.content.decode())] == ["2. Libre", "1. Prise"]
