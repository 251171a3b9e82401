"""Fixtures for the participant side: an edition open for registration, its workshops, a form."""

import datetime
import html
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from programme.models import Session, SessionKind
from registrations import services
from tests.factories import ChallengeFactory, MiniConferenceFactory, edition_with_half_days


def text(response):
    """The page as a reader sees it: entities decoded, so assertions read like the page."""
    return html.unescape(response.content.decode())


def words(response):
    """The page's text without tags, spaces collapsed: what a screen reader would read out."""
    return " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())


def heading(response):
    """The text of the page's <h1>."""
    return " ".join(
        re.sub(
            r"<[^>]+>", " ", re.search(r"<h1[^>]*>(.*?)</h1>", text(response), re.S).group(1)
        ).split()
    )


@pytest.fixture(autouse=True)
def _empty_cache():
    # The rate limit counts in the cache: each test starts with no request counted.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def edition(db):
    now = timezone.now()
    return edition_with_half_days(
        registration_opens_at=now - datetime.timedelta(days=1),
        registration_closes_at=now + datetime.timedelta(days=30),
        contact_email="contact@example.org",
    )


@pytest.fixture
def slot(edition):
    return Session.objects.of_edition(edition).get(kind=SessionKind.MINI_CONFERENCES)


@pytest.fixture
def mini_conferences(slot):
    return [MiniConferenceFactory(slot=slot, number=n, capacity=2) for n in (1, 2)]


@pytest.fixture
def meals(edition):
    return list(Session.objects.of_edition(edition).meals().order_by("start"))


@pytest.fixture
def challenges(edition):
    return ChallengeFactory.create_batch(4, edition=edition)


@pytest.fixture
def signup_data(mini_conferences, meals, challenges):
    """The POST of a complete, valid sign-up form; keyword arguments replace or drop fields."""

    def build(**overrides):
        data = {
            "first_name": "Camille",
            "last_name": "Bernard",
            "email": "camille.bernard@example.org",
            "country": "France",
            "employer": "Ville de Mâcon",
            "job_title": "Cheffe de projet",
            "category": "trainee",
            "civil_service_category": "A",
            "cadre_emplois": "Attaché territorial",
            "dietary_needs": "Végétarienne",
            "accessibility_needs": "",
            "meals": [meals[0].pk],
            "mini_conference": mini_conferences[0].pk,
            "challenge_1": challenges[0].pk,
            "challenge_2": challenges[1].pk,
            "challenge_3": challenges[2].pk,
            "consent": "on",
        }
        data.update(overrides)
        return {name: value for name, value in data.items() if value is not None}

    return build


@pytest.fixture
def register(edition, mini_conferences, challenges):
    """Register through the service, as the form does; keyword arguments override the defaults."""
    counter = iter(range(10_000))

    def do(**overrides):
        n = next(counter)
        data = {
            "first_name": f"Personne{n}",
            "last_name": f"Inscrite{n}",
            "email": f"personne{n}@example.org",
            "employer": "Communauté de communes du Clunisois",
            "category": "trainee",
            **overrides.pop("data", {}),
        }
        arguments = {
            "edition": edition,
            "data": data,
            "meals": [],
            "mini_conference": mini_conferences[0],
            "join_waiting_list": True,
            "challenges": challenges[:3],
            **overrides,
        }
        return services.register(**arguments)

    return do
