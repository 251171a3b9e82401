import datetime
from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.utils import timezone

from programme.models import MiniConference
from tests import factories


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    # The rate limit counts in the cache: each test starts with a clean allowance.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def edition(db):
    return factories.EditionFactory(contact_email="contact@example.org")


@pytest.fixture
def mini_conferences(edition):
    slot = factories.SessionFactory(
        day__edition=edition,
        kind="mini_conferences",
        title="Mini-conférences",
        start=factories.paris(edition.start_date, 11, 30),
        end=factories.paris(edition.start_date, 12, 30),
    )
    return [
        factories.MiniConferenceFactory(slot=slot, number=number, title=title)
        for number, title in [(1, "Les usages des technologies"), (2, "L'innovation sociale")]
    ]


@pytest.fixture
def call(edition, mini_conferences):
    return factories.CallFactory(edition=edition)


def moved(call, *, opens_in=None, closes_in=None):
    """Move the call's dates relative to now (timedelta), and return it."""
    now = timezone.now()
    if opens_in is not None:
        call.opens_at = now + opens_in
    if closes_in is not None:
        call.closes_at = now + closes_in
    call.save()
    return call


@pytest.fixture
def closed_call(call):
    return moved(call, opens_in=-datetime.timedelta(days=30), closes_in=-datetime.timedelta(1))


def speaker_fields(index, **values):
    fields = {
        "first_name": "",
        "last_name": "",
        "organisation": "",
        "job_title": "",
        "biography": "",
    }
    fields.update(values)
    return {f"speakers-{index}-{name}": value for name, value in fields.items()}


def management(total=3, initial=0):
    return {
        "speakers-TOTAL_FORMS": str(total),
        "speakers-INITIAL_FORMS": str(initial),
        "speakers-MIN_NUM_FORMS": "1",
        "speakers-MAX_NUM_FORMS": "3",
    }


def proposal_post(call, **overrides):
    """What a browser sends for a valid proposal with one speaker; overrides replace fields."""
    theme = MiniConference.objects.of_edition(call.edition).order_by("number").first()
    data = {
        "title": "Ouvrir les données du territoire",
        "summary": "Deux ans d'ouverture des données dans une communauté de communes.",
        "theme": str(theme.pk),
        "format": "experience",
        "email": "camille.petit@example.org",
        "consent": "on",
        "website": "",
        **management(),
        **speaker_fields(
            0,
            first_name="Camille",
            last_name="Petit",
            organisation="Communauté de communes du Clunisois",
            job_title="Chargée de mission numérique",
            biography="Vingt ans de service public local.",
        ),
        **speaker_fields(1),
        **speaker_fields(2),
    }
    data.update(overrides)
    return data


@pytest.fixture
def submitted(call, mini_conferences):
    """A proposal as the form creates it: one speaker, status submitted."""
    proposal = factories.ProposalFactory(call=call, theme=mini_conferences[0])
    factories.SpeakerFactory(proposal=proposal, first_name="Camille", last_name="Petit", order=0)
    return proposal


class HiddenInputs(HTMLParser):
    """The hidden inputs of the confirmation form, a name repeated for each selected row."""

    def __init__(self):
        super().__init__()
        self.data = defaultdict(list)
        self.in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == "accept_form"
        elif self.in_form and tag == "input" and attrs.get("type") == "hidden":
            self.data[attrs["name"]].append(attrs["value"])

    def handle_endtag(self, tag):
        self.in_form = self.in_form and tag != "form"


def press(client, page, button):
    """Press a button of the confirmation page, as a browser would."""
    reader = HiddenInputs()
    reader.feed(page.content.decode())
    return client.post(page.wsgi_request.get_full_path(), {**reader.data, button: "1"})
