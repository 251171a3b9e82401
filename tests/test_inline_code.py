"""No inline style or script anywhere: the site's Content-Security-Policy (no 'unsafe-inline')
would block it, silently, in the browser. Checked in every template file, and in every kind of
page as rendered (public, personal, organisers')."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

from tests.test_i18n import PAGES, TEMPLATES, world  # noqa: F401 - world is a fixture

# Data for search engines, never run: the policy does not apply to it.
DATA_SCRIPTS = {"application/ld+json", "application/json"}


class InlineCode(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.found.append(f"<{tag} style=…>")
        if tag == "style":
            self.found.append("<style>")
        if tag == "script" and "src" not in attrs and attrs.get("type") not in DATA_SCRIPTS:
            self.found.append("<script> without src")
        self.found += [f"{tag} {name}=…" for name in attrs if name.startswith("on")]


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("template", TEMPLATES, ids=str)
def test_no_template_holds_inline_code(template):
    source = (settings.BASE_DIR / template).read_text(encoding="utf-8")
    assert inline_code(source) == []


@pytest.mark.parametrize("page", PAGES)
def test_no_public_or_personal_page_holds_inline_code(client, world, page):  # noqa: F811
    response = PAGES[page](client, world)
    assert inline_code(response.content.decode()) == []


ORGANISER_PAGES = {
    "dashboard": lambda w: reverse("registrations-staff:dashboard"),
    "sheets": lambda w: reverse("registrations-staff:sheet-index"),
    "sheet": lambda w: reverse(
        "registrations-staff:sheet-half-day", args=[w["day"].date, "apres-midi"]
    ),
    "attendance": lambda w: reverse(
        "registrations-staff:attendance-half-day", args=[w["day"].date, "apres-midi"]
    ),
    "teams": lambda w: reverse("teams:index"),
    "badges": lambda w: reverse("teams:badges"),
}


@pytest.mark.parametrize("page", ORGANISER_PAGES)
def test_no_organiser_page_holds_inline_code(admin_client, world, page):  # noqa: F811
    response = admin_client.get(ORGANISER_PAGES[page](world))
    assert response.status_code == 200
    assert inline_code(response.content.decode()) == []


def test_the_check_sees_inline_code():
    assert inline_code('<p style="color:red" onclick="x()"><style></style><script>1</script>') == [
        "<p style=…>",
        "p onclick=…",
        "<style>",
        "<script> without src",
    ]
