import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from programme.copying import EDITION_RESET, copy_edition
from programme.models import (
    Challenge,
    ChallengeTheme,
    ChallengeType,
    Day,
    Edition,
    MiniConference,
    Partnership,
    Person,
    ProgrammeChange,
    Session,
    SessionKind,
    Venue,
)
from proposals.models import Call, Proposal
from registrations.models import Attendance, ChallengePreference, Registration, Seat
from registrations.services import NOT_YET_OPEN, registration_window
from teams.models import Allocation
from tests import factories

WINTER_MONDAY = datetime.date(2018, 1, 8)  # the 2017 edition is in July, in summer time
SUMMER_MONDAY = datetime.date(2018, 7, 9)


def local(moment):
    return timezone.localtime(moment) if moment is not None else None


def wall_clock(session):
    return (
        session.title,
        local(session.start).time(),
        local(session.end) and local(session.end).time(),
    )


def programme_of(edition):
    return {
        day.date: sorted(wall_clock(s) for s in day.sessions.all())
        for day in edition.days.prefetch_related("sessions")
    }


@pytest.mark.parametrize(
    "first_day", [WINTER_MONDAY, SUMMER_MONDAY], ids=["to-winter", "to-summer"]
)
def test_copy_keeps_every_session_at_its_local_time_on_the_matching_day(programme, first_day):
    offset = first_day - programme.start_date

    copy = copy_edition(programme, first_day=first_day)

    expected = {date + offset: sessions for date, sessions in programme_of(programme).items()}
    assert programme_of(copy) == expected
    assert (copy.start_date, copy.end_date) == (first_day, programme.end_date + offset)


def test_copy_to_winter_keeps_14_h_30_paris_time_across_the_change_of_time(programme):
    first_day = programme.days.order_by("date").first().sessions.order_by("start")
    plenary = next(s for s in first_day if local(s.start).strftime("%H:%M") == "14:30")
    assert local(plenary.start).strftime("%Y-%m-%d %H:%M %z") == "2017-07-10 14:30 +0200"

    copy = copy_edition(programme, first_day=WINTER_MONDAY)

    copied = Session.objects.of_edition(copy).get(title=plenary.title)
    assert local(copied.start).strftime("%Y-%m-%d %H:%M %z") == "2018-01-08 14:30 +0100"


def give_the_edition_people(edition):
    """Everything personal an edition gathers: registrations and their seats, waiting lists,
    preferences and attendance, speakers and challenge owners, proposals, teams."""
    mini_conference = MiniConference.objects.of_edition(edition).first()
    mini_conference.speakers.add(factories.PersonFactory())
    Session.objects.of_edition(edition).first().speakers.add(factories.PersonFactory())
    challenge = Challenge.objects.of_edition(edition).first()
    challenge.owner = factories.PersonFactory()
    challenge.save()
    for status in ("confirmed", "waiting"):
        seat = factories.SeatFactory(
            registration__edition=edition, mini_conference=mini_conference, status=status
        )
        factories.ChallengePreferenceFactory(registration=seat.registration, challenge=challenge)
        factories.AttendanceFactory(registration=seat.registration, day=edition.days.first())
    proposal = factories.ProposalFactory(call__edition=edition, theme=mini_conference)
    factories.SpeakerFactory(proposal=proposal)
    Allocation.objects.create(edition=edition)


def test_copy_takes_nobody_along(programme):
    give_the_edition_people(programme)
    people, venues = Person.objects.count(), Venue.objects.count()

    copy = copy_edition(programme, first_day=WINTER_MONDAY)

    assert {
        "registrations": Registration.objects.filter(edition=copy).count(),
        "seats": Seat.objects.filter(mini_conference__slot__day__edition=copy).count(),
        "preferences": ChallengePreference.objects.filter(challenge__edition=copy).count(),
        "attendance": Attendance.objects.filter(day__edition=copy).count(),
        "proposals": Proposal.objects.filter(call__edition=copy).count(),
        "allocations": Allocation.objects.filter(edition=copy).count(),
        "session speakers": Person.objects.filter(sessions__day__edition=copy).count(),
        "mini-conference speakers": Person.objects.filter(
            mini_conferences__slot__day__edition=copy
        ).count(),
        "challenge owners": Challenge.objects.filter(edition=copy, owner__isnull=False).count(),
        "changes logged": ProgrammeChange.objects.filter(edition=copy).count(),
        "people": Person.objects.count() - people,
        "venues": Venue.objects.count() - venues,
    } == dict.fromkeys(
        [
            "registrations",
            "seats",
            "preferences",
            "attendance",
            "proposals",
            "allocations",
            "session speakers",
            "mini-conference speakers",
            "challenge owners",
            "changes logged",
            "people",
            "venues",
        ],
        0,
    )


