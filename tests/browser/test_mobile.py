"""The agenda, the forms and the personal pages on a 360 px wide phone: no sideways scrolling."""

import pytest

from tests.browser.conftest import PHONE
from tests.browser.public_pages import PAGES, Visit, propose, register_someone

ON_THE_PHONE = [
    "agenda",
    "day",
    "session-mini-conferences",
    "challenges",
    "challenge",
    "signup",
    "signup-errors",
    "personal-page",
    "personal-page-during-the-event",
    "correct",
    "correct-errors",
    "change",
    "change-errors",
    "personal-agenda",
    "evaluation",
    "proposal-form",
]


@pytest.fixture
def phone(new_page, url, edition, monkeypatch):
    return Visit(
        page=new_page(viewport=PHONE, is_mobile=True, has_touch=True),
        url=url,
        edition=edition,
        registration=register_someone(edition),
        proposal=propose(edition),
        monkeypatch=monkeypatch,
    )


@pytest.mark.parametrize("kind", ON_THE_PHONE)
def test_page_fits_a_360_px_screen(phone, kind):
    PAGES[kind](phone)

    assert phone.page.evaluate("window.innerWidth") == PHONE["width"]
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
