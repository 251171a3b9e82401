import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from registrations.admin import RegistrationAdmin
from registrations.resources import RegistrationResource
from tests import factories

EXPORT_URL = reverse("admin:registrations_registration_export")
FORMATS = {"csv": 0, "xlsx": 1}
HEADERS = [
    "nom",
    "prénom",
    "courriel",
    "employeur",
    "fonction",
    "catégorie",
    "cadre d’emplois",
    "profil",
    "pays",
    "mini-conférence",
    "statut de la place",
    "défi 1",
    "défi 2",
    "défi 3",
    "régime",
    "accessibilité",
    "statut",
    "inscrit·e le",
]


NB = "\u00a0"
# The full registration's meals: titles repeat from one day to the next, the headers name the day.
MEAL_HEADERS = [
    f"repas{NB}: lundi 8 juillet — Déjeuner",
    f"repas{NB}: lundi 8 juillet — Dîner",
    f"repas{NB}: mardi 9 juillet — Déjeuner",
]
MEALS_AT = HEADERS.index("régime")
FULL_HEADERS = [*HEADERS[:MEALS_AT], *MEAL_HEADERS, *HEADERS[MEALS_AT:]]


def export(client, file_format, **filters):
    """POST the admin's export form with every column ticked, as an organiser would."""
    fields = RegistrationResource().get_export_order()
    prefix = RegistrationResource.__name__.lower()
    data = {"format": FORMATS[file_format], "resource": 0}
    data.update({f"{prefix}_{name}": "on" for name in fields})
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return client.post(f"{EXPORT_URL}?{query}" if query else EXPORT_URL, data)


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [
        ["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)
    ]


@pytest.fixture
def full_registration(db):
    edition = factories.EditionFactory()
    registration = factories.RegistrationFactory(
        edition=edition,
        last_name="Dupont",
        first_name="Élise",
        email="elise@example.org",
        employer="Ville de Cluny",
        job_title="Directrice",
        civil_service_category="A",
        cadre_emplois="Attachés territoriaux",
        category="trainee",
        country="Belgique",
        dietary_needs="Végétarien",
        accessibility_needs="Boucle magnétique",
        created_at=datetime.datetime(2030, 3, 1, 8, 5, tzinfo=datetime.UTC),
    )
    seat = factories.SeatFactory(
        registration=registration,
        mini_conference__title="Innovation sociale",
        mini_conference__slot__day__edition=edition,
        status="waiting",
    )
    monday = seat.mini_conference.slot.day
    tuesday = factories.DayFactory(edition=edition, date=monday.date + datetime.timedelta(1))
    for day, hour, title, taken in [
        (tuesday, 12, "Déjeuner", True),
        (monday, 20, "Dîner", True),
        (monday, 12, "Déjeuner", False),
    ]:
        meal = factories.SessionFactory(
            day=day, kind="meal", title=title, start=factories.paris(day.date, hour)
        )
        if taken:
            registration.meals.add(meal)
    for rank, title in [(2, "Mobilités"), (1, "Démocratie"), (3, "Santé")]:
        factories.ChallengePreferenceFactory(
            registration=registration, rank=rank, challenge__title=title
        )
    return registration


EXPECTED_ROW = [
    "Dupont",
    "Élise",
    "elise@example.org",
    "Ville de Cluny",
    "Directrice",
    "A",
    "Attachés territoriaux",
    "Stagiaire",
    "Belgique",
    "Innovation sociale",
    "Liste d’attente",
    "Démocratie",
    "Mobilités",
    "Santé",
    "",
    "oui",
    "oui",
    "Végétarien",
    "Boucle magnétique",
    "Confirmée",
]


def test_csv_export_is_utf8_bom_semicolons_for_french_excel(admin_client, full_registration):
    response = export(admin_client, "csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="inscriptions-')
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert b";" in response.content.splitlines()[0]
    assert csv_rows(response) == [FULL_HEADERS, [*EXPECTED_ROW, "01/03/2030 09:05"]]


def test_xlsx_export_rows(admin_client, full_registration):
    response = export(admin_client, "xlsx")

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert xlsx_rows(response) == [
        FULL_HEADERS,
        [*EXPECTED_ROW, datetime.datetime(2030, 3, 1, 9, 5)],
    ]


def xlsx_sheet_names(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames


def test_xlsx_sheet_is_named_after_its_content(admin_client, full_registration):
    assert xlsx_sheet_names(export(admin_client, "xlsx")) == ["Inscriptions"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_in_english_names_meals_with_their_day_in_english(
    admin_client, full_registration, file_format
):
    admin_client.cookies["django_language"] = "en"

    response = export(admin_client, file_format)

    rows = csv_rows(response) if file_format == "csv" else xlsx_rows(response)
    meals = {name: value for name, value in zip(*rows, strict=True) if name.startswith("meal")}
    assert meals == {
        "meal: Monday 8 July — Déjeuner": "",
        "meal: Monday 8 July — Dîner": "yes",
        "meal: Tuesday 9 July — Déjeuner": "yes",
    }
    if file_format == "xlsx":
        assert xlsx_sheet_names(response) == ["Registrations"]


def test_export_has_the_meals_of_the_exported_editions_only(admin_client, full_registration):
    other = factories.RegistrationFactory(last_name="Ailleurs")
    other.meals.add(factories.SessionFactory(day__edition=other.edition, kind="meal"))

    response = export(admin_client, "csv", edition__id__exact=full_registration.edition_id)

    assert csv_rows(response)[0] == FULL_HEADERS


def test_export_page_reads_in_french(admin_client, db):
    html = admin_client.get(EXPORT_URL).content.decode()

    labels = re.findall(
        r'<label[^>]*for="id_registrationresource_[^"]*"[^>]*>([^<]*)</label>', html
    )
    assert labels[:3] == ["Nom", "Prénom", "Courriel"]
    assert "Repas (une colonne par repas)" in labels
    assert "Tout sélectionner" in html
    assert f"Colonnes du fichier{NB}:" in html
    assert [
        english for english in ["Select all", "Last Name", "First Name"] if english in html
    ] == []


def test_export_follows_changelist_filters(admin_client, db):
    edition = factories.EditionFactory()
    factories.RegistrationFactory(edition=edition, last_name="Gardée", category="speaker")
    factories.RegistrationFactory(edition=edition, last_name="Filtrée", category="trainee")

    response = export(admin_client, "csv", category__exact="speaker")

    assert [row[0] for row in csv_rows(response)] == ["nom", "Gardée"]


FORMULAE = ["=1+1", "+33 6 00 00 00 00", "-2+3", "@SUM(A1:A2)", "\t=cmd", "\r=cmd"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "value", FORMULAE, ids=["equals", "plus", "minus", "at", "tab", "carriage-return"]
)
def test_export_neutralises_formulae(admin_client, db, file_format, value):
    factories.RegistrationFactory(
        last_name=value, employer=value, dietary_needs=value, first_name="Ok"
    )

    response = export(admin_client, file_format)

    rows = csv_rows(response) if file_format == "csv" else xlsx_rows(response)
    row = dict(zip(HEADERS, rows[1], strict=True))
    expected = "'" + value
    if file_format == "xlsx":
        expected = expected.replace("\r", "\n")  # XML reads a lone CR back as LF
    assert [row["nom"], row["employeur"], row["régime"]] == [expected] * 3
    assert row["prénom"] == "Ok"


def test_xlsx_formula_cell_is_text_not_formula(admin_client, db):
    factories.RegistrationFactory(last_name='=HYPERLINK("http://x")')

    response = export(admin_client, "xlsx")

    cell = openpyxl.load_workbook(io.BytesIO(response.content)).active["A2"]
    assert cell.data_type == "s"
    assert cell.value == '\'=HYPERLINK("http://x")'


def test_export_action_on_selected_rows(admin_client, db):
    kept, _other = factories.RegistrationFactory.create_batch(2)
    changelist = reverse("admin:registrations_registration_changelist")

    response = admin_client.post(
        changelist, {"action": "export_admin_action", "_selected_action": [kept.pk]}
    )

    assert response.status_code == 200
    assert list(response.context["form"].initial["export_items"]) == [kept.pk]


@pytest.mark.parametrize("rows", [1, 5], ids=["one", "five"])
def test_export_query_count_is_constant(admin_client, django_assert_num_queries, db, rows):
    for registration in factories.RegistrationFactory.create_batch(rows):
        factories.SeatFactory(registration=registration)
        factories.ChallengePreferenceFactory(registration=registration)

    # session, user; editions, mini-conferences, meals and meal days for the changelist filters
    # the export honours; the meals' columns; count and page (seats joined); preferences,
    # challenges and meals prefetched
    with django_assert_num_queries(12):
        response = export(admin_client, "csv")

    assert len(csv_rows(response)) == rows + 1


def test_admin_offers_only_the_two_formats():
    assert [f().get_title() for f in RegistrationAdmin.export_formats] == ["csv (Excel)", "xlsx"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_leaves_out_control_characters_stored_in_the_database(admin_client, db, file_format):
    # Typed before the forms stripped them, or put in by other means: openpyxl would raise
    # IllegalCharacterError on the form feed, and no organiser would get any export.
    factories.RegistrationFactory(
        last_name="Du\x0cpont",
        first_name="\x0b=1+1",
        employer="Ville\x02 de Cluny",
        job_title="\x1b\x7f\x85\x9f\ufffe",
        dietary_needs="Sans gluten\x07\nni lactose\t!",
    )

    response = export(admin_client, file_format)

    rows = csv_rows(response) if file_format == "csv" else xlsx_rows(response)
    row = dict(zip(HEADERS, rows[1], strict=True))
    assert [row[name] for name in ("nom", "prénom", "employeur", "fonction", "régime")] == [
        "Dupont",
        "'=1+1",
        "Ville de Cluny",
        "",
        "Sans gluten\nni lactose\t!",
    ]
