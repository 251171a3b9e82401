"""Every kind of public page, each reached the way a visitor reaches it (forms sent included).

`PAGES` maps an id to a function that takes a `Visit` and leaves its page on that kind of page.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from evaluations.follow_up import sent_at
from evaluations.models import Answer, Question
from evaluations.summary import signed
from programme.models import Person, ProgrammeChange, Session, SessionKind
from programme.screen import screen_key
from registrations import attendance, services
from teams import services as teams
from tests.browser.signup import fill_signup
from tests.factories import AttendanceFactory, CallFactory, ProposalFactory, SpeakerFactory


@dataclass
class Visit:
    page: Any
    url: Any
    edition: Any
    registration: Any = None
    proposal: Any = None
    monkeypatch: Any = None

    def open(self, name, *args):
        return self.page.goto(self.url(name, *args))

    def submit(self):
        self.page.locator("main form button[type=submit]").first.click()
        self.page.wait_for_load_state()


def sessions_of(edition):
    return Session.objects.of_edition(edition).order_by("start", "pk")


def register_someone(edition, **data):
    """A registration with a mini-conference, meals and challenges, listed in public."""
    slot = sessions_of(edition).filter(kind=SessionKind.MINI_CONFERENCES).first()
    fields = {
        "first_name": "Dominique",
        "last_name": "Lefèvre",
        "email": "dominique.lefevre@example.org",
        "employer": "Communauté de communes du Clunisois",
        "category": "trainee",
        "public_listing": True,
        **data,
    }
    registration = services.register(
        edition=edition,
        data=fields,
        meals=list(sessions_of(edition).meals()[:2]),
        mini_conference=slot.mini_conferences.order_by("number").first(),
        join_waiting_list=True,
        challenges=list(edition.challenges.all()[:3]),
    )
    AttendanceFactory(registration=registration, day=edition.days.first(), period="afternoon")
    return registration


def propose(edition):
    call = CallFactory(edition=edition)
    theme = edition.days.get(date=datetime.date(2017, 7, 11))
    mini_conference = sessions_of(edition).get(day=theme, kind=SessionKind.MINI_CONFERENCES)
    proposal = ProposalFactory(call=call, theme=mini_conference.mini_conferences.first())
    SpeakerFactory(proposal=proposal)
    return proposal


def record_change(edition):
    session = sessions_of(edition).first()
    ProgrammeChange.objects.create(
        edition=edition,
        session=session,
        title=session.title,
        kind=ProgrammeChange.Kind.CHANGED,
        fields=[{"field": "title", "old": "Ancien titre", "new": session.title}],
        changed_at=timezone.now(),
    )


def fill(visit, **fields):
    for name, value in fields.items():
        visit.page.fill(f"#id_{name}", value)


def plenary(visit):
    session = sessions_of(visit.edition).filter(kind=SessionKind.PLENARY).first()
    visit.open("programme:session-detail", session.pk)


def mini_conference_slot(visit):
    slot = sessions_of(visit.edition).filter(kind=SessionKind.MINI_CONFERENCES).first()
    visit.open("programme:session-detail", slot.pk)


def venue(visit):
    session = sessions_of(visit.edition).filter(venue__isnull=False).first()
    visit.open("programme:venue-detail", session.venue.slug)


def session_with_a_list(visit):
    session = sessions_of(visit.edition).filter(description__contains="\n- ").first()
    visit.open("programme:session-detail", session.pk)


def challenge_with_its_team(visit):
    """The challenge of the visitor's first choice, once the challenge teams are published."""
    run = teams.run_challenge_allocation(edition=visit.edition)
    teams.publish(allocation=run)
    membership = run.memberships.get(registration=visit.registration)
    visit.open("programme:challenge-detail", membership.team.challenge_id)


def mini_conference(visit):
    slot = sessions_of(visit.edition).filter(kind=SessionKind.MINI_CONFERENCES).first()
    visit.open("programme:miniconference-detail", slot.mini_conferences.first().pk)


def changes(visit):
    record_change(visit.edition)
    visit.open("programme:changes")


def now_during_the_event(visit):
    # The site's one clock, patched in this process: the live server's thread reads it too.
    first = sessions_of(visit.edition).first()
    visit.monkeypatch.setattr("programme.clock.now", lambda: first.start)
    visit.open("programme:now")


