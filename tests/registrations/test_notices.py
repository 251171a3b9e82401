"""Change notices: one digest per participant concerned once the programme has been quiet,
none for the others, held or sent at once by organisers from their page."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from programme.models import ProgrammeChange, Session, SessionKind
from registrations import notices
from registrations.models import NoticeRound
from tests.factories import PARIS, StaffUserFactory

MORNING = datetime.datetime(2030, 6, 20, 9, 0, tzinfo=PARIS)


@pytest.fixture
def now(fixed_clock):
    """A clock that can be moved on: now(minutes=…) sets it that far after MORNING."""

    def at(**delta):
        return fixed_clock(MORNING + datetime.timedelta(**delta))

    at()
    return at


@pytest.fixture
def people(register, meals, mini_conferences):
    """Three participants: one with the lunch, one in mini-conference 2, one with neither.
    The programme as they found it: the factories build it published, so its making is in
    the log; a real programme is made, then published."""
    ProgrammeChange.objects.all().delete()
    return {
        "lunch": register(meals=[meals[1]], mini_conference=mini_conferences[0]),
        "mc2": register(mini_conference=mini_conferences[1]),
        "plain": register(mini_conference=mini_conferences[0]),
    }


def plenary(edition):
    return Session.objects.of_edition(edition).get(kind=SessionKind.PLENARY)


def move(session, minutes):
    session.start += datetime.timedelta(minutes=minutes)
    session.end += datetime.timedelta(minutes=minutes)
    session.save()


def digests_by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def test_a_plenary_moved_twice_in_the_quiet_period_is_one_email_with_both(
    edition, people, now, settings
):
    settings.NOTICE_QUIET_MINUTES = 15
    session = plenary(edition)
    move(session, 30)
    now(minutes=10)
    move(session, 15)
    now(minutes=20)  # 10 minutes after the last change: not yet
    assert notices.send_due_rounds() == 0 and mail.outbox == []

    now(minutes=26)
    assert notices.send_due_rounds() == 3
    sent = digests_by_recipient()
    assert sorted(sent) == sorted(p.email for p in people.values())
    body = sent[people["plain"].email].body
    assert body.count(session.title) == 2
    # Both changes, old → new: 14 h 30 → 15 h, then 15 h → 15 h 15.
    assert "14\u00a0h\u00a030 → " in body and ", 15\u00a0h\u00a015" in body
    assert people["plain"].get_absolute_url() in body
    assert notices.send_due_rounds() == 0  # sent once


def test_only_the_people_holding_a_meal_or_a_mini_conference_are_told(
    edition, people, meals, mini_conferences, now
):
    meals[1].venue = None
    meals[1].save()
    mini_conferences[1].title = "Un autre sujet"
    mini_conferences[1].save()
    now(hours=1)
    call_command("send_change_notices", verbosity=0)
    sent = digests_by_recipient()
    assert sorted(sent) == sorted([people["lunch"].email, people["mc2"].email])
    assert "Un autre sujet" in sent[people["mc2"].email].body
    assert "Un autre sujet" not in sent[people["lunch"].email].body


def test_a_removed_meal_is_told_to_those_who_had_chosen_it(edition, people, meals, now):
    meals[1].delete()
    now(hours=1)
    notices.send_due_rounds()
    assert list(digests_by_recipient()) == [people["lunch"].email]
    assert "retirée du programme" in mail.outbox[0].body


def test_a_held_round_waits_and_send_now_does_not(edition, people, now):
    move(plenary(edition), 30)
    notices.open_round(edition).held = True
    NoticeRound.objects.update(held=True)
    now(hours=2)
    assert notices.send_due_rounds() == 0
    assert notices.send_round(notices.open_round(edition)) == 3
    assert len(mail.outbox) == 3


def test_a_participant_is_told_in_their_language(edition, people, now):
    people["plain"].language = "en"
    people["plain"].save()
    move(plenary(edition), 30)
    now(hours=1)
    notices.send_due_rounds()
    english = digests_by_recipient()[people["plain"].email]
    assert "Programme change" in english.subject or "changed" in english.body
    assert "juillet" not in english.body


def test_nothing_is_told_of_an_unpublished_programme(edition, people, now):
    edition.is_published = False
    edition.save()
    move(plenary(edition), 30)
    now(hours=1)
    assert notices.send_due_rounds() == 0 and mail.outbox == []


@pytest.fixture
def organiser(client, django_user_model):
    from django.contrib.auth.models import Group

    user = StaffUserFactory()
    user.groups.add(Group.objects.get_or_create(name="Organisateur·rice")[0])
    _grant(user)
    client.force_login(user)
    return client


def _grant(user):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_noticeround", "send_notices"])
    )


def test_organisers_see_what_waits_and_for_how_many(organiser, edition, people, now):
    move(plenary(edition), 30)
    page = organiser.get(reverse("registrations-staff:notices")).content.decode()
    assert plenary(edition).title in page
    assert "3 personnes concernées" in page
    assert "Suspendre l’envoi" in page and "Envoyer maintenant" in page


@pytest.mark.parametrize("action", ["hold", "send"])
def test_organisers_hold_or_send_now(organiser, edition, people, now, action):
    move(plenary(edition), 30)
    response = organiser.post(reverse("registrations-staff:notice-action"), {"action": action})
    assert response.status_code == 302
    notice_round = NoticeRound.objects.get()
    if action == "hold":
        assert notice_round.held and mail.outbox == []
        now(hours=5)
        assert notices.send_due_rounds() == 0
    else:
        assert notice_round.sent_at is not None and len(mail.outbox) == 3


def test_staff_without_the_permission_neither_sees_nor_sends(client, edition, people):
    client.force_login(StaffUserFactory())
    move(plenary(edition), 30)
    assert client.get(reverse("registrations-staff:notices")).status_code == 403
    response = client.post(reverse("registrations-staff:notice-action"), {"action": "send"})
    assert response.status_code == 403 and mail.outbox == []


# post-office closes the database connection after each batch: the worker runs outside any
# transaction, as it does in production.
@pytest.mark.django_db(transaction=True)
def test_the_mail_worker_sends_the_rounds_that_are_due(edition, people, now):
    mail.outbox.clear()  # The sign-up confirmations, sent once the sign-ups were committed.
    move(plenary(edition), 30)
    call_command("send_queued_mail_worker", "--once", verbosity=0)
    assert mail.outbox == []  # still within the quiet period
    now(hours=1)
    call_command("send_queued_mail_worker", "--once", verbosity=0)
    assert len(mail.outbox) == 3
