"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

The browser is never downloaded (`playwright install` cannot reach its hosts here): the tests
launch the Chromium that `apt-get install chromium` puts in /usr/bin.
"""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import sync_playwright

from tests.browser.public_pages import Visit, propose, register_someone

# Playwright's sync API keeps an event loop running in the test's thread, and Django then
# refuses ORM calls from it (SynchronousOnlyOperation). The tests never await anything: the
# calls are synchronous in fact, which is what this switch tells Django. Set for the whole
# session: the session-wide browser keeps its loop running for the tests that come after.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (CI runs as root), and no traffic beyond the live server: no updates, no sync.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = (
    f"Chromium est introuvable ({CHROMIUM}) : installez-le avec « apt-get install chromium » "
    "(Debian, Ubuntu) pour lancer les tests dans un navigateur."
)
TIMEOUT_MS = 15_000
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


def require_chromium(path=CHROMIUM, environ=os.environ):
    """Skip the browser tests where Chromium is missing, except under CI, where they fail."""
    if path.exists():
        return
    # A developer without Chromium still runs the rest of the suite; CI must not hide it.
    if environ.get("CI", "").lower() == "true":
        pytest.fail(MISSING_CHROMIUM, pytrace=False)
    pytest.skip(MISSING_CHROMIUM)


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh context (own cookies); keyword arguments go to the context."""
    contexts = []

    def open_page(**options):
        defaults = {
            "locale": "fr-FR",
            "viewport": DESKTOP,
            "timezone_id": "Europe/Paris",
            # The offline worker precaches pages in the background, racing the test's own
            # requests on the live server's shared SQLite connection, and the site must work
            # without it; its own tests allow it (test_offline.py).
            "service_workers": "block",
        }
        context = browser.new_context(**{**defaults, **options})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def url(live_server):
    """The live server's absolute address of a named URL."""

    def absolute(name, *args, **kwargs):
        return live_server.url + reverse(name, args=args or None, kwargs=kwargs or None)

    return absolute


@pytest.fixture
def edition(transactional_db, live_server):
    """The shipped 2017 programme, loaded in the test since the live server's database is
    flushed after each test, with registration open and a contact address."""
    call_command("load_programme", verbosity=0)
    from programme.models import Edition

    edition = Edition.objects.current()
    now = timezone.now()
    edition.registration_opens_at = now - datetime.timedelta(days=1)
    edition.registration_closes_at = now + datetime.timedelta(days=30)
    edition.contact_email = "contact@example.org"
    edition.save()
    return edition


@pytest.fixture
def personal_link(live_server):
    """The path of the personal page sent in the last email, on the live server."""

    def last_link():
        assert mail.outbox, "Aucun courriel envoyé."
        found = re.search(r"https?://\S+?(/inscription/[\w-]{20,}/)", mail.outbox[-1].body)
        assert found, mail.outbox[-1].body
        return live_server.url + found.group(1)

    return last_link


@pytest.fixture
def visit(page, url, edition, monkeypatch):
    """A visitor's page, with a registration and a proposal whose private pages it can open."""
    return Visit(
        page=page,
        url=url,
        edition=edition,
        registration=register_someone(edition),
        proposal=propose(edition),
        monkeypatch=monkeypatch,
    )
