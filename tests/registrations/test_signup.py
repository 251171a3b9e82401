import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

from registrations.models import ChallengePreference, Registration, Seat

from .conftest import text

SIGNUP = reverse("registrations:signup")


def personal_path(message):
    return re.search(r"http://testserver(/inscription/[\w-]{40,}/)", message.body).group(1)


def test_journey_from_signup_to_promotion(
    client, signup_data, mini_conferences, register, committed
):
    first, second = mini_conferences
    with committed():
        response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302
    assert "Un courriel avec votre lien personnel va être envoyé" in text(
        client.get(response["Location"])
    )

    # The email carries the personal link, which opens the personal page.
    assert [m.to for m in mail.outbox] == [["camille.bernard@example.org"]]
    link = personal_path(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert "Camille Bernard" in text(page)
    assert "place confirmée" in text(page)

    # A change of mini-conference moves the seat, and says so by email.
    change = {"mini_conference": second.pk, "meals": []}
    change.update({f"challenge_{p.rank}": p.challenge_id for p in page.context["preferences"]})
    with committed():
        response = client.post(link + "modifier/", change)
    assert response["Location"] == link
    camille = Registration.objects.get(email="camille.bernard@example.org")
    assert camille.seat.mini_conference == second
    assert list(camille.meals.all()) == []
    assert mail.outbox[-1].subject.startswith("Vos choix sont enregistrés")

    # The mini-conference fills up; two people wait.
    register(mini_conference=second)
    waiting = [register(mini_conference=second, join_waiting_list=True) for _ in range(2)]
    assert [w.seat.status for w in waiting] == ["waiting", "waiting"]
    mail.outbox.clear()

    # Cancelling frees the seat for the first person waiting, who is told by email; the
    # person who cancelled gets a confirmation of it.
    assert client.get(link + "annuler/").status_code == 200
    with committed():
        response = client.post(link + "annuler/")
    assert response["Location"] == reverse("registrations:cancelled")
    assert client.get(link).status_code == 410  # « Cette inscription a déjà été annulée »
    statuses = [Seat.objects.get(registration=w).status for w in waiting]
    assert statuses == ["confirmed", "waiting"]
    assert [m.to for m in mail.outbox] == [[waiting[0].email], [camille.email]]
    assert "une place s’est libérée" in mail.outbox[0].body
    assert personal_path(mail.outbox[0]) == waiting[0].get_absolute_url()


def test_signup_records_every_answer(client, signup_data, meals, challenges, committed):
    with committed():
        client.post(SIGNUP, signup_data(public_listing="on"))
    registration = Registration.objects.get()
    assert (registration.first_name, registration.employer, registration.category) == (
        "Camille",
        "Ville de Mâcon",
        "trainee",
    )
    assert registration.public_listing is True
    assert registration.consent_at is not None
    assert list(registration.meals.all()) == [meals[0]]
    ranks = ChallengePreference.objects.filter(registration=registration)
    assert [(p.rank, p.challenge) for p in ranks] == [
        (1, challenges[0]),
        (2, challenges[1]),
        (3, challenges[2]),
    ]


def test_signup_form_lists_meals_and_seat_states(client, signup_data, mini_conferences, register):
    register(mini_conference=mini_conferences[0])
    register(mini_conference=mini_conferences[0])
    page = text(client.get(SIGNUP))
    assert "Lundi 8 juillet 2030, à partir de 19\u00a0h\u00a030" in page
    assert "complet — liste d’attente" in page
    assert "places disponibles (2 places restantes sur 2)" in page
    assert "m’inscrire en liste d’attente si la mini-conférence est complète" in page.lower()


@pytest.mark.parametrize(
    ("opens", "closes", "expected"),
    [
        (None, None, "Les inscriptions ne sont pas encore ouvertes"),
        (2, 10, "elles ouvriront le"),
        (-10, -2, "Les inscriptions sont closes depuis le"),
    ],
    ids=["no-dates", "not-yet-open", "closed"],
)
def test_signup_outside_the_window_shows_dates_and_refuses_posts(
    client, edition, signup_data, opens, closes, expected
):
    now = timezone.now()
    edition.registration_opens_at = now + datetime.timedelta(days=opens) if opens else None
    edition.registration_closes_at = now + datetime.timedelta(days=closes) if closes else None
    edition.save()

    page = client.get(SIGNUP)
    refused = client.post(SIGNUP, signup_data())

    assert page.status_code == 200
    assert expected in text(page)
    assert "<form" not in text(page).split("<main")[1]
    assert refused.status_code == 403
    assert expected in text(refused)
    assert Registration.objects.count() == 0


def test_signup_when_the_edition_is_full(client, edition, signup_data, register):
    edition.capacity = 1
    edition.save()
    register()

    page = client.get(SIGNUP)
    refused = client.post(SIGNUP, signup_data())

    assert "Toutes les places de l’université d’été sont prises" in text(page)
    assert refused.status_code == 403
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    "field",
    [
        "first_name",
        "last_name",
        "email",
        "employer",
        "category",
        "mini_conference",
        "challenge_1",
        "consent",
    ],
)
def test_missing_required_field_is_reported_next_to_it_and_input_kept(client, signup_data, field):
    response = client.post(SIGNUP, signup_data(**{field: None}))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert f'id="error_1_id_{field}' in text(response) or f"id_{field}_error" in text(response)
    assert re.search(rf'href="#id_{field}(_0)?"', text(response))  # The summary at the top.
    if field != "last_name":
        assert 'value="Bernard"' in text(response)
    assert "Végétarienne</textarea>" in text(response)
    assert Registration.objects.count() == 0


