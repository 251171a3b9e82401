import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from programme.models import Session, SessionKind
from registrations import services
from registrations.models import Registration, Seat

from .conftest import heading, text, words

PERSONAL_PAGES = ["manage", "change", "correct", "personal-programme", "cancel", "delete"]
MARKUP = "<script>alert(1)</script>"


def url(name, registration):
    return reverse(f"registrations:{name}", kwargs={"token": registration.token})


def test_personal_page_shows_registration_and_choices(client, register, challenges, meals):
    registration = register(
        data={"first_name": "Lucie", "employer": "Ville de Cluny"},
        meals=meals[1:],
        challenges=[challenges[3], challenges[1], challenges[0]],
    )

    page = words(client.get(url("manage", registration)))

    assert "Lucie" in page
    assert "Ville de Cluny" in page
    assert "place confirmée" in page
    assert f"{challenges[3].title} {challenges[1].title} {challenges[0].title}" in page
    assert meals[1].title in page
    assert meals[0].title not in page


def test_personal_page_names_each_meal_with_its_day(client, register, meals):
    Session.objects.filter(pk__in=[meal.pk for meal in meals]).update(title="Cocktail")
    registration = register(meals=meals)

    page = words(client.get(url("manage", registration)))

    assert "Lundi 8 juillet 2030, à partir de 19 h 30 : Cocktail" in page
    assert "Mardi 9 juillet 2030, 12 h 30 – 14 h : Cocktail" in page


def test_personal_page_shows_position_on_the_waiting_list(client, register, mini_conferences):
    full = mini_conferences[0]
    for _ in range(3):
        register(mini_conference=full)
    second_waiting = register(mini_conference=full)

    page = words(client.get(url("manage", second_waiting)))

    assert "liste d’attente 2e position sur la liste d’attente" in page


@pytest.mark.parametrize("name", PERSONAL_PAGES)
def test_unknown_token_gets_the_dead_link_page(client, db, edition, name):
    response = client.get(reverse(f"registrations:{name}", kwargs={"token": "x" * 43}))

    assert response.status_code == 404
    assert heading(response) == "Ce lien n’est pas ou plus valable"
    assert f'href="{reverse("registrations:resend")}">Recevoir à nouveau mon lien' in text(response)
    assert "Page introuvable" not in text(response)


@pytest.mark.parametrize("name", PERSONAL_PAGES)
@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"status": "cancelled"}, "Cette inscription a déjà été annulée"),
        ({"anonymised_at": timezone.now()}, "Ce lien n’est plus valable"),
    ],
    ids=["cancelled", "anonymised"],
)
def test_stale_token_is_gone(client, register, name, fields, expected):
    registration = register()
    Registration.objects.filter(pk=registration.pk).update(**fields)

    responses = [client.get(url(name, registration)), client.post(url(name, registration))]
    if (name, fields.get("status")) == ("cancel", "cancelled"):
        # Cancelling again (a double tap, a resubmission) lands where the first one did.
        assert responses.pop()["Location"] == reverse("registrations:cancelled")
    for response in responses:
        assert response.status_code == 410
        assert heading(response) == expected
        assert "Recevoir à nouveau mon lien" in text(response)
        assert "no-store" in response["Cache-Control"]
    assert Registration.objects.filter(pk=registration.pk, **fields).exists()


def test_personal_pages_are_private(client, register):
    response = client.get(url("manage", register()))

    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in text(response)
    assert '<meta name="referrer" content="same-origin">' in text(response)


def test_markup_typed_in_names_is_escaped_on_the_page(client, register):
    registration = register(data={"first_name": MARKUP, "employer": f"<b>{MARKUP}</b>"})

    html = client.get(url("manage", registration)).content.decode()

    assert MARKUP not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;" in html


def test_markup_typed_in_names_stays_plain_text_in_the_email(register, committed):
    with committed():
        register(data={"first_name": MARKUP})

    message = mail.outbox[0]
    assert f"Bonjour {MARKUP}," in message.body
    assert "&lt;" not in message.body
    assert message.content_subtype == "plain"
    assert getattr(message, "alternatives", []) == []


def change_data(mini_conference, challenges, **overrides):
    data = {
        "mini_conference": mini_conference.pk,
        "challenge_1": challenges[0].pk,
        "challenge_2": challenges[1].pk,
        "challenge_3": challenges[2].pk,
        "meals": [],
    }
    data.update(overrides)
    return data