def counts(edition):
    return {
        "days": edition.days.count(),
        "sessions": Session.objects.of_edition(edition).count(),
        "mini-conferences": MiniConference.objects.of_edition(edition).count(),
        "themes": edition.challenge_themes.count(),
        "types": edition.challenge_types.count(),
        "challenges": edition.challenges.count(),
        "partners": sorted(edition.partnerships.values_list("organisation__name", "role")),
        "venues": sorted(
            Venue.objects.filter(sessions__day__edition=edition).distinct().values_list("slug")
        ),
    }


def test_copy_holds_the_whole_programme_in_the_same_venues(programme):
    copy = copy_edition(programme, first_day=WINTER_MONDAY)

    assert counts(copy) == counts(programme)
    assert counts(copy)["sessions"] == 20  # not empty lists compared: the fixtures are there


def test_copy_starts_unpublished_with_registration_closed(programme, client):
    copy = copy_edition(programme, first_day=WINTER_MONDAY)

    assert (copy.is_published, registration_window(copy)) == (False, NOT_YET_OPEN)
    assert (copy.registration_opens_at, copy.registration_closes_at) == (None, None)
    assert Edition.objects.current() == programme
    assert client.get("/").context["edition"] == programme


def test_copy_copies_every_plain_field_of_the_edition_dates_moved(programme):
    programme.contact_email = "contact@cnfpt.example"
    programme.capacity = 180
    programme.save()

    copy = copy_edition(programme, first_day=WINTER_MONDAY)

    differing = {
        field.name
        for field in Edition._meta.concrete_fields
        if getattr(copy, field.attname) != getattr(programme, field.attname)
    }
    offset = WINTER_MONDAY - programme.start_date
    assert differing == {"id", "slug", "number", "start_date", "end_date", *EDITION_RESET}
    assert (copy.slug, copy.number, copy.end_date) == ("2018", 3, programme.end_date + offset)


def test_copy_moves_the_call_for_proposals_by_the_same_days(programme):
    call = factories.CallFactory(edition=programme, introduction="Proposez un sujet.")

    copy = copy_edition(programme, first_day=WINTER_MONDAY, name="3e Université")

    copied = Call.objects.get(edition=copy)
    offset = WINTER_MONDAY - programme.start_date
    assert (copied.introduction, local(copied.opens_at).date(), local(copied.opens_at).time()) == (
        "Proposez un sujet.",
        local(call.opens_at).date() + offset,
        local(call.opens_at).time(),
    )
    assert copy.title == "3e Université"


def test_copy_leaves_cancelled_sessions_and_recordings_behind(programme):
    cancelled = Session.objects.of_edition(programme).filter(kind=SessionKind.BREAK).first()
    cancelled.is_cancelled = True
    cancelled.save()
    MiniConference.objects.of_edition(programme).update(recording_url="https://videos.example/1")

    copy = copy_edition(programme, first_day=WINTER_MONDAY)

    titles = Session.objects.of_edition(copy).values_list("title", flat=True)
    assert (len(titles), list(titles).count(cancelled.title)) == (19, 0)
    copied = MiniConference.objects.of_edition(copy)
    assert set(copied.values_list("recording_url", "sequence", "is_cancelled")) == {("", 0, False)}


