import pytest
from django.core import mail
from django.urls import reverse

from registrations.models import Attendance, ChallengePreference, Registration, Seat
from tests.factories import AttendanceFactory, OrganisationFactory

from .conftest import words

PRIVACY = reverse("registrations:privacy")


def test_privacy_page_states_purpose_basis_retention_and_contact(client, edition):
    edition.retention_months = 18
    edition.save()

    page = words(client.get(PRIVACY))

    assert "Pour organiser l’université d’été" in page
    assert "Votre consentement" in page
    assert "jusqu’à 18 mois après la fin de l’événement (mercredi 10 juillet 2030)" in page
    assert "contact@example.org" in page
    assert "supprimer vous-même vos données" in page


def test_privacy_page_falls_back_on_the_organisers(client, edition):
    edition.contact_email = ""
    edition.save()
    organiser = OrganisationFactory(name="Centre national de la fonction publique territoriale")
    edition.partnerships.create(organisation=organiser, role="organiser")

    page = words(client.get(PRIVACY))

    assert "adressez-vous à : Centre national de la fonction publique territoriale" in page


def test_signup_form_links_consent_to_the_privacy_page(client, signup_data):
    response = client.get(reverse("registrations:signup"))

    assert f'<a href="{PRIVACY}">données personnelles</a>' in response.content.decode()


def test_consent_is_required(client, signup_data):
    response = client.post(reverse("registrations:signup"), signup_data(consent=None))

    assert response.context["form"].errors == {
        "consent": ["Votre accord est nécessaire pour enregistrer l’inscription."]
    }
    assert Registration.objects.count() == 0


def test_public_listing_is_a_separate_optional_consent(client, signup_data):
    client.post(reverse("registrations:signup"), signup_data())

    assert Registration.objects.get().public_listing is False


def test_participant_deletes_their_data(client, register, mini_conferences, edition, committed):
    full = mini_conferences[0]
    leaving = register(mini_conference=full)
    register(mini_conference=full)
    waiting = register(mini_conference=full)
    AttendanceFactory(registration=leaving, day=edition.days.first())
    delete_url = reverse("registrations:delete", kwargs={"token": leaving.token})

    with committed():
        response = client.post(delete_url)

    assert response["Location"] == reverse("registrations:deleted")
    assert "Vos données sont supprimées" in words(client.get(response["Location"]))
    assert not Registration.objects.filter(pk=leaving.pk).exists()
    for model in (Seat, ChallengePreference, Attendance):
        assert not model.objects.filter(registration_id=leaving.pk).exists()
    assert client.get(leaving.get_absolute_url()).status_code == 404
    assert Seat.objects.get(registration=waiting).status == Seat.Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.email]]


@pytest.mark.parametrize("method", ["get", "head"])
def test_deletion_needs_a_post(client, register, method):
    registration = register()

    getattr(client, method)(reverse("registrations:delete", kwargs={"token": registration.token}))

    assert Registration.objects.filter(pk=registration.pk).exists()
