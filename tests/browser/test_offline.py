"""Offline on site: once visited, the agenda, a day, a session and a venue stay readable
without network, and the page says when its copy is older than the last published change."""

import pytest

from programme.models import Session


@pytest.fixture
def page(new_page):
    # The other browser tests block the service worker; these are about it.
    return new_page(service_workers="allow")


def install_worker(page, address):
    page.goto(address)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    # The first visit installs the worker; from the next one on, it sees every request.
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def test_visited_pages_stay_readable_offline(page, edition, url, live_server):
    session = Session.objects.of_edition(edition).order_by("start").first()
    install_worker(page, url("programme:agenda"))
    visited = [
        url("programme:agenda"),
        live_server.url + session.day.get_absolute_url(),
        live_server.url + session.get_absolute_url(),
        live_server.url + session.venue.get_absolute_url(),
    ]
    headings = []
    for address in visited:
        page.goto(address)
        headings.append(page.locator("h1").inner_text())

    page.context.set_offline(True)

    for address, heading in zip(visited, headings, strict=True):
        page.goto(address)
        assert page.locator("h1").inner_text() == heading
    status = page.locator("#offline-status")
    status.wait_for(state="visible")
    assert "hors ligne" in status.inner_text()


def test_an_offline_copy_older_than_the_last_change_says_so(page, edition, url):
    install_worker(page, url("programme:agenda"))
    page.goto(url("programme:agenda"))
    session = Session.objects.of_edition(edition).order_by("start").first()
    session.title = "Séance déplacée"
    session.save()
    page.goto(url("programme:venue-list"))  # online: the worker learns of the newer programme

    page.context.set_offline(True)
    page.goto(url("programme:agenda"))

    status = page.locator("#offline-status")
    status.wait_for(state="visible")
    assert "plus ancienne que la dernière modification" in status.inner_text()
    assert "Séance déplacée" not in page.content()


def test_an_unvisited_page_offline_says_it_is_not_saved_and_links_the_saved_ones(
    page, edition, url, live_server
):
    session = Session.objects.of_edition(edition).exclude(venue=None).order_by("start").first()
    install_worker(page, url("programme:agenda"))
    page.goto(live_server.url + session.venue.get_absolute_url())
    venue_heading = page.locator("h1").inner_text()
    venue_title = page.title()  # the offline page names each saved page by its <title>

    page.context.set_offline(True)
    page.goto(live_server.url + session.get_absolute_url())  # never opened on this device

    assert page.locator("h1").inner_text() == "Cette page n’est pas enregistrée sur cet appareil"
    saved = page.locator("#saved-pages a")
    saved.filter(has_text=venue_title).wait_for()
    assert saved.first.get_attribute("href") == "/programme/"
    assert session.title not in page.content()
    assert page.locator("#offline-status").is_hidden()  # no « last copy saved » here
    saved.filter(has_text=venue_title).click()
    assert page.locator("h1").inner_text() == venue_heading
