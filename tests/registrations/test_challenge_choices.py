"""The sign-up's challenge menus: grouped by theme, with a guide that describes each one."""

import re

import pytest
from django.urls import reverse

from registrations.models import Registration
from tests import factories


@pytest.fixture
def themed(edition):
    """Two themes of equal order (so only their names order them), two challenges each."""
    water = factories.ChallengeThemeFactory(edition=edition, name="Eau", order=1)
    food = factories.ChallengeThemeFactory(edition=edition, name="Alimentation", order=1)
    make = factories.ChallengeFactory
    return [
        make(edition=edition, theme=water, title="Zones humides", description="Les marais."),
        make(
            edition=edition, theme=food, title="Cantines", description="Du local, s'il vous plaît"
        ),
        make(edition=edition, theme=water, title="Assainissement", territory_kind="rural"),
        make(edition=edition, theme=food, title="Marchés"),
    ]


def menu_groups(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return [
        (label, re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", body))
        for label, body in re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S)
    ]


def test_each_menu_groups_challenges_by_theme(client, edition, themed):
    html = client.get(reverse("registrations:signup")).content.decode()
    expected = [
        ("Alimentation", ["Cantines", "Marchés"]),
        ("Eau", ["Assainissement", "Zones humides"]),
    ]
    for name in ("challenge_1", "challenge_2", "challenge_3"):
        assert menu_groups(html, name) == expected


def test_guide_describes_each_challenge_by_theme_before_the_menus(client, edition, themed):
    html = client.get(reverse("registrations:signup")).content.decode()

    guide = html[html.index('class="challenge-guide"') :]
    summaries = re.findall(r"<summary>([^<]*)<", guide)
    assert [s.strip() for s in summaries] == ["Alimentation", "Eau"]
    assert "Du local, s’il vous plaît" in html
    assert "territoire rural" in html
    assert html.index('class="challenge-guide"') < html.index('name="challenge_1"')
    assert f'href="{themed[0].get_absolute_url()}" target="_blank" rel="noopener"' in html


def test_a_grouped_choice_still_registers_three_distinct_challenges(
    client, edition, themed, signup_data
):
    data = signup_data(challenge_1=themed[3].pk, challenge_2=themed[0].pk, challenge_3=themed[0].pk)
    refused = client.post(reverse("registrations:signup"), data)
    assert "choisissez trois défis différents" in refused.content.decode()

    data["challenge_3"] = themed[1].pk
    client.post(reverse("registrations:signup"), data)
    registration = Registration.objects.get(email=data["email"])
    ranked = registration.challenge_preferences.order_by("rank").values_list("challenge", flat=True)
    assert list(ranked) == [themed[3].pk, themed[0].pk, themed[1].pk]
