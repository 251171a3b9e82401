import pytest
from django.urls import reverse

from tests.factories import RegistrationFactory

from .conftest import words

PUBLIC_LIST = reverse("registrations:public-list")


def test_public_list_honours_consent(client, edition):
    RegistrationFactory(
        edition=edition,
        first_name="Lucie",
        last_name="Aubrac",
        employer="Ville de Mâcon",
        public_listing=True,
    )
    RegistrationFactory(edition=edition, first_name="Jean", last_name="Moulin")
    RegistrationFactory(
        edition=edition,
        first_name="Marc",
        last_name="Bloch",
        public_listing=True,
        status="cancelled",
    )

    response = client.get(PUBLIC_LIST)

    assert [(p.first_name, p.last_name) for p in response.context["participants"]] == [
        ("Lucie", "Aubrac")
    ]
    page = words(response)
    assert "Lucie Aubrac — Ville de Mâcon" in page
    assert "Moulin" not in page
    assert "Bloch" not in page


def test_public_list_shows_no_email_and_escapes_markup(client, edition):
    RegistrationFactory(
        edition=edition, first_name="<i>Lucie</i>", email="lucie@example.org", public_listing=True
    )

    html = client.get(PUBLIC_LIST).content.decode()

    assert "&lt;i&gt;Lucie&lt;/i&gt;" in html
    assert "lucie@example.org" not in html


def test_public_list_of_another_edition_is_not_shown(client, edition):
    RegistrationFactory(first_name="Ailleurs", public_listing=True, edition__is_published=False)

    assert "Ailleurs" not in words(client.get(PUBLIC_LIST))


@pytest.mark.parametrize("count", [1, 3])
def test_public_list_query_count_is_constant(client, edition, count, django_assert_num_queries):
    RegistrationFactory.create_batch(count, edition=edition, public_listing=True)

    # The current edition (context processor and view share it) and the participants.
    with django_assert_num_queries(2):
        response = client.get(PUBLIC_LIST)

    assert len(response.context["participants"]) == count
