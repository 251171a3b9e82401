import datetime
import re

import pytest
from django.urls import reverse

from tests import factories

NB = "\u00a0"
MONDAY = datetime.date(2030, 7, 8)
TUESDAY = datetime.date(2030, 7, 9)


@pytest.fixture
def edition(db):
    edition = factories.edition_with_half_days(
        start_date=MONDAY,
        end_date=TUESDAY,
        title="Université d'été de l'innovation",
        theme="Redéfinir les territoires",
        town="Cluny",
    )
    organiser = factories.OrganisationFactory(name="Centre national de la fonction publique")
    edition.partnerships.create(organisation=organiser, role="organiser")
    edition.partnerships.create(organisation=factories.OrganisationFactory(), role="partner")
    return edition


def certificate_url(registration):
    return reverse("registrations:certificate", kwargs={"token": registration.token})


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_certificate_lists_half_days_attended_and_total(edition, client):
    registration = factories.RegistrationFactory(
        edition=edition, first_name="Lucie", last_name="Aubrac", employer="Ville de Mâcon"
    )
    monday, tuesday = edition.days.all()
    factories.AttendanceFactory(registration=registration, day=monday, period="afternoon")
    factories.AttendanceFactory(registration=registration, day=tuesday, period="morning")

    response = client.get(certificate_url(registration))

    page = text(response.content.decode())
    assert response.status_code == 200
    assert "Attestation de présence" in page
    assert "Centre national de la fonction publique atteste que" in page
    assert "Lucie Aubrac" in page
    assert "Ville de Mâcon" in page
    assert "« Université d&#x27;été de l&#x27;innovation »" in page
    assert "« Redéfinir les territoires »" in page
    rows = re.findall(
        r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>",
        response.content.decode(),
    )
    assert rows == [
        ("lundi 8 juillet 2030", "Après-midi", f"14{NB}h{NB}30 – 18{NB}h{NB}30", f"4{NB}h"),
        ("mardi 9 juillet 2030", "Matin", f"9{NB}h – 12{NB}h{NB}30", f"3{NB}h{NB}30"),
    ]
    assert f'<td id="total">7{NB}h{NB}30</td>' in response.content.decode()
    assert "Fait à Cluny, le" in page


def test_certificate_links_the_a4_print_stylesheet(edition, client):
    registration = factories.RegistrationFactory(edition=edition)

    response = client.get(certificate_url(registration))

    assert (
        '<link rel="stylesheet" href="/static/css/print-sheets.css">' in response.content.decode()
    )


def test_certificate_without_presence_says_so(edition, client):
    registration = factories.RegistrationFactory(edition=edition)
    other = factories.RegistrationFactory(edition=edition)
    factories.AttendanceFactory(registration=other, day=edition.days.first(), period="afternoon")

    response = client.get(certificate_url(registration))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Aucune présence n'a encore été enregistrée" in html
    assert 'id="attended"' not in html


def test_certificate_escapes_markup(edition, client):
    registration = factories.RegistrationFactory(
        edition=edition, last_name="<script>alert(1)</script>", employer="<i>Mairie</i>"
    )
    factories.AttendanceFactory(
        registration=registration, day=edition.days.first(), period="afternoon"
    )

    html = client.get(certificate_url(registration)).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;i&gt;Mairie&lt;/i&gt;" in html


@pytest.mark.parametrize(
    "token", ["unknown-token", "x" * 43], ids=["short", "well-formed-but-unknown"]
)
def test_certificate_unknown_token_is_404(db, client, token):
    response = client.get(reverse("registrations:certificate", kwargs={"token": token}))

    assert response.status_code == 404
    assert "Recevoir à nouveau mon lien" in response.content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"anonymised_at": datetime.datetime(2031, 8, 1, tzinfo=datetime.UTC)},
        {"status": "cancelled"},
    ],
    ids=["anonymised", "cancelled"],
)
def test_certificate_of_a_stale_link_is_gone(edition, client, fields):
    registration = factories.RegistrationFactory(edition=edition, **fields)
    factories.AttendanceFactory(
        registration=registration, day=edition.days.first(), period="afternoon"
    )

    response = client.get(certificate_url(registration))

    assert response.status_code == 410
    assert 'id="attended"' not in response.content.decode()


def test_personal_page_links_to_the_certificate(edition, client):
    registration = factories.RegistrationFactory(edition=edition)

    response = client.get(registration.get_absolute_url())

    assert f'href="{certificate_url(registration)}"' in response.content.decode()
