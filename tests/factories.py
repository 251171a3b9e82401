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