def screen_during_the_event(visit):
    # The hall screen at the mini-conferences, with a self-sign code shown by a panel.
    slot = sessions_of(visit.edition).filter(kind=SessionKind.MINI_CONFERENCES).first()
    moment = slot.start + datetime.timedelta(minutes=15)
    visit.monkeypatch.setattr("programme.clock.now", lambda: moment)
    panel = {"kind": "sign_code", "code": "K7PM", "label": "Émargement", "until": slot.end}
    visit.monkeypatch.setattr("programme.screen.SCREEN_PANELS", [lambda *args: panel])
    visit.page.goto(visit.url("programme:screen") + "?cle=" + screen_key(visit.edition))


def signup_errors(visit):
    visit.open("registrations:signup")
    fill(visit, email="pas-une-adresse")
    visit.submit()


def signup_closed(visit):
    visit.edition.registration_closes_at = visit.edition.registration_opens_at
    visit.edition.registration_opens_at -= datetime.timedelta(days=1)
    visit.edition.save()
    visit.open("registrations:signup")


def signup_done(visit):
    visit.open("registrations:signup")
    fill_signup(visit.page)
    visit.submit()


def resend_errors(visit):
    visit.open("registrations:resend")
    fill(visit, email="pas-une-adresse")
    visit.submit()


def resend_sent(visit):
    visit.open("registrations:resend")
    fill(visit, email=visit.registration.email)
    visit.submit()


def evaluation(visit):
    # After the last day: every session of the participant is open for evaluation.
    after = timezone.make_aware(
        datetime.datetime.combine(visit.edition.end_date, datetime.time(23))
    )
    visit.monkeypatch.setattr("programme.clock.now", lambda: after)
    visit.open("evaluations:evaluate", visit.registration.token)


def at_moment(visit, moment):
    visit.monkeypatch.setattr("programme.clock.now", lambda: moment)


def personal_page_last_day(visit):
    # The last day: « Mes prochains pas » is offered, the intention shown at its sessions.
    visit.registration.learning_intention = "Apprendre à animer un atelier"
    visit.registration.save()
    last_day = datetime.datetime.combine(visit.edition.end_date, datetime.time(10, 30))
    at_moment(visit, timezone.make_aware(last_day))
    visit.open("registrations:manage", visit.registration.token)


def follow_up(visit):
    # The « à froid » questionnaire, open from the follow-up email.
    at_moment(visit, sent_at(visit.edition))
    visit.open("evaluations:follow-up", visit.registration.token)


def evaluation_summary(visit):
    # A speaker's summary, with enough answers to show its charts.
    session = sessions_of(visit.edition).filter(kind="plenary").first()
    speaker = Person.objects.create(first_name="Aïcha", last_name="Benali")
    session.speakers.add(speaker)
    for question in Question.objects.of_edition(visit.edition).for_sessions():
        for value in (2, 3, 4, 4, 4):
            text = "Très claire" if question.kind == "text" else ""
            value = None if question.kind == "text" else value
            Answer.objects.create(question=question, session=session, value=value, text=text)
    visit.open("evaluations:summary", signed(speaker, visit.edition))


def personal(name):
    return lambda visit: visit.open(name, visit.registration.token)


def personal_page_during_the_event(visit):
    # Between two items of the programme: « Prochaine étape » shows what is under way and next.
    first = sessions_of(visit.edition).first()
    moment = first.start + datetime.timedelta(minutes=15)
    visit.monkeypatch.setattr("programme.clock.now", lambda: moment)
    visit.open("registrations:manage", visit.registration.token)


def self_sign(visit, code=None):
    """« Signer ma présence » during the event's second half-day (the visitor's registration
    is recorded present at the first); with a code, sent."""
    moment = attendance.half_days(visit.edition)[1].start + datetime.timedelta(minutes=15)
    visit.monkeypatch.setattr("programme.clock.now", lambda: moment)
    visit.open("registrations:self-sign", visit.registration.token)
    if code is not None:
        fill(visit, code=code)
        visit.submit()


def correct_errors(visit):
    visit.open("registrations:correct", visit.registration.token)
    fill(visit, last_name="")
    visit.submit()


def signup_done_waiting(visit):
    """The thank-you page after asking for the waiting list of a full mini-conference."""
    full = visit.registration.seat.mini_conference
    full.capacity = 1
    full.save()
    visit.open("registrations:signup")
    fill_signup(visit.page, mini_conference=full.number, waiting=True)
    visit.submit()


