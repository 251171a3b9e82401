"""The content version: once per committed transaction that changes what public pages show,
never for a seat, read from the cache or, when the cache lost it, from the database."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from programme import content
from programme.models import ContentVersion, Session
from tests import factories
from tests.programme.admin_forms import submit

pytestmark = pytest.mark.django_db(transaction=True)


def number():
    # get_or_create: transactional tests empty the database, the row the migration made too.
    return ContentVersion.objects.get_or_create(pk=1)[0].number


def test_one_transaction_with_many_saves_is_one_new_version(small_programme):
    before = number()
    with transaction.atomic():
        for session in Session.objects.of_edition(small_programme):
            session.title += " (corrigé)"
            session.save()
        session.speakers.add(factories.PersonFactory())
    assert number() == before + 1


def test_an_admin_edit_is_one_new_version(admin_client, small_programme):
    session = Session.objects.of_edition(small_programme).first()
    before = number()

    response = submit(
        admin_client, f"/admin/programme/session/{session.pk}/change/", {"title": "Titre corrigé"}
    )

    assert response.status_code == 302
    assert number() == before + 1


def test_a_rolled_back_edit_is_no_version_and_the_next_edit_is_one(small_programme):
    session = Session.objects.of_edition(small_programme).first()
    before = number()
    with pytest.raises(RuntimeError), transaction.atomic():
        session.save()
        raise RuntimeError
    assert number() == before

    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():  # a savepoint rolled back
            session.save()
            raise RuntimeError
        factories.VenueFactory()
    assert number() == before + 1


@pytest.mark.parametrize(
    "make",
    [
        lambda edition: factories.VenueFactory(),
        lambda edition: factories.OrganisationFactory(),
        lambda edition: factories.ChallengeFactory(edition=edition),
        lambda edition: factories.CallFactory(edition=edition),
        lambda edition: Session.objects.of_edition(edition).first().delete(),
    ],
    ids=["venue", "partner", "challenge", "call-for-proposals", "deleted-session"],
)
def test_content_changes_number_a_new_version(small_programme, make):
    before = number()
    with transaction.atomic():
        make(small_programme)
    assert number() == before + 1


def test_a_seat_or_a_registration_is_not_content(small_programme):
    before = number()
    with transaction.atomic():
        slot = Session.objects.of_edition(small_programme).get(kind="mini_conferences")
        mini_conference = factories.MiniConferenceFactory(slot=slot, number=99)
    made = number()
    seat = factories.SeatFactory(
        mini_conference=mini_conference, registration__edition=small_programme
    )
    seat.registration.meals.add(Session.objects.of_edition(small_programme).first())
    seat.delete()
    assert made == before + 1
    assert number() == made


def test_the_version_is_read_from_the_cache_once_it_is_there(small_programme):
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        first = content.current()
    with CaptureQueriesContext(connection) as warm:
        assert content.current().number == first.number
    assert (len(cold), len(warm)) == (1, 0)


def test_a_new_version_reaches_the_cache_at_the_commit(small_programme):
    content.current()
    with transaction.atomic():
        factories.VenueFactory()
        assert cache.get(content.KEY).number == number()  # not yet: still the old one
    assert cache.get(content.KEY).number == number() > 0


def test_an_unreachable_cache_falls_back_on_the_database(small_programme, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    assert content.current().number == number()


def test_fixtures_load_as_one_new_version(db):
    before = number()
    call_command("load_programme", verbosity=0)
    assert number() == before + 1
