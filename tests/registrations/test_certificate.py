import base64
import datetime
import re

import pytest
from django.urls import reverse

from tests import factories

NB = "\u00a0"
# The first bytes of a PNG file, which is all the site looks at to accept one.
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
MONDAY = datetime.date(2030, 7, 8)
TUESDAY = datetime.date(2030, 7, 9)


@pytest.fixture
def edition(db):
    edition = factories.edition_with_half_days(
        start_date=MONDAY,
        end_date=TUESDAY,
        title="Université d’été de l’innovation",
        theme="Redéfinir les territoires",
        town="Cluny",
        signatory_name="Camille Martin",
        signatory_title="Directrice de l’innovation",
    )
    organiser = factories.OrganisationFactory(
        name="Centre national de la fonction publique territoriale",
        name_with_article="le Centre national de la fonction publique territoriale",
    )
    edition.partnerships.create(organisation=organiser, role="organiser")
    edition.partnerships.create(organisation=factories.OrganisationFactory(), role="partner")
    return edition


def certificate_url(registration):
    return reverse("registrations:certificate", kwargs={"token": registration.token})


def text(html):
    # Only ASCII spaces collapse: the non-breaking ones the French text needs are kept.
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def test_certificate_lists_half_days_attended_and_total(edition, client, fixed_clock):
    fixed_clock(datetime.datetime(2030, 7, 9, 17, 0, tzinfo=datetime.UTC))
    registration = factories.RegistrationFactory(
        edition=edition,
        first_name="Lucie",
        last_name="Aubrac",
        employer="Ville de Mâcon",
        job_title="Cheffe de projet",
    )
    monday, tuesday = edition.days.all()
    factories.AttendanceFactory(registration=registration, day=monday, period="afternoon")
    factories.AttendanceFactory(registration=registration, day=tuesday, period="morning")

    response = client.get(certificate_url(registration))

    page = text(response.content.decode())
    assert response.status_code == 200
    assert "Attestation de présence" in page
    assert (
        "Le Centre national de la fonction publique territoriale atteste que Lucie Aubrac" in page
    )
    assert f"Fonction{NB}: Cheffe de projet Employeur{NB}: Ville de Mâcon" in page
    assert (
        f"a participé à la formation «{NB}Université d’été de l’innovation{NB}» "
        f"(thème{NB}: «{NB}Redéfinir les territoires{NB}»), à Cluny, "
        f"du lundi 8 juillet 2030 au mardi 9 juillet 2030, pendant les demi-journées suivantes{NB}:"
    ) in page
    rows = re.findall(
        r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td[^>]*>(.*?)</td>",
        response.content.decode(),
    )
    assert rows == [
        ("lundi 8 juillet 2030", "Après-midi", f"14{NB}h{NB}30 – 18{NB}h{NB}30", f"4{NB}h"),
        ("mardi 9 juillet 2030", "Matin", f"9{NB}h – 12{NB}h{NB}30", f"3{NB}h{NB}30"),
    ]
    assert f'<td id="total" class="number">7{NB}h{NB}30</td>' in response.content.decode()
    assert "Fait à Cluny, le mardi 9 juillet 2030. Directrice de l’innovation" in page
    assert "Directrice de l’innovation Camille Martin Pour obtenir un document A4" in page
    assert 'class="certificate-signature-line"' in response.content.decode()
    assert 'id="mini-conference"' not in response.content.decode()


def test_certificate_names_the_mini_conference_attended(edition, client):
    slot = edition.days.get(date=TUESDAY).sessions.get(kind="mini_conferences")
    seat = factories.SeatFactory(
        registration__edition=edition,
        mini_conference__slot=slot,
        mini_conference__title="Budgets participatifs",
        attended=True,
    )
    factories.AttendanceFactory(registration=seat.registration, day=slot.day, period="morning")

    page = text(client.get(certificate_url(seat.registration)).content.decode())

    assert (
        f"Mini-conférence suivie{NB}: «{NB}Budgets participatifs{NB}», mardi 9 juillet 2030, "
        f"11{NB}h{NB}30 – 12{NB}h{NB}30 (comprise dans les horaires ci-dessus)."
    ) in page


def test_certificate_prints_the_signature_image(edition, client):
    edition.signature = PNG
    edition.save()
    registration = factories.RegistrationFactory(edition=edition)
    factories.AttendanceFactory(
        registration=registration, day=edition.days.first(), period="afternoon"
    )

    html = client.get(certificate_url(registration)).content.decode()

    uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert (
        f'<img class="certificate-signature-image" src="{uri}" alt="Signature de Camille Martin">'
        in html
    )
    assert "certificate-signature-line" not in html


def test_certificate_without_signatory_leaves_a_line_to_sign(edition, client):
    edition.signatory_name = edition.signatory_title = ""
    edition.save()
    registration = factories.RegistrationFactory(edition=edition)
    factories.AttendanceFactory(
        registration=registration, day=edition.days.first(), period="afternoon"
    )

    html = client.get(certificate_url(registration)).content.decode()

    assert "Pour le Centre national de la fonction publique territoriale" in text(html)
    assert 'class="certificate-signature-line"' in html


@pytest.mark.parametrize(
    ("organisers", "expected"),
    [
        ([("CNFPT", "")], "CNFPT atteste que"),
        (
            [("CNFPT", "le CNFPT"), ("Région", "la Région Bourgogne-Franche-Comté")],
            "Le CNFPT et la Région Bourgogne-Franche-Comté attestent que",
        ),
    ],
    ids=["no-article", "two-organisers"],
)
def test_certificate_says_who_attests(edition, client, organisers, expected):
    edition.partnerships.all().delete()
    for name, with_article in organisers:
        organisation = factories.OrganisationFactory(name=name, name_with_article=with_article)
        edition.partnerships.create(organisation=organisation, role="organiser")
    registration = factories.RegistrationFactory(edition=edition)
    factories.AttendanceFactory(
        registration=registration, day=edition.days.first(), period="afternoon"
    )

    assert expected in text(client.get(certificate_url(registration)).content.decode())


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
    assert "Aucune présence n’a encore été enregistrée" in html
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


def test_the_2017_attestation_begins_with_the_organiser_and_its_article(programme, client):
    registration = factories.RegistrationFactory(edition=programme)
    monday = programme.days.order_by("date").first()
    factories.AttendanceFactory(registration=registration, day=monday, period="afternoon")

    html = client.get(certificate_url(registration)).content.decode()

    assert "Le Centre national de la fonction publique territoriale atteste que" in text(html)
    assert f"13{NB}h – 19{NB}h{NB}30" in html
    assert 'class="certificate-signature-line"' in html
