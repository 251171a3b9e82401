import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests import factories

URL = "/organisation/tableau-de-bord/"
NB = "\u00a0"


@pytest.fixture
def staff_client(client, db):
    client.force_login(factories.OrganiserFactory())
    return client


def table_rows(html, table_id):
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    body = re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)
        ]
        for r in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def meal_rows(html):
    """The meals table's rows, every day's group (one <tbody> each), cells as text."""
    table = re.search(r'<table[^>]*id="meals".*?</table>', html, re.S).group(0)
    return [
        [
            re.sub(r"[ \n]+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for body in re.findall(r"<tbody>(.*?)</tbody>", table, re.S)
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def build(edition, *, extra=0):
    """Two mini-conferences (capacity 2 and 5), a lunch and a dinner, and registrations."""
    slot = factories.SessionFactory(day__edition=edition, kind="mini_conferences")
    full = factories.MiniConferenceFactory(slot=slot, number=1, title="Pleine", capacity=2)
    roomy = factories.MiniConferenceFactory(slot=slot, number=2, title="Large", capacity=5)
    lunch = factories.SessionFactory(day=slot.day, kind="meal", title="Déjeuner")
    dinner = factories.SessionFactory(
        day=slot.day, kind="meal", title="Dîner", start=factories.paris(slot.day.date, 20)
    )
    seat = factories.SeatFactory
    for status in ["confirmed", "confirmed", "waiting", "waiting"]:
        seat(mini_conference=full, status=status, registration__edition=edition)
    seat(mini_conference=roomy, registration__edition=edition, registration__category="speaker")
    seat(mini_conference=roomy, registration__edition=edition, registration__status="cancelled")
    for registration in edition.registrations.filter(status="confirmed"):
        registration.meals.add(lunch)
    edition.registrations.filter(status="cancelled").get().meals.add(lunch, dinner)
    factories.RegistrationFactory(
        edition=edition,
        first_name="Ana",
        last_name="Vegan",
        dietary_needs="Végétalien",
        accessibility_needs="Fauteuil",
    )
    factories.RegistrationFactory.create_batch(extra, edition=edition, dietary_needs="Sans sel")
    return full, roomy


def test_dashboard_figures(staff_client):
    edition = factories.EditionFactory()
    full, roomy = build(edition)

    response = staff_client.get(URL)

    html = response.content.decode()
    assert table_rows(html, "mini-conferences") == [
        ["1. Pleine", "2", "2", "0", "2"],
        ["2. Large", "1", "5", "4", "0"],
    ]
    assert [row[-1] for row in meal_rows(html)] == ["5", "0", "5"]
    assert table_rows(html, "categories") == [
        ["Intervenante ou intervenant", "1"],
        ["Stagiaire", "5"],
    ]
    assert re.search(r"<dt>Ana Vegan</dt>\s*<dd>Végétalien</dd>", html)
    assert re.search(r'id="accessibility-needs">\s*<dt>Ana Vegan</dt>\s*<dd>Fauteuil</dd>', html)


def test_dashboard_counts_meals_day_by_day(staff_client):
    edition = factories.EditionFactory()
    monday = factories.DayFactory(edition=edition)
    tuesday = factories.DayFactory(edition=edition, date=monday.date + datetime.timedelta(1))
    meals = [
        factories.SessionFactory(
            day=day, kind="meal", title=title, start=factories.paris(day.date, hour), end=None
        )
        for day, hour, title in [
            (monday, 19, "Cocktail dînatoire"),
            (tuesday, 12, "Cocktail déjeunatoire"),
            (tuesday, 20, "Cocktail dînatoire"),
        ]
    ]
    for taken in [meals, meals[1:], meals[:1]]:
        factories.RegistrationFactory(edition=edition).meals.set(taken)
    factories.RegistrationFactory(edition=edition, status="cancelled").meals.set(meals)

    html = staff_client.get(URL).content.decode()

    assert meal_rows(html) == [
        ["Lundi 8 juillet", f"À partir de 19{NB}h", "Cocktail dînatoire", "2"],
        ["Mardi 9 juillet", f"À partir de 12{NB}h", "Cocktail déjeunatoire", "2"],
        [f"À partir de 20{NB}h", "Cocktail dînatoire", "2"],
        ["Total du mardi 9 juillet", "4"],
    ]
    assert 'scope="rowgroup" rowspan="3">Mardi 9 juillet' in html


def test_dashboard_escapes_needs(staff_client):
    edition = factories.EditionFactory()
    factories.RegistrationFactory(edition=edition, dietary_needs="<b>gras</b>")

    html = staff_client.get(URL).content.decode()

    assert "&lt;b&gt;gras&lt;/b&gt;" in html
    assert "<b>gras</b>" not in html


@pytest.mark.parametrize("extra", [1, 6], ids=["few", "more"])
def test_dashboard_query_count_is_constant(staff_client, django_assert_num_queries, extra):
    build(factories.EditionFactory(), extra=extra)

    # session, user, the user's and the group's permissions, edition, mini-conferences, meals,
    # categories, dietary and accessibility needs, sign-ups per day
    with django_assert_num_queries(11):
        response = staff_client.get(URL)

    assert response.status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "not-staff"])
def test_dashboard_shows_no_data_to_others(client, db, who):
    edition = factories.EditionFactory()
    build(edition)
    if who == "not-staff":
        client.force_login(get_user_model().objects.create_user("someone", password="x"))

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={URL}"
    assert "Vegan" not in response.content.decode()
