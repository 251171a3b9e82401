import datetime

import pytest

from registrations import services
from registrations.models import Registration
from tests.factories import EditionFactory, RegistrationFactory

ANONYMISED_AT = datetime.datetime(2031, 7, 11, 9, 0, tzinfo=datetime.UTC)

# One registration in each state that matters, named after it.
STATES = {
    "confirmed": {},
    "listed": {"public_listing": True},
    "cancelled": {"status": "cancelled"},
    "cancelled-listed": {"status": "cancelled", "public_listing": True},
    "anonymised": {"anonymised_at": ANONYMISED_AT},
    "anonymised-listed": {"anonymised_at": ANONYMISED_AT, "public_listing": True},
    "cancelled-anonymised": {"status": "cancelled", "anonymised_at": ANONYMISED_AT},
}


@pytest.fixture
def edition(db):
    return EditionFactory()


@pytest.fixture
def registrations(edition):
    for name, fields in STATES.items():
        RegistrationFactory(edition=edition, first_name=name, **fields)


def names(queryset):
    return sorted(queryset.values_list("first_name", flat=True))


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("confirmed", ["anonymised", "anonymised-listed", "confirmed", "listed"]),
        (
            "not_anonymised",
            ["cancelled", "cancelled-listed", "confirmed", "listed"],
        ),
        ("active", ["confirmed", "listed"]),
        ("listed", ["listed"]),
    ],
    ids=["confirmed", "not-anonymised", "active", "listed"],
)
def test_queryset_method_keeps_the_registrations_in_that_state(registrations, method, expected):
    assert names(getattr(Registration.objects, method)()) == expected


def test_of_edition_keeps_that_editions_registrations(edition):
    RegistrationFactory(edition=edition, first_name="ici")
    RegistrationFactory(first_name="ailleurs")

    assert names(Registration.objects.of_edition(edition)) == ["ici"]


def test_methods_chain_from_the_manager_and_from_a_queryset(registrations, edition):
    from_manager = Registration.objects.of_edition(edition).listed()
    from_queryset = Registration.objects.filter(first_name__startswith="l").active()

    assert names(from_manager) == ["listed"]
    assert names(from_queryset) == ["listed"]


def test_an_anonymised_registration_still_takes_its_place_in_the_edition(edition):
    edition.capacity = 1
    edition.save()
    RegistrationFactory(edition=edition, anonymised_at=ANONYMISED_AT)

    assert services.edition_is_full(edition)


def test_a_cancelled_registration_frees_its_place_in_the_edition(edition):
    edition.capacity = 1
    edition.save()
    RegistrationFactory(edition=edition, status="cancelled")

    assert not services.edition_is_full(edition)
