"""The organisers' home, /organisation/: every tool, found from the admin and the footer, and
the organisers' pages in a layout of their own."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import get_resolver, reverse

from registrations.workspace import TOOLS
from tests import factories

HOME = "/organisation/"


@pytest.fixture
def organiser(db):
    return factories.OrganiserFactory()


def links(html):
    return set(re.findall(r'href="([^"]+)"', html))


def test_the_home_lists_every_tool_with_its_sentence(client, organiser):
    factories.EditionFactory(title="Université d’été n° 9")
    client.force_login(organiser)

    response = client.get(HOME)

    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert "Université d’été n° 9" in html
    for tool in TOOLS:
        assert reverse(tool.url_name) in links(html), tool.title
        assert str(tool.description) in html


def organiser_list_pages():
    """Every address of the organisers' namespaces that takes no argument and answers GET."""
    resolver = get_resolver()
    names = []
    for namespace in ("registrations-staff", "teams"):
        patterns = resolver.namespace_dict[namespace][1].reverse_dict
        for name, entries in patterns.lists():
            if isinstance(name, str) and not entries[0][0][0][1]:
                names.append(f"{namespace}:{name}")
    return sorted(names)


def test_every_organiser_page_is_reached_from_the_home_or_from_a_tool(client, organiser):
    """A page of the organisers' space that the home does not lead to cannot be found."""
    factories.EditionFactory()
    client.force_login(organiser)
    reachable = links(client.get(HOME).content.decode())
    for tool in TOOLS:
        reachable |= links(client.get(reverse(tool.url_name)).content.decode())
    pages = [reverse(name) for name in organiser_list_pages()]
    assert len(pages) >= 4
    # The actions (POST only) are reached through their pages' forms, not by a link.
    actions = {reverse("registrations-staff:notice-action")}
    actions |= {reverse("registrations-staff:sign-codes-action")}
    assert {page for page in pages if page not in actions} - reachable == set()


def test_staff_without_permission_see_no_tool_but_the_admin_and_whom_to_ask(client, db):
    user = get_user_model().objects.create_user("bare", password="x", is_staff=True)
    client.force_login(user)

    html = client.get(HOME).content.decode()

    assert reverse("registrations-staff:dashboard") not in links(html)
    assert reverse("admin:index") in links(html)
    assert "groupe «\xa0Organisateur·rice\xa0»" in html


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_admin_index_and_every_admin_page_lead_to_the_home(client, organiser):
    client.force_login(organiser)

    index = client.get(reverse("admin:index")).content.decode()
    changelist = client.get(reverse("admin:programme_session_changelist")).content.decode()

    assert "Ouvrir l’espace organisation" in index
    assert index.count(f'href="{HOME}"') >= 2  # the block on the index and the user links
    assert f'href="{HOME}"' in changelist


def test_the_public_footer_leads_to_the_home_not_to_the_admin(client, db):
    factories.EditionFactory()

    html = client.get(reverse("programme:agenda")).content.decode()

    assert re.search(rf'<footer.*href="{HOME}".*</footer>', html, re.S)
    assert 'href="/admin/"' not in html


@pytest.mark.parametrize(
    "url_name", ["registrations-staff:home", "registrations-staff:dashboard", "teams:index"]
)
def test_organiser_pages_have_their_own_layout(client, organiser, url_name):
    factories.EditionFactory()
    client.force_login(organiser)

    html = client.get(reverse(url_name)).content.decode()

    header = re.search(r"<header.*?</header>", html, re.S).group(0)
    assert f'href="{HOME}"' in header and 'href="/admin/"' in header
    assert reverse("registrations:signup") not in header  # no public navigation
    assert "Se déconnecter" in html
