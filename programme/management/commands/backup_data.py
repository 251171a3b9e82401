"""A backup of all the site's data, portable between SQLite and PostgreSQL."""

import contextlib
import gzip
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from programme import clock

# Rebuilt by `migrate` on restore, or worthless after it: keeping them would clash.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
]


@contextlib.contextmanager
def snapshot():
    """Every table read as of one moment: sign-ups written during the dump are either whole in
    it or absent, never a seat without its registration."""
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    # SQLite (WAL): one read transaction sees one state of the file without stopping
    # writers. Django's atomic() would begin IMMEDIATE, taking the write lock for the dump.
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            cursor.execute("COMMIT")


class Command(BaseCommand):
    help = (
        "Sauvegarde toutes les données (programme, inscriptions, comptes…) dans un fichier JSON "
        "compressé, restaurable avec restore_data dans une base vide, SQLite ou PostgreSQL."
    )

    def add_arguments(self, parser):
        stamp = timezone.localtime(clock.now()).strftime("%Y%m%d-%H%M%S")
        parser.add_argument("--output", default=f"backups/clunyevent-{stamp}.json.gz")

    def handle(self, *args, output, **options):
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(path, "wt", encoding="utf-8") as stream, snapshot():
            call_command(
                "dumpdata",
                natural_foreign=True,
                natural_primary=False,
                exclude=EXCLUDED,
                indent=None,
                stdout=stream,
            )
        self.stdout.write(f"Sauvegarde écrite : {path}")
