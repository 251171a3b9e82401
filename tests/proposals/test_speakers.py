import pytest
from django.urls import reverse

from tests import factories

SPEAKERS = reverse("speakers:list")


@pytest.fixture
def plenary(mini_conferences):
    return factories.SessionFactory(day=mini_conferences[0].slot.day, title="Plénière d'ouverture")


def test_speakers_page_lists_who_speaks_at_the_edition_and_where(client, mini_conferences, plenary):
    petit = factories.PersonFactory(
        first_name="Camille", last_name="Petit", organisation="CC du Clunisois", biography="Bio."
    )
    aubert = factories.PersonFactory(first_name="Lou", last_name="Aubert")
    mini_conferences[0].speakers.add(petit)
    plenary.speakers.add(aubert, petit)
    stranger = factories.PersonFactory(last_name="Ailleurs")
    factories.MiniConferenceFactory(slot__day__edition__is_published=False).speakers.add(stranger)

    response = client.get(SPEAKERS)

    html = response.content.decode()
    assert response.status_code == 200
    assert [person.last_name for person in response.context["speakers"]] == ["Aubert", "Petit"]
    assert html.count("<h1") == 1
    assert html.count("<h2") == 2
    assert f'href="{mini_conferences[0].get_absolute_url()}"' in html
    assert html.count(f'href="{plenary.get_absolute_url()}"') == 2
    assert "<p>Bio.</p>" in html
    assert f'id="intervenant-{petit.pk}"' in html


def test_speakers_page_escapes_markup(client, mini_conferences):
    person = factories.PersonFactory(last_name="<script>x</script>", biography="<b>gras</b>")
    mini_conferences[0].speakers.add(person)

    html = client.get(SPEAKERS).content.decode()

    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "&lt;b&gt;gras&lt;/b&gt;" in html


def test_speakers_page_before_any_choice_says_they_will_come(client, mini_conferences):
    response = client.get(SPEAKERS)

    assert list(response.context["speakers"]) == []
    assert "seront annoncés ici" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3], ids=["one", "three"])
def test_speakers_page_query_count_does_not_grow_with_speakers(
    client, mini_conferences, plenary, count, django_assert_num_queries
):
    for person in factories.PersonFactory.create_batch(count):
        mini_conferences[count % 2].speakers.add(person)
        plenary.speakers.add(person)

    with django_assert_num_queries(4):
        response = client.get(SPEAKERS)

    assert len(response.context["speakers"]) == count


def test_mini_conference_page_links_each_speaker_to_the_speakers_page(client, mini_conferences):
    person = factories.PersonFactory(first_name="Camille", last_name="Petit")
    mini_conferences[0].speakers.add(person)

    html = client.get(mini_conferences[0].get_absolute_url()).content.decode()

    assert f'<a href="{SPEAKERS}#intervenant-{person.pk}">Camille Petit</a>' in html


def test_mini_conference_page_without_speakers_points_to_the_call(client, mini_conferences):
    html = client.get(mini_conferences[0].get_absolute_url()).content.decode()

    assert f'href="{reverse("proposals:submit")}"' in html
