"""Emails speak the language the participant signed up in, whoever triggers them."""

from django.core import mail
from django.urls import reverse

from registrations import services
from registrations.models import Registration


def test_sign_up_in_english_then_promotion_from_a_french_organiser_is_in_english(
    client, signup_data, mini_conferences, register, committed
):
    full = mini_conferences[0]
    first = register(mini_conference=full)
    register(mini_conference=full)
    client.cookies["django_language"] = "en"
    with committed():
        client.post(reverse("registrations:signup"), signup_data(join_waiting_list="on"))
    english = Registration.objects.get(email="camille.bernard@example.org")
    assert english.language == "en"
    assert mail.outbox[-1].subject.startswith("Your registration")

    mail.outbox.clear()
    with committed():
        services.cancel_registration(registration=first)

    # The one promoted reads English; the one who cancelled, French.
    assert [m.to for m in mail.outbox] == [["camille.bernard@example.org"], [first.email]]
    assert mail.outbox[0].subject.startswith("A seat has become free")
    assert mail.outbox[1].subject.startswith("Inscription annulée")


def test_french_stays_the_default_language_of_emails(client, signup_data, committed):
    with committed():
        client.post(reverse("registrations:signup"), signup_data())
    assert Registration.objects.get().language == "fr"
    assert mail.outbox[-1].subject.startswith("Votre inscription")
