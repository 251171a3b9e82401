import datetime
import io

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone
from post_office.models import Email

from registrations.management.commands.anonymise_registrations import add_months
from registrations.models import Registration
from tests import factories

# Edition of 8–10 July 2030 kept 12 months: the retention period ends on 10 July 2031.
AFTER = datetime.datetime(2031, 7, 11, 9, 0, tzinfo=datetime.UTC)
LAST_DAY = datetime.datetime(2031, 7, 10, 20, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock(monkeypatch):
    def set_now(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_now


@pytest.fixture
def registration(db):
    edition = factories.EditionFactory(slug="ete-2030", retention_months=12)
    registration = factories.RegistrationFactory(
        edition=edition,
        first_name="Élise",
        last_name="Dupont",
        email="elise@example.org",
        employer="Ville de Cluny",
        job_title="Directrice",
        cadre_emplois="Attachés",
        civil_service_category="A",
        category="speaker",
        country="Belgique",
        dietary_needs="Sans gluten",
        accessibility_needs="Fauteuil",
        public_listing=True,
    )
    seat = factories.SeatFactory(
        registration=registration, mini_conference__slot__day__edition=edition
    )
    registration.meals.add(factories.SessionFactory(day=seat.mini_conference.slot.day, kind="meal"))
    factories.AttendanceFactory(registration=registration, day=seat.mini_conference.slot.day)
    factories.ChallengePreferenceFactory(registration=registration)
    return registration


def run(*args):
    out = io.StringIO()
    call_command("anonymise_registrations", *args, stdout=out)
    return out.getvalue()


def test_anonymises_after_retention_and_keeps_statistics(registration, clock):
    clock(AFTER)
    old_token = registration.token

    output = run()

    registration.refresh_from_db()
    identity = [
        registration.first_name,
        registration.last_name,
        registration.employer,
        registration.job_title,
        registration.cadre_emplois,
        registration.dietary_needs,
        registration.accessibility_needs,
        registration.public_listing,
    ]
    assert identity == ["Anonyme", "Anonyme", "", "", "", "", "", False]
    assert registration.email == f"anonyme-{registration.pk}@anonyme.invalid"
    assert registration.token != old_token
    assert registration.anonymised_at == AFTER
    statistics = [
        registration.category,
        registration.civil_service_category,
        registration.country,
        registration.meals.count(),
        registration.seat.mini_conference_id is not None,
        registration.attendances.count(),
        registration.challenge_preferences.count(),
    ]
    assert statistics == ["speaker", "A", "Belgique", 1, True, 1, 1]
    assert "1 inscription(s) anonymisée(s)" in output


def test_leaves_an_edition_whose_retention_has_not_passed(registration, clock):
    clock(LAST_DAY)

    output = run()

    registration.refresh_from_db()
    assert (registration.last_name, registration.anonymised_at) == ("Dupont", None)
    assert "conservation jusqu'au 10/07/2031, rien à faire" in output


def test_second_run_changes_nothing(registration, clock):
    clock(AFTER)
    run()
    registration.refresh_from_db()
    first_pass = (registration.token, registration.email, registration.anonymised_at)
    clock(AFTER + datetime.timedelta(days=30))

    output = run()

    registration.refresh_from_db()
    assert (registration.token, registration.email, registration.anonymised_at) == first_pass
    assert "0 inscription(s) anonymisée(s)" in output


def test_dry_run_counts_without_changing(registration, clock):
    clock(AFTER)

    output = run("--dry-run")

    registration.refresh_from_db()
    assert registration.last_name == "Dupont"
    assert "1 inscription(s) à anonymiser (simulation)" in output


def test_edition_option_limits_to_one_edition(registration, clock):
    other = factories.RegistrationFactory(
        edition__end_date=datetime.date(2030, 7, 10), last_name="Autre"
    )
    clock(AFTER)

    run("--edition", "ete-2030")

    other.refresh_from_db()
    registration.refresh_from_db()
    assert (registration.last_name, other.last_name) == ("Anonyme", "Autre")


def test_unknown_edition_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Aucune édition avec l'identifiant « nulle-part »"):
        run("--edition", "nulle-part")


def test_admin_history_no_longer_names_the_person(registration, clock, admin_user):
    LogEntry.objects.log_actions(
        user_id=admin_user.pk, queryset=[registration], action_flag=CHANGE, change_message=""
    )
    clock(AFTER)

    run()

    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Registration),
        object_id=str(registration.pk),
    )
    assert entry.object_repr == "Anonyme"


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2017, 7, 12), 12, datetime.date(2018, 7, 12)),
        (datetime.date(2017, 8, 31), 6, datetime.date(2018, 2, 28)),
        (datetime.date(2019, 8, 31), 6, datetime.date(2020, 2, 29)),
        (datetime.date(2017, 11, 30), 3, datetime.date(2018, 2, 28)),
    ],
    ids=["a-year", "end-of-month", "leap-year", "across-year-end"],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_anonymises_on_the_sites_clock(registration, fixed_clock):
    fixed_clock(AFTER)

    run()

    registration.refresh_from_db()
    assert registration.anonymised_at == AFTER


def test_anonymising_deletes_the_emails_about_the_edition_only(registration, clock):
    clock(datetime.datetime(2030, 6, 1, 9, 0, tzinfo=datetime.UTC))
    factories.EmailFactory(to=[registration.email], message="Bonjour Élise,")
    clock(datetime.datetime(2031, 3, 1, 9, 0, tzinfo=datetime.UTC))
    next_year = factories.EmailFactory(to=[registration.email], subject="Édition 2031")
    other = factories.EmailFactory(to=["autre@example.org"])
    clock(AFTER)

    run()

    assert list(Email.objects.order_by("pk")) == [next_year, other]
