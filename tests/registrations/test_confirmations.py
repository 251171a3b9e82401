"""The emails that confirm what a participant did: a change of choices, a cancellation."""

import pytest
from django.core import mail
from django.urls import reverse

from programme.formats import long_date
from programme.typography import typeset_plain
from registrations import services
from registrations.models import Registration


def body_lines(message):
    return [line for line in message.body.splitlines() if line]


@pytest.fixture
def waiting(register, mini_conferences):
    """Camille, second on the waiting list of a full mini-conference."""
    full = mini_conferences[0]
    register(mini_conference=full)
    register(mini_conference=full)
    register(mini_conference=full)
    return register(data={"first_name": "Camille", "email": "camille@example.org"})


def change_to(registration, mini_conference, challenges, meals, committed):
    mail.outbox.clear()
    with committed():
        services.change_choices(
            registration=registration,
            mini_conference=mini_conference,
            join_waiting_list=True,
            challenges=challenges,
            meals=meals,
        )
    (message,) = mail.outbox
    return message


def test_change_of_choices_confirms_what_now_stands(
    waiting, mini_conferences, challenges, meals, committed, edition
):
    message = change_to(waiting, mini_conferences[0], challenges[1:4], meals[1:], committed)

    assert message.to == ["camille@example.org"]
    assert message.subject == f"Vos choix sont enregistrés\u00a0: {typeset_plain(edition.title)}"
    lines = body_lines(message)
    assert lines[0] == "Bonjour Camille,"
    assert f"Mini-conférence\xa0: {mini_conferences[0]}" in lines
    assert any("en liste d’attente, en 2e position" in line for line in lines)
    assert [line for line in lines if line[:2] in ("1.", "2.", "3.")] == [
        f"{rank}. {challenge.title}" for rank, challenge in enumerate(challenges[1:4], start=1)
    ]
    meal = meals[1]
    assert [line for line in lines if line.startswith("- ")] == [
        f"- {long_date(meal.day.date).capitalize()}, "
        f"12\u00a0h\u00a030 – 14\u00a0h\xa0: {meal.title}"
    ]
    assert waiting.get_absolute_url() in message.body


def test_change_to_a_confirmed_seat_and_nothing_else(waiting, mini_conferences, committed, edition):
    message = change_to(waiting, mini_conferences[1], [], [], committed)

    lines = body_lines(message)
    assert f"Mini-conférence\xa0: {mini_conferences[1]}" in lines
    assert "Votre place est confirmée." in lines
    assert not any(line.startswith(("1.", "- ")) for line in lines)


def test_change_of_choices_email_is_in_the_participants_language(
    waiting, mini_conferences, committed
):
    Registration.objects.filter(pk=waiting.pk).update(language="en")
    waiting.refresh_from_db()

    message = change_to(waiting, None, [], [], committed)

    assert message.subject.startswith("Your choices are saved")
    assert "You have chosen no mini-conference, no challenge and no meal." in message.body


def test_cancellation_is_confirmed_without_the_dead_link(waiting, committed, edition):
    mail.outbox.clear()
    with committed():
        services.cancel_registration(registration=waiting)

    (message,) = mail.outbox
    assert message.to == ["camille@example.org"]
    assert message.subject == f"Inscription annulée\u00a0: {typeset_plain(edition.title)}"
    assert (
        f"Votre inscription à «\u00a0{typeset_plain(edition.title)}\u00a0» est annulée."
        in message.body
    )
    assert f"http://localhost:8000{reverse('registrations:signup')}" in message.body
    assert "contact@example.org" in message.body
    assert waiting.token not in message.body


def test_cancellation_email_in_english(register, committed):
    registration = register(data={"language": "en"})
    mail.outbox.clear()

    with committed():
        services.cancel_registration(registration=registration)

    assert mail.outbox[0].subject.startswith("Registration cancelled")
    assert "You may register again while registration is open:" in mail.outbox[0].body


def test_cancelling_twice_emails_once(register, committed):
    registration = register()
    with committed():
        services.cancel_registration(registration=registration)
    mail.outbox.clear()

    with committed():
        services.cancel_registration(registration=registration)

    assert mail.outbox == []
