"""The design at a phone's size and a desktop's: a short header, a menu that opens without
JavaScript and with the keyboard, times on one line, and a personal programme that prints clean."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.browser.public_pages import PAGES, Visit, register_someone
from tests.browser.test_forms import tab_to

PHONE_800 = {"width": 360, "height": 800}
SIZES = pytest.mark.parametrize("viewport", [PHONE_800, DESKTOP], ids=["360x800", "1280x900"])

# Each time shown on the page, and whether it breaks across lines or overflows its box: its text
# is one line box high, in one line of fragments, inside the element's width. (A date and a time
# together may break between the two: only the time is checked there.)
WRAPPED_TIMES = """() => [...document.querySelectorAll(
    ".session-time:not(.session-time--dated), .time")].map(el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const lineHeight = parseFloat(getComputedStyle(el).lineHeight);
  const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
  const oneLine = range.getBoundingClientRect().height < lineHeight * 1.5 && tops.size === 1;
  const fits = getComputedStyle(el).display === "inline" || el.scrollWidth <= el.clientWidth;
  return {text: el.textContent, oneLine, fits};
}).filter(time => !time.oneLine || !time.fits)"""


@pytest.fixture
def sized(new_page, url, edition):
    """A visit at a given viewport, without JavaScript unless asked."""

    def open_visit(viewport, **options):
        return Visit(
            page=new_page(viewport=viewport, **options),
            url=url,
            edition=edition,
            registration=register_someone(edition),
        )

    return open_visit


def menu_link(page, name="Programme"):
    navigation = page.get_by_role("navigation", name="Navigation principale")
    return navigation.get_by_role("link", name=name, exact=True)


@SIZES
@pytest.mark.parametrize("kind", ["home", "agenda", "session"])
def test_header_takes_at_most_a_fifth_of_the_screen(sized, viewport, kind):
    visit = sized(viewport)
    PAGES[kind](visit)

    header = visit.page.locator("body > header").bounding_box()

    assert header["height"] <= viewport["height"] / 5


@SIZES
@pytest.mark.parametrize("kind", ["agenda", "day", "venue", "session"])
def test_times_stay_on_one_line(sized, viewport, kind):
    visit = sized(viewport)
    PAGES[kind](visit)

    assert visit.page.locator(".session-time, .time").count() > 0
    assert visit.page.evaluate(WRAPPED_TIMES) == []


def test_phone_menu_opens_without_javascript(sized, url):
    page = sized(PHONE_800, java_script_enabled=False).page
    page.goto(url("programme:home"))
    expect(menu_link(page)).to_be_hidden()

    page.get_by_text("Menu", exact=True).click()
    menu_link(page).click()

    expect(page.locator("h1")).to_have_text("Programme")


def test_phone_menu_opens_with_the_keyboard(sized, url):
    page = sized(PHONE_800).page
    page.goto(url("programme:home"))

    tab_to(page, ".site-menu > summary")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.textContent") == "Accueil"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(menu_link(page)).to_be_hidden()


def test_desktop_shows_the_menu_as_a_bar(sized, url):
    page = sized(DESKTOP, java_script_enabled=False).page
    page.goto(url("programme:home"))

    expect(page.locator(".site-menu > summary")).to_be_hidden()
    menu_link(page).click()

    expect(page.locator("h1")).to_have_text("Programme")


# What a printed personal programme leaves out, and what each element's style is in print.
PRINT_STYLES = """() => ({
  hidden: [".site-menu", ".language-switch", ".site-footer", ".breadcrumb-line", "main p.no-print"]
    .map(s => [s, [...document.querySelectorAll(s)].map(e => getComputedStyle(e).display)]),
  visibleLinks: [...document.querySelectorAll("a")].filter(a => a.checkVisibility())
    .map(a => a.textContent),
  headings: [...document.querySelectorAll("main h1, main h2")]
    .map(h => getComputedStyle(h).breakAfter),
})"""


def test_personal_programme_prints_without_navigation_links_or_instructions(sized):
    visit = sized(DESKTOP)
    PAGES["personal-agenda"](visit)
    visit.page.emulate_media(media="print")

    styles = visit.page.evaluate(PRINT_STYLES)

    assert [(selector, set(displays)) for selector, displays in styles["hidden"]] == [
        (".site-menu", {"none"}),
        (".language-switch", {"none"}),
        (".site-footer", {"none"}),
        (".breadcrumb-line", {"none"}),
        ("main p.no-print", {"none"}),
    ]
    assert styles["visibleLinks"] == []
    assert len(styles["headings"]) > 1 and set(styles["headings"]) == {"avoid"}
