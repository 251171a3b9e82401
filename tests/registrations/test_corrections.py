"""« Corriger mes informations »: the participant corrects their own details; each change is kept
in the registration's history, which organisers read in the admin and erasure deletes."""

import datetime

import pytest
from django.urls import reverse
from post_office.models import Email

from registrations.models import Registration, RegistrationChange
from tests import factories

from .conftest import text, words
from .test_forgetting import anonymise, delete_in_the_admin, erase

CORRECTED = {
    "first_name": "Hélène",
    "last_name": "Dupré-Martin",
    "employer": "Communauté de communes du Clunisois",
    "job_title": "Directrice générale des services",
    "dietary_needs": "Sans gluten",
    "accessibility_needs": "Fauteuil roulant",
    "public_listing": "on",
}


def correct_url(registration):
    return reverse("registrations:correct", kwargs={"token": registration.token})


@pytest.fixture
def person(register):
    return register(data={"first_name": "Hélène", "last_name": "Dupré", "employer": "Mairie"})


def test_the_personal_page_offers_the_correction(client, person):
    page = text(client.get(person.get_absolute_url()))

    assert f'href="{correct_url(person)}"' in page
    assert "Corriger mes informations" in page


def test_corrected_details_are_saved_and_shown(client, person):
    response = client.post(correct_url(person), CORRECTED, follow=True)

    assert response.redirect_chain == [(person.get_absolute_url(), 302)]
    assert "Vos informations sont enregistrées." in words(response)
    person.refresh_from_db()
    assert (person.last_name, person.employer, person.public_listing) == (
        "Dupré-Martin",
        "Communauté de communes du Clunisois",
        True,
    )
    assert person.dietary_needs == "Sans gluten"
    assert "Fauteuil roulant" in words(response)


def test_each_change_is_kept_in_the_history(client, person, fixed_clock):
    moment = fixed_clock(datetime.datetime(2030, 6, 1, 10, tzinfo=datetime.UTC))

    client.post(correct_url(person), CORRECTED)

    history = RegistrationChange.objects.filter(registration=person).order_by("field")
    assert [(c.field, c.old, c.new, c.at) for c in history] == [
        ("accessibility_needs", "", "Fauteuil roulant", moment),
        ("dietary_needs", "", "Sans gluten", moment),
        ("employer", "Mairie", "Communauté de communes du Clunisois", moment),
        ("job_title", "", "Directrice générale des services", moment),
        ("last_name", "Dupré", "Dupré-Martin", moment),
        ("public_listing", "non", "oui", moment),
    ]


def test_a_repeated_identical_correction_changes_nothing_twice(client, person):
    first = client.post(correct_url(person), CORRECTED)
    second = client.post(correct_url(person), CORRECTED)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == person.get_absolute_url()
    assert RegistrationChange.objects.filter(registration=person).count() == 6


def test_control_characters_are_stripped_and_required_fields_are_said(client, person):
    data = {**CORRECTED, "employer": "Ville\x00 de Cluny", "last_name": ""}

    response = client.post(correct_url(person), data)

    assert response.status_code == 200
    assert "Ce champ est obligatoire." in words(response)
    assert 'value="Ville de Cluny"' in text(response)
    assert not RegistrationChange.objects.exists()


def test_the_address_cannot_be_changed_there(client, person):
    client.post(correct_url(person), {**CORRECTED, "email": "autre@example.org"})

    person.refresh_from_db()
    assert person.email.startswith("personne")


def test_organisers_read_the_history_in_the_admin(client, admin_client, person):
    client.post(correct_url(person), CORRECTED)

    page = words(
        admin_client.get(reverse("admin:registrations_registration_change", args=[person.pk]))
    )

    assert "Corrections par la personne inscrite" in page
    assert "employeur Mairie Communauté de communes du Clunisois" in page


@pytest.mark.parametrize("forget", [erase, delete_in_the_admin, anonymise])
def test_forgetting_the_person_deletes_the_history_and_earlier_names(
    client, person, fixed_clock, forget
):
    client.post(correct_url(person), CORRECTED)
    Email.objects.all().delete()
    other = factories.EmailFactory(to=["x@example.org"], message="Équipe : Hélène Dupré, Lou")

    forget(client, person, fixed_clock)

    assert not RegistrationChange.objects.exists()
    other.refresh_from_db()
    assert other.message == "Équipe : Anonyme, Lou"


def test_a_cancelled_registration_cannot_be_corrected(client, person):
    Registration.objects.filter(pk=person.pk).update(status=Registration.Status.CANCELLED)

    response = client.post(correct_url(person), CORRECTED)

    assert response.status_code == 410
    assert not RegistrationChange.objects.exists()
