"""« Mon inscription » on a 360×800 phone: what now first, by a fixed clock (the live server runs
in this process, so patching the site's one clock reaches it); correcting one's details; the
waiting-list thank-you; a double tap on « Envoyer »."""

import datetime

import pytest
from playwright.sync_api import expect

from registrations.models import Registration
from tests.browser.public_pages import register_someone, sessions_of
from tests.browser.signup import fill_signup
from tests.personal_page import SECTIONS

PHONE_800 = {"width": 360, "height": 800}
ORDER = SECTIONS


@pytest.fixture
def phone(new_page):
    return new_page(viewport=PHONE_800, is_mobile=True, has_touch=True)


@pytest.fixture
def registration(edition):
    return register_someone(edition)


def moments(edition):
    first = sessions_of(edition).first()
    return {
        "before": first.start - datetime.timedelta(days=1),
        "during": first.start + datetime.timedelta(minutes=15),
    }


@pytest.mark.parametrize("when", ["before", "during"])
def test_the_personal_page_answers_what_now_first(
    phone, url, edition, registration, monkeypatch, when
):
    moment = moments(edition)[when]
    monkeypatch.setattr("programme.clock.now", lambda: moment)

    phone.goto(url("registrations:manage", registration.token))

    expect(phone.locator("main h2")).to_have_text(ORDER)
    step = phone.locator(".next-step")
    expect(step).to_contain_text("Demain à" if when == "before" else "En ce moment")
    box = step.bounding_box()
    assert box["y"] + box["height"] <= PHONE_800["height"], box  # Seen without scrolling.


def test_the_participant_corrects_their_details(phone, url, registration):
    phone.goto(url("registrations:manage", registration.token))

    phone.get_by_role("link", name="Corriger mes informations").click()
    phone.fill("#id_employer", "Ville de Tournus")
    phone.fill("#id_accessibility_needs", "Boucle magnétique")
    phone.get_by_role("button", name="Enregistrer mes informations").click()

    expect(phone.get_by_role("status").first).to_contain_text("Vos informations sont enregistrées")
    details = phone.locator("section[aria-labelledby=vous]")
    expect(details).to_contain_text("Ville de Tournus")
    expect(details).to_contain_text("Boucle magnétique")
    assert [(c.field, c.new) for c in registration.history.order_by("field")] == [
        ("accessibility_needs", "Boucle magnétique"),
        ("employer", "Ville de Tournus"),
    ]


def test_the_waiting_list_thank_you_says_so(phone, url, edition, registration, personal_link):
    full = registration.seat.mini_conference
    full.capacity = 1
    full.save()
    phone.goto(url("registrations:signup"))

    fill_signup(phone, mini_conference=full.number, waiting=True)
    phone.get_by_role("button", name="Envoyer mon inscription").click()

    expect(phone.locator("h1")).to_have_text("Merci pour votre inscription")
    expect(phone.locator("main")).to_contain_text(
        f"Vous avez demandé la liste d’attente de «\xa0{full}\xa0»"
    )
    phone.goto(personal_link())
    expect(phone.locator("section[aria-labelledby=mini-conference]")).to_contain_text(
        "1re position sur la liste d’attente"
    )


def test_the_same_sign_up_sent_from_two_tabs_registers_once(phone, url, edition):
    """Two sendings of one form by one browser (its two tabs: the same cookies). Chromium
    itself drops a double click's second submission; two at once over HTTP are in
    tests/registrations/test_concurrency.py (PostgreSQL)."""
    tabs = [phone, phone.context.new_page()]
    for tab in tabs:
        tab.goto(url("registrations:signup"))
        fill_signup(tab)

    for tab in tabs:
        tab.get_by_role("button", name="Envoyer mon inscription").click()
        tab.wait_for_load_state()

    first, second = (tab.locator("main").inner_text() for tab in tabs)
    assert first == second
    expect(tabs[1].locator("h1")).to_have_text("Merci pour votre inscription")
    assert Registration.objects.filter(email="camille.bernard@example.org").count() == 1