def test_change_page_starts_from_the_current_choices(client, register, challenges, meals):
    registration = register(meals=meals[:1], challenges=challenges[1:4])

    form = client.get(url("change", registration)).context["form"]

    assert form.initial["meals"] == [meals[0].pk]
    assert [form.initial[f"challenge_{rank}"] for rank in (1, 2, 3)] == [
        c.pk for c in challenges[1:4]
    ]
    assert "votre choix actuel" in form.fields["mini_conference"].label_from_instance(
        form.fields["mini_conference"].queryset.get(pk=registration.seat.mini_conference_id)
    )


def test_change_page_saves_new_choices(client, register, mini_conferences, challenges, meals):
    registration = register(mini_conference=mini_conferences[0])
    data = change_data(mini_conferences[1], challenges[1:], meals=[m.pk for m in meals])

    response = client.post(url("change", registration), data)

    assert response["Location"] == url("manage", registration)
    assert Seat.objects.get(registration=registration).mini_conference == mini_conferences[1]
    assert list(registration.meals.order_by("start")) == meals
    assert "Vos choix sont enregistrés." in text(client.get(response["Location"]))


def test_change_page_refuses_the_same_challenge_twice(
    client, register, mini_conferences, challenges
):
    registration = register()
    data = change_data(mini_conferences[0], challenges, challenge_2=challenges[0].pk)

    response = client.post(url("change", registration), data)

    assert list(response.context["form"].errors) == ["challenge_2"]


def test_change_page_to_a_full_mini_conference_says_so(
    client, register, mini_conferences, challenges
):
    full = mini_conferences[1]
    register(mini_conference=full)
    register(mini_conference=full)
    registration = register(mini_conference=mini_conferences[0])

    response = client.post(url("change", registration), change_data(full, challenges))

    assert "Cette mini-conférence est complète" in text(response)
    assert Seat.objects.get(registration=registration).mini_conference == mini_conferences[0]


def test_change_page_after_the_window_is_closed(client, register, edition, mini_conferences):
    registration = register(mini_conference=mini_conferences[0])
    edition.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    edition.save()

    response = client.post(url("change", registration), {"mini_conference": mini_conferences[1].pk})

    assert response["Location"] == url("manage", registration)
    assert Seat.objects.get(registration=registration).mini_conference == mini_conferences[0]
    page = words(client.get(response["Location"]))
    assert "Les inscriptions sont closes : vos choix ne changent plus." in page
    assert url("change", registration) not in text(client.get(response["Location"]))


def test_personal_agenda_lists_what_the_person_attends(
    client, register, slot, mini_conferences, meals
):
    registration = register(mini_conference=mini_conferences[1], meals=meals[:1])
    plenary = Session.objects.of_edition(registration.edition).get(kind=SessionKind.PLENARY)

    page = words(client.get(url("personal-programme", registration)))

    assert plenary.title in page
    assert " ".join(str(mini_conferences[1]).split()) in page
    assert mini_conferences[1].venue.name in page
    assert slot.title not in page
    assert meals[0].title in page
    assert meals[1].title not in page
    assert "Lundi 8 juillet 2030" in page
    assert "Lundi 8 juillet 2030 14 h 30 – 15 h 30" in page  # words() folds no-break spaces.


def test_personal_agenda_marks_a_waiting_seat(client, register, mini_conferences):
    full = mini_conferences[0]
    register(mini_conference=full)
    register(mini_conference=full)

    page = words(client.get(url("personal-programme", register(mini_conference=full))))

    assert " ".join(f"{full} en liste d’attente".split()) in page


@pytest.mark.parametrize("name", ["cancel", "delete"])
def test_cancel_and_delete_ask_for_confirmation_first(client, register, name):
    registration = register()

    response = client.get(url(name, registration))

    assert response.status_code == 200
    assert '<form method="post">' in text(response)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_cancel_by_post(client, register):
    registration = register()

    response = client.post(url("cancel", registration))

    assert response["Location"] == reverse("registrations:cancelled")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert "Votre inscription est annulée" in text(client.get(response["Location"]))


def test_cancel_twice_changes_nothing(register):
    registration = register()
    services.cancel_registration(registration=registration)
    cancelled_at = Registration.objects.get(pk=registration.pk).cancelled_at

    services.cancel_registration(registration=registration)

    assert Registration.objects.get(pk=registration.pk).cancelled_at == cancelled_at


@pytest.mark.parametrize(
    "name",
    ["signup", "done", "resend", "public-list", "privacy", "cancelled", "deleted", *PERSONAL_PAGES],
)
def test_every_page_has_exactly_one_h1(client, register, name):
    registration = register()
    kwargs = {"token": registration.token} if name in PERSONAL_PAGES else {}

    response = client.get(reverse(f"registrations:{name}", kwargs=kwargs))

    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1
