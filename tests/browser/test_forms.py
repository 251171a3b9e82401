"""Forms with the keyboard alone, a visible focus, errors tied to their fields and summarised."""

import pytest
from playwright.sync_api import expect

from registrations.models import Registration
from tests.browser.public_pages import PAGES

MAX_TABS = 80

# The sign-up form, field after field, as a keyboard user fills it: text is typed, a key is
# pressed on radio buttons, checkboxes and lists. The country is already filled in.
KEYBOARD_SIGNUP = [
    ("#id_first_name", "Camille"),
    ("#id_last_name", "Bernard"),
    ("#id_email", "camille.bernard@example.org"),
    ("#id_employer", "Ville de Mâcon"),
    ("#id_category_0", "Space"),
    ("#id_meals_0", "Space"),
    ("#id_mini_conference_0", "Space"),
    ("#id_challenge_1", "ArrowDown"),
    ("#id_challenge_2", "ArrowDown ArrowDown"),
    ("#id_challenge_3", "ArrowDown ArrowDown ArrowDown"),
    ("#id_consent", "Space"),
    ("main form button[type=submit]", "Enter"),
]
KEYS = {"Space", "Enter", "ArrowDown"}
FORMS_WITH_ERRORS = ["signup-errors", "resend-errors", "change-errors", "proposal-errors"]


def focused_matches(page, selector):
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def tab_to(page, selector):
    """Press Tab until the element is focused; fail if the keyboard cannot reach it."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
    pytest.fail(f"{selector} not reached with {MAX_TABS} presses of Tab")


def test_signup_works_with_the_keyboard_alone(page, url, edition):
    page.goto(url("registrations:signup"))

    for selector, keys in KEYBOARD_SIGNUP:
        tab_to(page, selector)
        if set(keys.split()) <= KEYS:
            for key in keys.split():
                page.keyboard.press(key)
        else:
            page.keyboard.type(keys)

    expect(page.locator("h1")).to_have_text("Merci pour votre inscription")
    registration = Registration.objects.get(email="camille.bernard@example.org")
    assert registration.seat.mini_conference.number == 1
    assert registration.challenge_preferences.values("challenge").distinct().count() == 3


@pytest.mark.parametrize(
    "selector",
    [
        ".skip-link",
        "nav a",
        "#id_first_name",
        "#id_category_0",
        "#id_challenge_1",
        "#id_consent",
        "main form button[type=submit]",
        "footer a",
    ],
)
def test_keyboard_focus_is_visible(page, url, edition, selector):
    page.goto(url("registrations:signup"))

    tab_to(page, selector)
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )

    assert style == ["solid", "3px", "rgb(255, 191, 71)"]
    box = page.evaluate("() => document.activeElement.getBoundingClientRect().toJSON()")
    assert box["left"] >= 0 and box["top"] >= 0  # on screen, the skip link included


# Each invalid field, with the error messages its aria-describedby points at: on the field, or
# on the fieldset of a group of radio buttons or checkboxes.
INVALID_FIELDS = """() => [...document.querySelectorAll("main form [aria-invalid=true]")].map(f => {
  const owner = f.hasAttribute("aria-describedby") ? f : f.closest("fieldset");
  const ids = (owner && owner.getAttribute("aria-describedby") || "").split(" ");
  const errors = ids.map(id => document.getElementById(id))
    .filter(e => e && e.matches(".invalid-feedback"));
  return {id: f.id, name: f.name, errors: errors.map(e => e.textContent.trim())};
})"""


@pytest.mark.parametrize("kind", FORMS_WITH_ERRORS)
def test_errors_are_tied_to_their_fields(visit, kind):
    PAGES[kind](visit)

    invalid = visit.page.evaluate(INVALID_FIELDS)

    assert invalid
    assert [field["id"] for field in invalid if not any(field["errors"])] == []


@pytest.mark.parametrize("kind", FORMS_WITH_ERRORS)
def test_errors_are_summarised_above_the_form_with_links_to_the_fields(visit, kind):
    PAGES[kind](visit)
    page = visit.page
    summary = page.locator("#erreurs")

    expect(summary).to_have_attribute("role", "alert")
    assert page.evaluate(
        "() => Boolean(document.querySelector('#erreurs').compareDocumentPosition("
        "document.querySelector('main form')) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    targets = summary.locator("a").evaluate_all("links => links.map(a => a.hash.slice(1))")
    invalid = page.evaluate(INVALID_FIELDS)
    assert {page.get_attribute(f"[id='{t}']", "name") for t in targets} == {
        field["name"] for field in invalid
    }
    summary.locator("a").first.click()
    assert page.evaluate("() => document.activeElement.id") == targets[0]
