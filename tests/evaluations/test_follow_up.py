"""« Mes prochains pas » on the last day, and the follow-up email with the « à froid »
questionnaire, EVALUATION_FOLLOW_UP_DAYS later: by a fixed clock, once, anonymous, counted."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from evaluations import follow_up
from evaluations.models import Answer, FollowUpMailing, Question, Response
from mailqueue import services as mailqueue
from registrations.models import Attendance, Registration, RegistrationChange
from tests import factories
from tests.factories import paris

MINUTE = datetime.timedelta(minutes=1)


def follow_ups():
    """The follow-up emails in the outbox (other emails of the tests' setup go there too)."""
    return [m for m in mail.outbox if "/evaluation/a-froid/" in m.body]


def day_30(edition):
    return paris(edition.end_date + datetime.timedelta(days=30), 9)


def test_the_follow_up_goes_thirty_days_after_the_last_day_once(world, fixed_clock, settings):
    settings.EVALUATION_FOLLOW_UP_DAYS = 30
    world.registration.next_steps = "Lancer un atelier avec le service jeunesse"
    world.registration.save()
    english = factories.RegistrationFactory(edition=world.edition, language="en")

    fixed_clock(day_30(world.edition) - MINUTE)
    follow_up.send_due_follow_ups()
    before = follow_ups()
    fixed_clock(day_30(world.edition))
    follow_up.send_due_follow_ups()
    follow_up.send_due_follow_ups()

    assert before == []
    assert len(follow_ups()) == 2
    assert FollowUpMailing.objects.get().recipients == 2
    french = next(m for m in follow_ups() if world.registration.email in m.to)
    assert "Lancer un atelier avec le service jeunesse" in french.body
    assert f"/inscription/{world.registration.token}/evaluation/a-froid/" in french.body
    assert "prochains pas" in french.subject
    other = next(m for m in follow_ups() if english.email in m.to)
    assert "Where are you now?" in other.body
    assert "Lancer un atelier" not in other.body  # each their own


def test_nothing_goes_once_the_questionnaire_a_froid_has_closed(world, fixed_clock, settings):
    settings.EVALUATION_FOLLOW_UP_OPEN_DAYS = 21
    fixed_clock(day_30(world.edition) + datetime.timedelta(days=21))

    follow_up.send_due_follow_ups()

    assert follow_ups() == []


def test_it_goes_to_those_who_attended_once_presences_are_entered(world, fixed_clock):
    day = world.edition.days.first()
    Attendance.objects.create(registration=world.registration, day=day, period="afternoon")
    wrote = factories.RegistrationFactory(edition=world.edition, next_steps="Écrire")
    absent = factories.RegistrationFactory(edition=world.edition)
    cancelled = factories.RegistrationFactory(edition=world.edition, next_steps="x")
    cancelled.status = Registration.Status.CANCELLED
    cancelled.save()
    fixed_clock(day_30(world.edition))

    follow_up.send_due_follow_ups()

    addressees = {m.to[0] for m in follow_ups()}
    assert addressees == {world.registration.email, wrote.email}
    assert absent.email not in addressees


def test_the_mail_worker_sends_the_follow_ups_at_each_pass():
    assert follow_up.send_due_follow_ups in mailqueue._before_each_pass


def follow_up_url(registration):
    return reverse("evaluations:follow-up", kwargs={"token": registration.token})


def answers_a_froid(edition, value, text):
    questions = Question.objects.of_edition(edition).for_follow_up()
    scale = questions.get(kind="scale")
    applied = questions.filter(kind="text").first()
    return {f"froid-q{scale.pk}": str(value), f"froid-q{applied.pk}": text}


@pytest.mark.parametrize(("count", "shown"), [(4, False), (5, True)])
def test_the_answers_a_froid_are_anonymous_and_counted_in_the_results(
    world, fixed_clock, client, count, shown
):
    fixed_clock(day_30(world.edition) + datetime.timedelta(days=2))
    people = [factories.RegistrationFactory(edition=world.edition) for _ in range(count)]
    for n, person in enumerate(people):
        client.post(follow_up_url(person), answers_a_froid(world.edition, 4, f"Appliqué {n}"))
    client.post(follow_up_url(people[0]), answers_a_froid(world.edition, 1, "Deuxième fois"))

    assert Response.objects.filter(follow_up=True).count() == count
    stored = Answer.objects.filter(question__scope="follow_up")
    assert stored.count() == 2 * count
    assert set(stored.values_list("session", "mini_conference")) == {(None, None)}
    assert not stored.filter(text="Deuxième fois").exists()
    client.force_login(factories.OrganiserFactory())
    page = client.get(reverse("evaluations-staff:results")).content.decode()
    assert "À froid, quelques semaines après" in page
    assert ("Appliqué 3" in page) is shown
    assert ("trop peu pour être montrées" in page) is not shown


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (lambda e: day_30(e) - MINUTE, "ouvre le"),
        (lambda e: day_30(e), "Envoyer mes réponses"),
        (lambda e: day_30(e) + datetime.timedelta(days=21), "est clos"),
    ],
    ids=["before", "open", "closed"],
)
def test_the_questionnaire_a_froid_opens_with_the_email_for_a_few_weeks(
    world, fixed_clock, client, settings, moment, expected
):
    settings.EVALUATION_FOLLOW_UP_OPEN_DAYS = 21
    fixed_clock(moment(world.edition))

    page = client.get(follow_up_url(world.registration)).content.decode()
    client.post(follow_up_url(world.registration), answers_a_froid(world.edition, 2, "Rien"))

    assert expected in page
    recorded = Response.objects.filter(follow_up=True).exists()
    assert recorded is (expected == "Envoyer mes réponses")