def change_errors(visit):
    visit.open("registrations:change", visit.registration.token)
    first = visit.page.input_value("#id_challenge_1")
    visit.page.select_option("#id_challenge_2", first)
    visit.submit()


def after_confirming(name):
    def confirm(visit):
        visit.open(name, visit.registration.token)
        visit.submit()

    return confirm


def proposal_page(name):
    return lambda visit: visit.open(name, visit.proposal.token)


def proposal_errors(visit):
    visit.open("proposals:submit")
    fill(visit, email="pas-une-adresse", **{"speakers-1-first_name": "Alix"})
    visit.submit()


def proposal_call_closed(visit):
    call = visit.proposal.call
    call.closes_at = call.opens_at + datetime.timedelta(days=1)
    call.save()
    visit.open("proposals:submit")


def not_found(visit):
    visit.page.goto(visit.url("programme:home") + "pas-de-page-ici/")


PAGES = {
    "home": lambda visit: visit.open("programme:home"),
    "agenda": lambda visit: visit.open("programme:agenda"),
    "day": lambda visit: visit.open("programme:day-detail", visit.edition.start_date),
    "session": plenary,
    "session-mini-conferences": mini_conference_slot,
    "venue-list": lambda visit: visit.open("programme:venue-list"),
    "venue": venue,
    "challenges": lambda visit: visit.open("programme:challenge-list"),
    "challenge": challenge_with_its_team,
    "session-with-a-list": session_with_a_list,
    "mini-conference-list": lambda visit: visit.open("programme:miniconference-list"),
    "mini-conference": mini_conference,
    "changes": changes,
    "now": lambda visit: visit.open("programme:now"),
    "now-during-the-event": now_during_the_event,
    "screen": lambda visit: visit.open("programme:screen"),
    "screen-during-the-event": screen_during_the_event,
    "screen-without-refresh": lambda visit: visit.page.goto(
        visit.url("programme:screen") + "?actualiser=non"
    ),
    "offline-page": lambda visit: visit.open("offline-page"),
    "accessibility": lambda visit: visit.open("programme:accessibility"),
    "signup": lambda visit: visit.open("registrations:signup"),
    "signup-errors": signup_errors,
    "signup-closed": signup_closed,
    "signup-done": signup_done,
    "signup-done-waiting": signup_done_waiting,
    "resend": lambda visit: visit.open("registrations:resend"),
    "resend-errors": resend_errors,
    "resend-sent": resend_sent,
    "personal-page": personal("registrations:manage"),
    "personal-page-during-the-event": personal_page_during_the_event,
    "self-sign": self_sign,
    "self-sign-errors": lambda visit: self_sign(visit, code="XXXXX"),
    "correct": personal("registrations:correct"),
    "correct-errors": correct_errors,
    "change": personal("registrations:change"),
    "change-errors": change_errors,
    "cancel": personal("registrations:cancel"),
    "cancelled": after_confirming("registrations:cancel"),
    "delete": personal("registrations:delete"),
    "deleted": after_confirming("registrations:delete"),
    "personal-agenda": personal("registrations:personal-programme"),
    "certificate": personal("registrations:certificate"),
    "evaluation": evaluation,
    "personal-page-last-day": personal_page_last_day,
    "intention": personal("registrations:intention"),
    "follow-up": follow_up,
    "evaluation-summary": evaluation_summary,
    "privacy": lambda visit: visit.open("registrations:privacy"),
    "participants": lambda visit: visit.open("registrations:public-list"),
    "not-found": not_found,
    "proposal-form": lambda visit: visit.open("proposals:submit"),
    "proposal-errors": proposal_errors,
    "proposal-call-closed": proposal_call_closed,
    "proposal-page": proposal_page("proposals:manage"),
    "proposal-edit": proposal_page("proposals:edit"),
    "proposal-withdraw": proposal_page("proposals:withdraw"),
    "proposal-done": lambda visit: visit.open("proposals:done"),
    "speakers": lambda visit: visit.open("speakers:list"),
}


def shown(text):
    """Organisers' text as a French page shows it (typeset: ’, no-break spaces), as plain text."""
    from html import unescape

    from django.utils import translation
    from django.utils.html import strip_tags

    from programme.typography import typeset_text

    with translation.override("fr"):
        return unescape(strip_tags(typeset_text(text)))
