"""Publishing teams emails each member their team: who is in it, and where and when it meets."""

import pytest
from django.core import mail

from programme.formats import long_date
from programme.models import Session, SessionKind
from programme.typography import typeset_plain
from teams import services


@pytest.fixture
def published(challenges, register, run_challenges, committed):
    """Défi A: Aubrac (in English) and Berger; Défi B: Cerdan. Published, emails sent."""
    register(challenges[0], first_name="Anne", last_name="Aubrac", employer="Ville de Mâcon")
    register(
        challenges[0],
        first_name="Bruno",
        last_name="Berger",
        employer="Région Bourgogne",
        language="en",
        email="bruno@example.org",
    )
    register(challenges[1], first_name="Chloé", last_name="Cerdan", employer="CNFPT")
    run = run_challenges()
    mail.outbox.clear()
    with committed():
        services.publish(allocation=run)
    return run


def test_each_member_of_each_team_is_emailed(published):
    names = sorted(m.body.splitlines()[0] for m in mail.outbox)

    assert names == ["Bonjour Anne,", "Bonjour Chloé,", "Dear Bruno,"]


def test_team_email_names_the_team_its_members_and_when_it_meets(published, edition):
    (message,) = [m for m in mail.outbox if m.body.startswith("Bonjour Anne")]

    assert message.subject == f"Votre équipe défi\u00a0: {typeset_plain(edition.title)}"
    assert "vous êtes dans l’équipe du défi «\u00a0Défi A\u00a0»" in message.body
    members = [line for line in message.body.splitlines() if line.startswith("- ") and "(" in line]
    assert members == ["- Anne Aubrac (Ville de Mâcon)", "- Bruno Berger (Région Bourgogne)"]
    steps = Session.objects.of_edition(edition).filter(kind=SessionKind.CHALLENGE_STEP)
    for step in steps.select_related("day"):
        assert f"- {long_date(step.day.date).capitalize()}, " in message.body
        assert f"\xa0: {step.title}" in message.body
    assert "/agenda/" in message.body  # The personal programme, where the meetings are too.


def test_team_email_is_in_the_members_language(published):
    (message,) = [m for m in mail.outbox if m.to == ["bruno@example.org"]]

    assert message.subject.startswith("Your challenge team")
    assert "you are in the team of the challenge ‘Défi A’" in message.body
    assert "The members of the team:" in message.body


def test_publishing_again_emails_nobody_twice(published, committed):
    mail.outbox.clear()

    with committed():
        services.publish(allocation=published)

    assert mail.outbox == []


def test_a_member_who_cancelled_since_the_run_is_not_emailed(
    challenges, register, run_challenges, committed
):
    staying = register(challenges[0], first_name="Anne")
    leaving = register(challenges[0], first_name="Luc")
    run = run_challenges()
    leaving.status = "cancelled"
    leaving.save()
    mail.outbox.clear()

    with committed():
        services.publish(allocation=run)

    assert [m.to for m in mail.outbox] == [[staying.email]]
    assert "Luc" not in mail.outbox[0].body


def test_learning_teams_say_their_number_and_their_meetings(
    edition, challenges, register, committed
):
    register(challenges[0], first_name="Anne")
    run = services.run_learning_allocation(edition=edition, team_size=4)
    mail.outbox.clear()

    with committed():
        services.publish(allocation=run)

    (message,) = mail.outbox
    assert message.subject.startswith("Votre équipe apprenante")
    assert "vous êtes dans l’équipe apprenante n°\u00a01." in message.body
    meeting = Session.objects.of_edition(edition).get(kind=SessionKind.LEARNING_TEAM)
    assert f"\xa0: {meeting.title}" in message.body
