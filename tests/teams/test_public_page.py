"""The public page of a challenge: its facts, and its team once the run is published."""

import pytest
from django.urls import reverse

from registrations.models import Registration
from teams import services
from tests import factories

from .conftest import words


@pytest.fixture
def team(challenges, register, run_challenges):
    """Two members of Défi A: Listed (on the public list) and Discreet (not)."""
    register(challenges[0], last_name="Listed", public_listing=True)
    register(challenges[0], last_name="Discreet", public_listing=False)
    return run_challenges()


def test_challenge_page_shows_its_facts(client, edition, challenges):
    challenge = challenges[0]
    challenge.owner = factories.PersonFactory(first_name="Camille", last_name="Porteuse")
    challenge.owner_organisation = "Ville de Cluny"
    challenge.territory_kind = "rural"
    challenge.description = "Deux pistes :\n- l'une\n- l'autre"
    challenge.save()

    response = client.get(challenge.get_absolute_url())

    text = words(response)
    assert response.status_code == 200
    assert "Camille Porteuse, Ville de Cluny" in text
    assert f"Thème {challenge.theme.name}" in text
    assert "Type de territoire Rural" in text
    assert "<li>l’une</li>" in response.content.decode()
    assert "sera publiée ici une fois les équipes constituées" in text


def test_challenge_page_hides_a_draft_team(client, challenges, team):
    text = words(client.get(challenges[0].get_absolute_url()))
    assert "Listed" not in text
    assert "sera publiée ici" in text


def test_challenge_page_names_listed_members_of_the_published_team(client, challenges, team):
    services.publish(allocation=team)

    text = words(client.get(challenges[0].get_absolute_url()))

    assert "2 membres dans l’équipe de ce défi" in text
    assert "Listed" in text
    assert "Discreet" not in text
    assert "Seules les personnes qui ont accepté la liste publique sont nommées" in text


def test_challenge_page_drops_members_who_cancelled(client, challenges, team):
    services.publish(allocation=team)
    Registration.objects.filter(last_name="Listed").update(status=Registration.Status.CANCELLED)

    text = words(client.get(challenges[0].get_absolute_url()))

    assert "1 membre dans l’équipe de ce défi" in text
    assert "Listed" not in text


def test_unknown_challenge_gives_404(client, edition, challenges):
    other = factories.ChallengeFactory(edition=factories.EditionFactory(is_published=False))
    assert client.get(reverse("programme:challenge-detail", args=[999999])).status_code == 404
    assert client.get(other.get_absolute_url()).status_code == 404


def test_challenge_list_links_to_each_page_and_sitemap_lists_them(client, edition, challenges):
    listing = client.get(reverse("programme:challenge-list")).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    for challenge in challenges:
        assert f'href="{challenge.get_absolute_url()}"' in listing
        assert challenge.get_absolute_url() in sitemap