def test_invalid_email_is_explained(client, signup_data):
    response = client.post(SIGNUP, signup_data(email="camille.example.org"))

    assert response.context["form"].errors["email"] == [
        "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr."
    ]
    assert 'value="camille.example.org"' in text(response)


def test_same_challenge_twice_is_refused(client, signup_data, challenges):
    response = client.post(SIGNUP, signup_data(challenge_3=challenges[0].pk))

    assert response.context["form"].errors == {
        "challenge_3": ["Vous avez déjà choisi ce défi\xa0: choisissez trois défis différents."]
    }
    assert Registration.objects.count() == 0


def test_full_mini_conference_needs_the_waiting_list(
    client, signup_data, mini_conferences, register
):
    full = mini_conferences[0]
    register(mini_conference=full)
    register(mini_conference=full)

    refused = client.post(SIGNUP, signup_data(mini_conference=full.pk))
    accepted = client.post(SIGNUP, signup_data(mini_conference=full.pk, join_waiting_list="on"))

    assert (
        "Cette mini-conférence est complète" in refused.context["form"].errors["mini_conference"][0]
    )
    assert accepted.status_code == 302
    seat = Seat.objects.get(registration__email="camille.bernard@example.org")
    assert seat.status == Seat.Status.WAITING


def test_filled_honeypot_is_silently_discarded(client, signup_data, committed):
    with committed():
        response = client.post(SIGNUP, signup_data(website="http://spam.example"))

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_honeypot_is_hidden_from_people_and_screen_readers(client, signup_data):
    page = text(client.get(SIGNUP))
    hidden = re.search(
        r'<div\s+class="visually-hidden"\s+aria-hidden="true">(.*?)</div>', page, re.S
    )
    assert 'name="website"' in hidden.group(1)
    assert 'tabindex="-1"' in hidden.group(1)
    assert "Ne remplissez pas ce champ" in hidden.group(1)


def test_signup_requires_the_csrf_token(signup_data):
    client = Client(enforce_csrf_checks=True)

    response = client.post(SIGNUP, signup_data())

    assert response.status_code == 403
    assert Registration.objects.count() == 0


def test_failing_mail_server_keeps_the_registration(
    client, failing_mail_server, signup_data, committed
):
    with committed():
        response = client.post(SIGNUP, signup_data())

    registration = Registration.objects.get()
    email = Email.objects.get()
    assert (email.to, email.status) == ([registration.email], STATUS.failed)
    assert "Relais SMTP injoignable" in email.logs.get().message
    done = text(client.get(response["Location"]))
    assert "Un courriel avec votre lien personnel va être envoyé à camille.bernard" in done
    # Never the link itself, even so: an address already registered gets this very page.
    assert registration.token not in done
