"""An edition shaped like the printed programme, three small challenges, people who choose."""

import html
import re

import pytest
from django.contrib.auth.models import Group, User

from teams import services
from tests import factories

ORGANISERS = "Organisateur·rice"


def words(response):
    """The page's text without tags, spaces collapsed, entities decoded."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(text).split())


@pytest.fixture
def edition(db):
    return factories.edition_with_half_days(title="Université d'été de l'innovation")


@pytest.fixture
def challenges(edition):
    """Défi A, B and C, two places each, in that order."""
    theme = factories.ChallengeThemeFactory(edition=edition)
    return [
        factories.ChallengeFactory(edition=edition, theme=theme, title=title, team_capacity=2)
        for title in ("Défi A", "Défi B", "Défi C")
    ]


@pytest.fixture
def register(edition):
    def register(*choices, **fields):
        registration = factories.RegistrationFactory(edition=edition, **fields)
        for rank, challenge in enumerate(choices, start=1):
            factories.ChallengePreferenceFactory(
                registration=registration, challenge=challenge, rank=rank
            )
        return registration

    return register


def team_titles(allocation):
    """Registration last name -> team, for readable assertions."""
    return {
        m.registration.last_name: str(m.team)
        for m in allocation.memberships.select_related("registration", "team__challenge")
    }


@pytest.fixture
def run_challenges(edition):
    return lambda **options: services.run_challenge_allocation(edition=edition, **options)


@pytest.fixture
def organiser_client(client, db):
    user = User.objects.create_user("orga", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANISERS))
    client.force_login(user)
    return client
