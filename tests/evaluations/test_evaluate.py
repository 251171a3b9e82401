import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse

from evaluations import services
from evaluations.models import Answer, Question, Response
from programme.models import Session, SessionKind
from tests import factories
from tests.factories import paris


def url(registration):
    return reverse("evaluations:evaluate", kwargs={"token": registration.token})


def titles(registration):
    return [entry.item.title if entry.item else "event" for entry in services.entries(registration)]


def test_the_form_lists_exactly_the_sessions_the_person_was_expected_at(world):
    sessions = Session.objects.of_edition(world.edition)
    expected = [
        s.title
        for s in sessions.order_by("day__date", "start")
        if s.kind in SessionKind.for_everyone() and s.kind != SessionKind.MINI_CONFERENCES
    ]

    found = titles(world.registration)

    assert str(world.mine) in found and str(world.other) not in found
    assert set(found) == {*expected, str(world.mine), "event"}
    kinds = {
        entry.item.session.kind for entry in services.entries(world.registration) if entry.item
    }
    assert {SessionKind.PLENARY, SessionKind.CHALLENGE_STEP, SessionKind.LEARNING_TEAM} <= kinds
    assert not kinds & {SessionKind.MEAL, SessionKind.BREAK, SessionKind.WELCOME_COFFEE}


def test_a_place_on_the_waiting_list_is_not_evaluated(world):
    registration = factories.RegistrationFactory(edition=world.edition)
    factories.SeatFactory(registration=registration, mini_conference=world.mine, status="waiting")

    assert str(world.mine) not in titles(registration)


@pytest.mark.parametrize(("minutes_before_end", "is_open"), [(11, False), (10, True), (-60, True)])
def test_a_session_opens_ten_minutes_before_its_end(
    world, fixed_clock, minutes_before_end, is_open
):
    plenary = Session.objects.of_edition(world.edition).get(kind=SessionKind.PLENARY)
    fixed_clock(plenary.end - datetime.timedelta(minutes=minutes_before_end))

    page = services.overview(world.registration)

    assert (plenary.title in [e.item.title for e in page["open"] if e.item]) is is_open


def test_the_questionnaire_closes_days_after_the_event(world, fixed_clock, client, settings):
    settings.EVALUATION_CLOSES_DAYS_AFTER = 30
    last_minute = paris(world.edition.end_date + datetime.timedelta(days=30), 23, 59)

    fixed_clock(last_minute)
    still_open = services.overview(world.registration)
    fixed_clock(last_minute + datetime.timedelta(minutes=1))
    closed = services.overview(world.registration)
    page = client.get(url(world.registration))

    assert still_open["open"] and not still_open["closed"]
    assert closed["open"] == [] and closed["closed"]
    assert "L’évaluation est close." in page.content.decode()


def fill(world, entry_key, **answers):
    """POST data answering the first scale question of the entry with `value`."""
    questions = Question.objects.of_edition(world.edition)
    scope = questions.for_event() if entry_key == "event" else questions.for_sessions()
    scale = scope.filter(kind="scale").first()
    text = scope.filter(kind="text").first()
    data = {}
    if "value" in answers:
        data[f"{entry_key}-q{scale.pk}"] = str(answers["value"])
    if "text" in answers:
        data[f"{entry_key}-q{text.pk}"] = answers["text"]
    if answers.get("absent"):
        data[f"{entry_key}-absent"] = "on"
    return data


def test_the_participant_answers_a_session_once_and_its_fields_go(world, fixed_clock, client):
    fixed_clock(world.after_everything)
    plenary = Session.objects.of_edition(world.edition).get(kind=SessionKind.PLENARY)
    key = f"s{plenary.pk}"

    first = client.post(url(world.registration), fill(world, key, value=4, text="Bien"))
    again = client.post(url(world.registration), fill(world, key, value=1))
    page = client.get(url(world.registration)).content.decode()

    assert first.status_code == again.status_code == 302
    assert Response.objects.filter(registration=world.registration, session=plenary).count() == 1
    assert set(Answer.objects.filter(session=plenary).values_list("value", "text")) == {
        (None, "Bien"),
        (4, ""),
    }
    assert f'name="{key}-absent"' not in page
    assert "Déjà évaluées" in page