def test_copy_follows_the_programme_rules(programme):
    copy = copy_edition(programme, first_day=WINTER_MONDAY)
    copied = [
        copy,
        *Partnership.objects.filter(edition=copy),
        *Day.objects.filter(edition=copy),
        *Session.objects.of_edition(copy),
        *MiniConference.objects.of_edition(copy),
        *ChallengeTheme.objects.filter(edition=copy),
        *ChallengeType.objects.filter(edition=copy),
        *Challenge.objects.of_edition(copy),
    ]

    errors = {}
    for obj in copied:
        try:
            obj.full_clean()
        except ValidationError as error:
            errors[f"{type(obj).__name__} {obj.pk} {obj}"] = error.message_dict

    assert (len(copied), errors) == (61, {})


@pytest.mark.parametrize(
    "first_day", [datetime.date(2017, 7, 10), datetime.date(2017, 7, 8)], ids=["same", "overlap"]
)
def test_copy_on_another_editions_dates_is_refused_and_creates_nothing(programme, first_day):
    editions = Edition.objects.count()

    with pytest.raises(ValidationError) as refused:
        copy_edition(programme, first_day=first_day)

    assert refused.value.messages[0].endswith(
        "la copie tomberait pendant l’édition «\xa02e Université européenne d'été de "
        "l'innovation publique territoriale\xa0» (du lundi 10 juillet 2017 au mercredi "
        "12 juillet 2017), qui occupe déjà les lieux\xa0: choisissez un autre premier jour."
    )
    assert Edition.objects.count() == editions


def test_copy_of_an_object_breaking_the_rules_names_it_and_creates_nothing(programme):
    plenary = Session.objects.of_edition(programme).filter(kind=SessionKind.PLENARY).first()
    # Stored by the shell, past the admin's rules: a session off its day.
    a_day = datetime.timedelta(days=1)
    Session.objects.filter(pk=plenary.pk).update(start=plenary.start + a_day, end=None)
    editions, sessions = Edition.objects.count(), Session.objects.count()

    with pytest.raises(ValidationError) as refused:
        copy_edition(programme, first_day=WINTER_MONDAY)

    assert refused.value.messages[0].startswith(
        f"La copie n’a pas été faite\xa0: séance «\xa0{plenary.title}\xa0»"
    )
    assert (Edition.objects.count(), Session.objects.count()) == (editions, sessions)


def run_copy(*arguments):
    out = io.StringIO()
    call_command("copy_edition", *arguments, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("named_by", ["slug", "key"])
def test_copy_edition_command_prepares_the_edition(programme, named_by):
    edition = programme.slug if named_by == "slug" else str(programme.pk)

    output = run_copy(edition, "--first-day", "2018-07-09", "--name", "3e Université")

    copy = Edition.objects.get(slug="2018")
    assert (copy.title, copy.start_date, copy.is_published) == (
        "3e Université",
        SUMMER_MONDAY,
        False,
    )
    assert output.startswith(
        "Édition «\xa02018\xa0» préparée\xa0: du lundi 9 juillet 2018 au mercredi"
    )
    assert "20 séances, 9 mini-conférences, 15 défis" in output


def test_copy_edition_command_twice_gives_two_identifiers(programme):
    run_copy("2017", "--first-day", "2018-07-09")
    run_copy("2017", "--first-day", "2018-09-10")

    assert list(Edition.objects.values_list("slug", flat=True).order_by("start_date")) == [
        "2017",
        "2018",
        "2018-2",
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["2017", "--first-day", "9/7/2018"], "«\xa09/7/2018\xa0» n’est pas une date"),
        (["2017", "--first-day", "2018-02-30"], "«\xa02018-02-30\xa0» n’est pas une date"),
        (["1999", "--first-day", "2018-07-09"], "Aucune édition «\xa01999\xa0»."),
        (["9" * 30, "--first-day", "2018-07-09"], "Aucune édition"),
        (["2017", "--first-day", "2017-07-11"], "la copie tomberait pendant l’édition"),
    ],
    ids=["not-iso", "no-such-day", "unknown", "huge-key", "overlap"],
)
def test_copy_edition_command_explains_what_it_refuses(programme, arguments, message):
    with pytest.raises(CommandError, match=message):
        run_copy(*arguments)

    assert Edition.objects.count() == 1
