import datetime
import re

import pytest
from django.urls import reverse

from programme.models import Challenge, Day, Edition, MiniConference, Session, Venue
from tests import factories
from tests.queries import count_queries

from .conftest import build_programme

NB = "\u00a0"


def public_urls(edition):
    urls = [
        reverse(name)
        for name in (
            "programme:home",
            "programme:agenda",
            "programme:venue-list",
            "programme:challenge-list",
            "programme:miniconference-list",
            "programme:changes",
            "programme:now",
            "programme:accessibility",
        )
    ]
    urls += [day.get_absolute_url() for day in Day.objects.filter(edition=edition)]
    urls += [s.get_absolute_url() for s in Session.objects.of_edition(edition)]
    urls += [v.get_absolute_url() for v in Venue.objects.all()]
    urls += [m.get_absolute_url() for m in MiniConference.objects.of_edition(edition)]
    urls += [c.get_absolute_url() for c in Challenge.objects.of_edition(edition)]
    return urls


def test_every_public_page_answers_with_one_h1(client, programme):
    for url in public_urls(programme):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert '<html lang="fr"' in html, url


def test_agenda_lists_every_session_with_time_kind_and_venue(client, small_programme):
    session = Session.objects.of_edition(small_programme).exclude(kind="mini_conferences").first()
    session.end = session.start + datetime.timedelta(minutes=90)
    session.save()

    html = client.get(reverse("programme:agenda")).content.decode()

    assert session.title in html
    assert session.get_kind_display() in html
    assert session.venue.name in html
    start = session.start.astimezone(datetime.timezone(datetime.timedelta(hours=2)))
    assert f"{start.hour}{NB}h – {start.hour + 1}{NB}h{NB}30" in html
    assert "lundi 8 juillet 2030".capitalize() in html


def test_agenda_groups_mini_conferences_inside_their_slot(client, small_programme):
    html = client.get(reverse("programme:agenda")).content.decode()
    html = html[html.index("<main") :]
    slot = html.index(">Mini-conférences</a>")
    titles = [html.index(mc.title) for mc in MiniConference.objects.order_by("number")]
    assert slot < titles[0] < titles[1] < titles[2]
    assert html.count('class="parallel-list"') == 1


def test_session_without_end_says_so(client, small_programme):
    session = Session.objects.of_edition(small_programme).filter(end=None).first()
    html = client.get(session.get_absolute_url()).content.decode()
    assert "à partir de" in html
    assert "ne fixe pas d’heure de fin" in html


def test_venue_page_links_to_openstreetmap_and_lists_its_sessions(client, small_programme):
    session = Session.objects.of_edition(small_programme).first()
    html = client.get(session.venue.get_absolute_url()).content.decode()
    assert "https://www.openstreetmap.org/?mlat=46.434000&amp;mlon=4.659000" in html
    assert session.title in html


def test_example_challenges_are_labelled(client, small_programme):
    html = client.get(reverse("programme:challenge-list")).content.decode()
    assert "Exemple" in html
    assert "ne sont pas les défis retenus" in html


def test_day_page_lists_only_that_day(client, small_programme):
    first, second = Day.objects.filter(edition=small_programme)[:2]
    html = client.get(first.get_absolute_url()).content.decode()
    assert all(s.title in html for s in first.sessions.all())
    assert not any(s.title in html for s in second.sessions.exclude(title="Mini-conférences"))


@pytest.mark.parametrize(
    "url",
    [
        "/programme/2017-07-09/",
        "/programme/2030-02-30/",
        "/programme/demain/",
        "/programme/seances/999999/",
        "/lieux/nulle-part/",
        "/mini-conferences/999999/",
        "/une-page-qui-n-existe-pas/",
    ],
    ids=[
        "day-outside-edition",
        "impossible-date",
        "not-a-date",
        "session",
        "venue",
        "mini-conference",
        "any-path",
    ],
)
def test_unknown_pages_get_the_sites_french_404(client, small_programme, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert f'href="{reverse("programme:agenda")}"' in html


def test_session_of_an_unpublished_edition_is_not_found(client, small_programme):
    other = factories.SessionFactory(day__edition__is_published=False)
    assert client.get(other.get_absolute_url()).status_code == 404


def test_pages_without_a_published_edition_give_404(client, db):
    assert client.get(reverse("programme:agenda")).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "programme:agenda",
        "programme:miniconference-list",
        "programme:challenge-list",
        "programme:home",
        "programme:venue-list",
    ],
)
def test_query_count_does_not_grow_with_the_programme(client, db, name):
    build_programme(sessions_per_day=1, mini_conferences=1)
    small = count_queries(client, reverse(name))
    Edition.objects.update(is_published=False)
    build_programme(sessions_per_day=10, mini_conferences=9)
    assert count_queries(client, reverse(name)) == small


def test_agenda_query_count_is_pinned(client, db, django_assert_num_queries):
    build_programme(sessions_per_day=10, mini_conferences=9)
    # edition, days, sessions with day and venue, mini-conferences, their speakers and their
    # recent changes, speakers, the sessions' recent changes, the organisers of the JSON-LD.
    with django_assert_num_queries(9):
        client.get(reverse("programme:agenda"))


def test_day_and_venue_pages_query_count_does_not_grow(client, db):
    edition = build_programme(sessions_per_day=1)
    day = Day.objects.filter(edition=edition)[1]
    venue_url = day.sessions.first().venue.get_absolute_url()
    small = (count_queries(client, day.get_absolute_url()), count_queries(client, venue_url))
    for index in range(10):
        factories.SessionFactory(
            day=day,
            start=factories.paris(day.date, 14, index),
            end=None,
            venue=day.sessions.first().venue,
            is_parallel=True,
        )
    assert (
        count_queries(client, day.get_absolute_url()),
        count_queries(client, venue_url),
    ) == small


def test_every_page_links_to_the_accessibility_statement(client, small_programme):
    html = client.get(reverse("programme:agenda")).content.decode()
    footer = html[html.index("<footer") :]
    assert reverse("programme:accessibility") in footer


def test_accessibility_statement_has_what_the_rgaa_requires(client, small_programme):
    html = client.get(reverse("programme:accessibility")).content.decode()
    for part in (
        "État de conformité",
        "non conforme",
        "Contenus non accessibles",
        "Retour d’information et contact",
        "Défenseur des droits",
    ):
        assert part in html