def test_blank_groups_stay_open_for_a_later_visit(world, fixed_clock, client):
    fixed_clock(world.after_everything)

    client.post(url(world.registration), fill(world, "event", value=3))

    assert list(Response.objects.values_list("session", flat=True)) == [None]
    assert len(services.overview(world.registration)["open"]) == len(titles(world.registration)) - 1


def test_je_n_y_etais_pas_records_the_session_without_any_answer(world, fixed_clock, client):
    fixed_clock(world.after_everything)
    slot = world.mine.slot

    client.post(url(world.registration), fill(world, f"s{slot.pk}", absent=True, value=2))

    assert Response.objects.get(session=slot).absent
    assert not Answer.objects.exists()


def test_the_database_refuses_a_second_response_for_one_session(world):
    plenary = Session.objects.of_edition(world.edition).get(kind=SessionKind.PLENARY)
    Response.objects.create(registration=world.registration, session=plenary)

    with pytest.raises(IntegrityError):
        Response.objects.create(registration=world.registration, session=plenary)


def test_an_answer_is_stored_with_nothing_that_leads_to_the_registration(
    world, fixed_clock, client
):
    fixed_clock(world.after_everything)
    client.post(url(world.registration), fill(world, "event", value=3, text="Très bien"))
    registration = world.registration

    fields = {field.name for field in Answer._meta.get_fields()}
    related = {f.related_model for f in Answer._meta.get_fields() if f.is_relation}
    rows = list(Answer.objects.values())
    stored = " ".join(str(value) for row in rows for value in row.values())

    assert fields == {"id", "question", "session", "mini_conference", "value", "text"}
    assert type(registration) not in related and Response not in related
    assert not any(
        f.get_internal_type() in {"DateTimeField", "DateField"}
        for f in Answer._meta.concrete_fields
    )
    for identifying in (
        registration.pk,
        registration.token,
        registration.email,
        registration.last_name,
    ):
        assert str(identifying) not in stored.split() and registration.token not in stored
    assert Answer._meta.pk.get_internal_type() == "UUIDField"


def test_the_personal_page_shows_what_is_open_and_what_is_done(world, fixed_clock, client):
    fixed_clock(world.after_everything)
    before = client.get(world.registration.get_absolute_url()).content.decode()
    client.post(url(world.registration), fill(world, "event", value=3))
    after = client.get(world.registration.get_absolute_url()).content.decode()

    count = len(titles(world.registration))
    assert f"{count} évaluations vous attendent." in before and url(world.registration) in before
    assert f"{count - 1} évaluations vous attendent. 1 faite." in after


def test_the_page_is_never_cached_and_a_wrong_link_is_a_404(world, client):
    response = client.get(url(world.registration))
    wrong = client.get(reverse("evaluations:evaluate", kwargs={"token": "x" * 43}))

    assert "no-store" in response["Cache-Control"]
    assert wrong.status_code == 404


def test_an_odd_value_is_answered_in_french_and_nothing_is_stored(world, fixed_clock, client):
    fixed_clock(world.after_everything)
    data = fill(world, "event", value=3)
    data = dict.fromkeys(data, "99")

    response = client.post(url(world.registration), data)

    assert response.status_code == 200
    assert "Le formulaire n’a pas été enregistré" in response.content.decode()
    assert not Response.objects.exists()


def test_the_page_is_in_english_for_an_english_visitor(world, fixed_clock, client):
    fixed_clock(world.after_everything)
    client.cookies["django_language"] = "en"

    page = client.get(url(world.registration), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "I was not there" in page and "Je n’y étais pas" not in page
