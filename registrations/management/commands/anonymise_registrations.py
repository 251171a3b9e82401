"""Anonymise the registrations of each edition whose retention period after the event is over.

What identifies a person (names, address, employer, job, needs, personal link) is replaced by
neutral values; what statistics need (profile, civil-service category, country, meals, seat,
challenge preferences, presence) is kept. The emails sent to those addresses about the edition
(the queue keeps a copy of each) are deleted, and neither the admin's history nor the other
emails of the queue name them any more (registrations/forgetting.py). Registrations already
anonymised are left alone, so running the command again changes nothing.
"""

import calendar
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from programme import clock
from programme.models import Edition
from registrations.forgetting import ANONYMOUS, forget
from registrations.models import PRIVATE_FIELDS, Registration, new_token

BLANKED = [
    "employer",
    "job_title",
    "cadre_emplois",
    "dietary_needs",
    "accessibility_needs",
    *PRIVATE_FIELDS,
]
UPDATED = ["first_name", "last_name", "email", "token", "public_listing"]


def add_months(day, months):
    """The same day `months` later, or the month's last day (31 August + 6 months: 28 or 29
    February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def retention_ends(edition):
    return add_months(edition.end_date, edition.retention_months)


def neutralise(registration, now):
    registration.first_name = registration.last_name = ANONYMOUS
    # Unique per row: the one-registration-per-address constraint must still hold.
    registration.email = f"anonyme-{registration.pk}@anonyme.invalid"
    # A fresh token: the old personal link must lead nowhere.
    registration.token = new_token()
    registration.public_listing = False
    for name in BLANKED:
        setattr(registration, name, "")
    registration.anonymised_at = now


def sent_until(edition):
    """Nothing is sent about an edition after its last day; a later email to the same address
    is about the next edition's registration, which stays."""
    last_day = datetime.datetime.combine(edition.end_date, datetime.time.max)
    return timezone.make_aware(last_day)


@transaction.atomic
def anonymise(registrations, now, *, edition):
    rows = list(registrations.select_for_update())
    # Before neutralising: the admin's history and the queued emails are searched for the names.
    forget(rows, emails_before=sent_until(edition))
    for registration in rows:
        neutralise(registration, now)
    Registration.objects.bulk_update(rows, [*UPDATED, *BLANKED, "anonymised_at"], batch_size=500)
    return len(rows)


class Command(BaseCommand):
    help = (
        "Anonymise les inscriptions des éditions dont la durée de conservation après "
        "l'événement est écoulée. Sans effet sur les autres, et sur ce qui l'est déjà."
    )

    def add_arguments(self, parser):
        parser.add_argument("--edition", metavar="SLUG", help="Une seule édition.")
        parser.add_argument("--dry-run", action="store_true", help="Compter sans rien modifier.")

    def handle(self, *args, edition=None, dry_run=False, **options):
        editions = Edition.objects.order_by("start_date")
        if edition is not None:
            editions = editions.filter(slug=edition)
            if not editions:
                raise CommandError(f"Aucune édition avec l'identifiant « {edition} ».")
        now = clock.now()
        for item in editions:
            self.stdout.write(self.process(item, now, dry_run))

    def process(self, edition, now, dry_run):
        ends = retention_ends(edition)
        if timezone.localdate(now) <= ends:
            return f"{edition} : conservation jusqu'au {ends:%d/%m/%Y}, rien à faire."
        pending = Registration.objects.of_edition(edition).not_anonymised()
        if dry_run:
            return f"{edition} : {pending.count()} inscription(s) à anonymiser (simulation)."
        count = anonymise(pending, now, edition=edition)
        return f"{edition} : {count} inscription(s) anonymisée(s)."
