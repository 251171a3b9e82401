"""What participants and organisers do on the site, in a browser, with and without JavaScript."""

from urllib.parse import urljoin

import pytest
from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import expect

from programme.models import MiniConference, Session, SessionKind
from registrations.models import Registration, Seat
from tests.browser.public_pages import register_someone, shown
from tests.browser.signup import fill_signup

JAVASCRIPT = pytest.mark.parametrize(
    "javascript", [True, False], ids=["javascript", "without-javascript"]
)


def mini_conference(edition, number):
    return MiniConference.objects.of_edition(edition).get(number=number)


def plenary(edition):
    return Session.objects.of_edition(edition).filter(kind=SessionKind.PLENARY).first()


def personal_section(page, heading_id):
    return page.locator(f"section[aria-labelledby='{heading_id}']")


def test_site_stylesheets_load_from_the_live_server(page, url, edition):
    page.goto(url("programme:home"))

    for href in page.eval_on_selector_all(
        "link[rel=stylesheet]", "links => links.map(l => l.href)"
    ):
        response = page.request.get(href)
        assert (response.status, response.headers["content-type"]) == (200, "text/css")
    header = page.locator(".site-header")
    expect(header).to_have_css("background-color", "rgb(122, 46, 14)")


@JAVASCRIPT
def test_participant_goes_from_home_to_a_session_and_its_calendar_file(
    new_page, url, edition, javascript
):
    page = new_page(java_script_enabled=javascript)
    session = plenary(edition)
    page.goto(url("programme:home"))

    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Programme", exact=True
    ).click()
    expect(page.locator("h1")).to_have_text("Programme")
    page.get_by_role("link", name=shown(session.title), exact=True).first.click()
    expect(page.locator("h1")).to_have_text(shown(session.title))
    href = page.get_by_role("link", name="Ajouter à mon agenda").get_attribute("href")
    response = page.request.get(urljoin(page.url, href))

    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = response.text().replace("\r\n ", "")  # RFC 5545 unfolding
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert f"SUMMARY:{session.title}" in calendar


@JAVASCRIPT
def test_participant_signs_up_changes_mini_conference_and_cancels(
    new_page, url, edition, personal_link, javascript
):
    page = new_page(java_script_enabled=javascript)
    page.goto(url("registrations:signup"))

    fill_signup(page, mini_conference=1)
    page.get_by_role("button", name="Envoyer mon inscription").click()
    expect(page.locator("h1")).to_have_text("Merci pour votre inscription")
    expect(page.get_by_role("status")).to_contain_text("camille.bernard@example.org")

    page.goto(personal_link())
    expect(page.locator("h1")).to_have_text("Mon inscription")
    seat = personal_section(page, "mini-conference")
    expect(seat).to_contain_text(str(mini_conference(edition, 1)))
    expect(seat).to_contain_text("place confirmée")

    page.get_by_role("link", name="Modifier mes choix").click()
    page.get_by_label("Mini-conférence 2\xa0:").check()
    page.get_by_role("button", name="Enregistrer mes choix").click()
    expect(page.get_by_role("status")).to_have_text("Vos choix sont enregistrés.")
    expect(seat).to_contain_text(str(mini_conference(edition, 2)))

    page.get_by_role("link", name="Annuler mon inscription").click()
    page.get_by_role("button", name="Confirmer l’annulation").click()
    expect(page.locator("h1")).to_have_text("Votre inscription est annulée")
    registration = Registration.objects.get(email="camille.bernard@example.org")
    assert registration.status == Registration.Status.CANCELLED
    assert not Seat.objects.filter(registration=registration).exists()


@JAVASCRIPT
def test_participant_joins_the_waiting_list_of_a_full_mini_conference(
    new_page, url, edition, personal_link, javascript
):
    full = mini_conference(edition, 1)
    full.capacity = 1
    full.save()
    register_someone(edition)  # takes the only seat
    page = new_page(java_script_enabled=javascript)
    page.goto(url("registrations:signup"))

    fill_signup(page, mini_conference=1)
    page.get_by_role("button", name="Envoyer mon inscription").click()
    expect(page.locator("#erreurs")).to_contain_text("Votre mini-conférence")
    page.check("#id_join_waiting_list")
    page.check("#id_consent")
    page.get_by_role("button", name="Envoyer mon inscription").click()
    expect(page.locator("h1")).to_have_text("Merci pour votre inscription")

    page.goto(personal_link())
    seat = personal_section(page, "mini-conference")
    expect(seat).to_contain_text("liste d’attente")
    expect(seat).to_contain_text("1re position sur la liste d’attente")


@pytest.fixture
def organiser(edition):
    """A staff member of the organisers' group, which may edit the programme."""
    group, _ = Group.objects.get_or_create(name="Organisateur·rice")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="programme"))
    user = User.objects.create_user(
        "claire@example.org", password="Cluny-2017-abbaye", is_staff=True
    )
    user.groups.add(group)
    return user


@JAVASCRIPT
def test_organiser_edits_a_session_title_seen_on_the_agenda(
    new_page, url, edition, organiser, javascript
):
    session = plenary(edition)
    page = new_page(java_script_enabled=javascript)
    page.goto(url("programme:agenda"))  # cached before the edit, to prove the cache hears it
    page.goto(url("admin:index"))

    page.fill("#id_username", "claire@example.org")
    page.fill("#id_password", "Cluny-2017-abbaye")
    page.locator("input[type=submit]").click()
    page.get_by_role("link", name="Séances", exact=True).first.click()
    page.get_by_role("link", name=session.title, exact=True).first.click()
    page.fill("#id_title", "Plénière d’ouverture, nouveau titre")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Plénière d’ouverture, nouveau titre")
    page.goto(url("programme:agenda"))

    new_title = shown("Plénière d’ouverture, nouveau titre")
    expect(page.get_by_role("link", name=new_title)).to_be_visible()
    expect(page.get_by_role("link", name=shown(session.title), exact=True)).to_have_count(0)
