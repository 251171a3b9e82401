import datetime
import html as html_module
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests import factories

NB = "\u00a0"
MONDAY = datetime.date(2030, 7, 8)
TUESDAY = datetime.date(2030, 7, 9)


@pytest.fixture
def edition(db):
    return factories.edition_with_half_days(
        start_date=MONDAY, end_date=TUESDAY, title="Université d’été de l’innovation"
    )


@pytest.fixture
def staff_client(client, db):
    client.force_login(factories.OrganiserFactory())
    return client


@pytest.fixture
def mini_conference(edition):
    slot = edition.days.get(date=TUESDAY).sessions.get(kind="mini_conferences")
    return factories.MiniConferenceFactory(slot=slot, number=4, title="Innovation sociale")


def text(html):
    """The page's text, tags and spaces collapsed, entities decoded."""
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def rows(html):
    """The cells of each body row of the sheet's table, tags stripped."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_index_lists_half_days_and_mini_conferences(edition, mini_conference, staff_client):
    response = staff_client.get(reverse("registrations-staff:sheet-index"))

    links = re.findall(r'href="(/organisation/emargement/[^"]+)"', response.content.decode())
    assert links == [
        "/organisation/emargement/2030-07-08/apres-midi/",
        "/organisation/emargement/2030-07-09/matin/",
        "/organisation/emargement/2030-07-09/apres-midi/",
        f"/organisation/emargement/mini-conference/{mini_conference.pk}/",
    ]


def test_half_day_sheet_contents(edition, staff_client):
    factories.RegistrationFactory(edition=edition, last_name="Zola", first_name="Émile")
    factories.RegistrationFactory(
        edition=edition, last_name="Aubrac", first_name="Lucie", employer="Ville de Mâcon"
    )
    factories.RegistrationFactory(edition=edition, last_name="Martin", status="cancelled")
    factories.RegistrationFactory(last_name="Autre-Édition")

    response = staff_client.get(
        reverse("registrations-staff:sheet-half-day", args=[TUESDAY, "matin"])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Université d’été de l’innovation</h1>" in html
    assert f"Mardi 9 juillet 2030, 9{NB}h – 12{NB}h{NB}30" in html
    assert rows(html) == [
        ["1", "Aubrac", "Lucie", "Ville de Mâcon", ""],
        ["2", "Zola", "Émile", "Communauté de communes du Clunisois", ""],
    ]
    assert '<th scope="col" class="signature">Signature</th>' in html
    assert 'class="trainer-box"' in html
    assert "Formatrice ou formateur, animatrice ou animateur" in html


def test_sheet_links_the_a4_print_stylesheet(edition, staff_client):
    response = staff_client.get(
        reverse("registrations-staff:sheet-half-day", args=[MONDAY, "apres-midi"])
    )

    assert (
        '<link rel="stylesheet" href="/static/css/print-sheets.css">' in response.content.decode()
    )


def test_print_stylesheet_flows_onto_a4_pages():
    from django.contrib.staticfiles import finders

    with open(finders.find("css/print-sheets.css"), encoding="utf-8") as stream:
        css = re.sub(r"\s+", " ", stream.read())

    assert "@page { size: A4;" in css
    assert "thead { display: table-header-group; }" in css
    assert "tr { break-inside: avoid;" in css


def test_mini_conference_sheet_lists_confirmed_seats_only(edition, mini_conference, staff_client):
    factories.SeatFactory(
        mini_conference=mini_conference,
        registration__edition=edition,
        registration__last_name="Seated",
        registration__employer="Région",
    )
    factories.SeatFactory(
        mini_conference=mini_conference,
        status="waiting",
        registration__edition=edition,
        registration__last_name="Waiting",
    )
    factories.RegistrationFactory(edition=edition, last_name="Elsewhere")

    response = staff_client.get(
        reverse("registrations-staff:sheet-mini-conference", args=[mini_conference.pk])
    )

    html = response.content.decode()
    assert [row[1] for row in rows(html)] == ["Seated"]
    assert "Mini-conférence 4\xa0: Innovation sociale" in html
    assert f"Mardi 9 juillet 2030, 11{NB}h{NB}30 – 12{NB}h{NB}30" in html


def test_sheet_escapes_markup(edition, staff_client):
    factories.RegistrationFactory(edition=edition, last_name="<script>alert(1)</script>")

    response = staff_client.get(
        reverse("registrations-staff:sheet-half-day", args=[MONDAY, "apres-midi"])
    )

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "path",
    [
        "2030-07-08/matin/",
        "2030-07-08/nuit/",
        "2031-07-08/matin/",
        "2030-13-01/matin/",
        "mini-conference/999999/",
    ],
    ids=["no-training-then", "unknown-period", "other-date", "impossible-date", "unknown-mc"],
)
def test_unknown_sheet_is_the_site_404(edition, staff_client, path):
    response = staff_client.get(f"/organisation/emargement/{path}")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_mini_conference_of_another_edition_is_404(edition, staff_client):
    other = factories.MiniConferenceFactory(slot__day__edition__is_published=False)

    response = staff_client.get(
        reverse("registrations-staff:sheet-mini-conference", args=[other.pk])
    )

    assert response.status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "not-staff"])
def test_sheets_are_staff_only(edition, client, who):
    factories.RegistrationFactory(edition=edition, last_name="Confidentiel")
    if who == "not-staff":
        client.force_login(get_user_model().objects.create_user("someone", password="x"))

    response = client.get(
        reverse("registrations-staff:sheet-half-day", args=[MONDAY, "apres-midi"])
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "Confidentiel" not in response.content.decode()


def blank_rows(html):
    return re.findall(r'<tr class="sheet-blank">\s*<td class="sheet-number">(\d+)</td>', html)


def half_day_sheet(staff_client, query=""):
    url = reverse("registrations-staff:sheet-half-day", args=[TUESDAY, "matin"])
    return staff_client.get(url + query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("", ["2", "3", "4", "5", "6"]), ("?lignes=2", ["2", "3"]), ("?lignes=0", [])],
    ids=["five-by-default", "chosen", "none"],
)
def test_sheet_ends_with_numbered_blank_rows_for_walk_ins(edition, staff_client, query, expected):
    factories.RegistrationFactory(edition=edition, last_name="Aubrac")

    html = half_day_sheet(staff_client, query).content.decode()

    assert [row[1] for row in rows(html)] == ["Aubrac"]
    assert blank_rows(html) == expected
    assert 'name="lignes"' in html


def test_blank_rows_default_is_a_setting(edition, staff_client, settings):
    settings.SIGNIN_SHEET_BLANK_ROWS = 8

    html = half_day_sheet(staff_client).content.decode()

    assert len(blank_rows(html)) == 8
    assert "8 lignes libres pour les personnes venues sans inscription" in text(html)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("abc", "Indiquez un nombre entier de lignes."),
        ("²", "Indiquez un nombre entier de lignes."),
        ("-1", "Le nombre de lignes ne peut pas être négatif."),
        ("100000", "Pas plus de 60 lignes vides par feuille."),
    ],
    ids=["letters", "superscript", "negative", "too-many"],
)
def test_a_wrong_number_of_blank_rows_is_said_and_the_default_used(
    edition, staff_client, value, error
):
    response = half_day_sheet(staff_client, f"?lignes={value}")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<p class="invalid-feedback d-block" id="rows-error">{error}</p>' in html.replace(
        "&#x27;", "'"
    )
    assert 'aria-describedby="rows-error"' in html
    assert len(blank_rows(html)) == 5
