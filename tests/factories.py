"""factory_boy factories for the programme. Times are aware, in Europe/Paris."""

import datetime
import zoneinfo

import factory

from programme import models

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def paris(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Edition

    number = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"edition-{n}")
    title = factory.Sequence(lambda n: f"Université d'été n° {n}")
    theme = "Un thème"
    start_date = datetime.date(2030, 7, 8)
    end_date = datetime.date(2030, 7, 10)
    town = "Cluny"
    is_published = True


class DayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Day

    edition = factory.SubFactory(EditionFactory)
    date = factory.LazyAttribute(lambda o: o.edition.start_date)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Venue

    name = factory.Sequence(lambda n: f"Salle {n}")
    slug = factory.Sequence(lambda n: f"salle-{n}")
    address = "Place de l'abbaye, 71250 Cluny"
    latitude = "46.434000"
    longitude = "4.659000"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    first_name = factory.Sequence(lambda n: f"Camille{n}")
    last_name = factory.Sequence(lambda n: f"Martin{n}")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Session

    day = factory.SubFactory(DayFactory)
    start = factory.LazyAttribute(lambda o: paris(o.day.date, 9))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=1))
    title = factory.Sequence(lambda n: f"Séance {n}")
    kind = models.SessionKind.PLENARY
    venue = factory.SubFactory(VenueFactory)


class ChallengeThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ChallengeTheme

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Thème {n}")


class ChallengeTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ChallengeType

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Type {n}")


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Challenge

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Défi {n}")
    theme = factory.SubFactory(ChallengeThemeFactory, edition=factory.SelfAttribute("..edition"))
    challenge_type = factory.SubFactory(
        ChallengeTypeFactory, edition=factory.SelfAttribute("..edition")
    )


class MiniConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MiniConference

    slot = factory.SubFactory(SessionFactory, kind=models.SessionKind.MINI_CONFERENCES)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Mini-conférence {n}")
    venue = factory.SubFactory(VenueFactory)
    capacity = 25


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "registrations.Registration"

    edition = factory.SubFactory(EditionFactory)
    first_name = factory.Sequence(lambda n: f"Dominique{n}")
    last_name = factory.Sequence(lambda n: f"Durand{n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    employer = "Communauté de communes du Clunisois"
    job_title = "Chargée de mission"
    category = "trainee"
    consent_at = factory.LazyFunction(lambda: datetime.datetime.now(tz=PARIS))


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "registrations.Seat"

    registration = factory.SubFactory(RegistrationFactory)
    mini_conference = factory.SubFactory(MiniConferenceFactory)
    status = "confirmed"


class ChallengePreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "registrations.ChallengePreference"

    registration = factory.SubFactory(RegistrationFactory)
    challenge = factory.SubFactory(
        ChallengeFactory, edition=factory.SelfAttribute("..registration.edition")
    )
    rank = 1


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "registrations.Attendance"

    registration = factory.SubFactory(RegistrationFactory)
    day = factory.SubFactory(DayFactory, edition=factory.SelfAttribute("..registration.edition"))
    period = "morning"


def edition_with_half_days(**edition_fields):
    """An edition shaped like the printed programme: Monday afternoon 14 h 30 – 18 h 30,
    Tuesday morning 9 h – 12 h 30 (coffee before, lunch after, mini-conferences at 11 h 30)
    and Tuesday afternoon 14 h 30 – 18 h 30; meals, coffee and breaks are not training."""
    edition = EditionFactory(**edition_fields)
    monday = DayFactory(edition=edition, date=edition.start_date)
    tuesday = DayFactory(edition=edition, date=edition.start_date + datetime.timedelta(1))
    kinds = models.SessionKind
    for day, start, end, kind in [
        (monday, (14, 30), (15, 30), kinds.PLENARY),
        (monday, (17, 0), (17, 15), kinds.BREAK),
        (monday, (17, 15), (18, 30), kinds.CHALLENGE_STEP),
        (monday, (19, 30), None, kinds.MEAL),
        (tuesday, (8, 30), (9, 0), kinds.WELCOME_COFFEE),
        (tuesday, (9, 0), (11, 30), kinds.CHALLENGE_STEP),
        (tuesday, (11, 30), (12, 30), kinds.MINI_CONFERENCES),
        (tuesday, (12, 30), (14, 0), kinds.MEAL),
        (tuesday, (14, 30), (17, 0), kinds.CHALLENGE_STEP),
        (tuesday, (17, 30), (18, 30), kinds.LEARNING_TEAM),
    ]:
        SessionFactory(
            day=day,
            kind=kind,
            start=paris(day.date, *start),
            end=paris(day.date, *end) if end else None,
        )
    return edition


class CallFactory(factory.django.DjangoModelFactory):
    """A call for proposals open from ten days ago to ten days ahead."""

    class Meta:
        model = "proposals.Call"

    edition = factory.SubFactory(EditionFactory)
    opens_at = factory.LazyFunction(
        lambda: datetime.datetime.now(tz=PARIS) - datetime.timedelta(days=10)
    )
    closes_at = factory.LazyFunction(
        lambda: datetime.datetime.now(tz=PARIS) + datetime.timedelta(days=10)
    )


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "proposals.Proposal"

    call = factory.SubFactory(CallFactory)
    title = factory.Sequence(lambda n: f"Proposition {n}")
    summary = "Ce que notre collectivité a appris en ouvrant ses données."
    theme = factory.SubFactory(
        MiniConferenceFactory, slot__day__edition=factory.SelfAttribute("....call.edition")
    )
    format = "talk"
    email = factory.Sequence(lambda n: f"intervenant{n}@example.org")
    consent_at = factory.LazyFunction(lambda: datetime.datetime.now(tz=PARIS))


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "proposals.Speaker"

    proposal = factory.SubFactory(ProposalFactory)
    first_name = factory.Sequence(lambda n: f"Alix{n}")
    last_name = factory.Sequence(lambda n: f"Bernard{n}")
    organisation = "Département de Saône-et-Loire"


class StaffUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"organisateur{n}")
    is_staff = True


class OrganiserFactory(StaffUserFactory):
    """A staff account in the « Organisateur·rice » group, as create_organiser makes one."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def organiser_group(user, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        user.groups.add(Group.objects.get(name="Organisateur·rice"))


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "proposals.Review"

    proposal = factory.SubFactory(ProposalFactory)
    reviewer = factory.SubFactory(StaffUserFactory)
    score = 3


class EmailFactory(factory.django.DjangoModelFactory):
    """A message in post-office's queue, as the site's backend stores one."""

    class Meta:
        model = "post_office.Email"

    from_email = "ne-pas-repondre@localhost"
    to = factory.Sequence(lambda n: [f"destinataire{n}@example.org"])
    subject = "Votre inscription"
    message = "Bonjour,"
    status = 2  # post_office.models.STATUS.queued