def manage_page(client, registration):
    return client.get(registration.get_absolute_url()).content.decode()


def next_steps_url(registration):
    return reverse("evaluations:next-steps", kwargs={"token": registration.token})


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (lambda e: paris(e.end_date, 0) - MINUTE, False),
        (lambda e: paris(e.end_date, 0), True),
        (lambda e: paris(e.end_date + datetime.timedelta(days=30), 23, 59), True),
        (lambda e: paris(e.end_date + datetime.timedelta(days=31), 0), False),
    ],
    ids=["eve", "last-day", "last-minute", "closed"],
)
def test_the_next_steps_are_written_from_the_last_day_until_the_questionnaire_closes(
    world, fixed_clock, client, settings, moment, is_open
):
    settings.EVALUATION_CLOSES_DAYS_AFTER = 30
    fixed_clock(moment(world.edition))

    page = manage_page(client, world.registration)
    client.post(next_steps_url(world.registration), {"next_steps": "Tester le prototype"})

    assert (next_steps_url(world.registration) in page) is is_open
    world.registration.refresh_from_db()
    assert (world.registration.next_steps == "Tester le prototype") is is_open


def test_the_history_says_the_next_steps_changed_without_their_words(world, fixed_clock, client):
    fixed_clock(paris(world.edition.end_date, 11))

    client.post(next_steps_url(world.registration), {"next_steps": "Un secret à moi"})
    page = manage_page(client, world.registration)

    change = RegistrationChange.objects.get(registration=world.registration)
    assert change.field == "next_steps"
    assert "secret" not in change.old + change.new
    assert "Un secret à moi" in page  # the person reads them back, in the form


@pytest.mark.parametrize(("moment", "offered"), [(-MINUTE, False), (MINUTE, True)])
def test_the_personal_page_offers_the_questionnaire_a_froid_once_it_opens(
    world, fixed_clock, client, moment, offered
):
    fixed_clock(day_30(world.edition) + moment)

    page = manage_page(client, world.registration)

    assert (follow_up_url(world.registration) in page) is offered
