"""Load the programme fixtures without ever overwriting what organisers have since edited."""

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from programme import content


def fixture_files(names):
    directories = [Path(d) for d in settings.FIXTURE_DIRS]
    if names:
        files = [d / f"{name.removesuffix('.json')}.json" for d in directories for name in names]
        return [f for f in files if f.exists()]
    # Programme first: example data refers to the edition, themes and types it creates.
    found = [f for d in directories for f in d.glob("*.json")]
    return sorted(found, key=lambda f: (not f.name.startswith("programme"), f.name))


class Command(BaseCommand):
    help = (
        "Charge les fixtures du programme (par défaut tous les fichiers JSON de fixtures/). "
        "Un fichier déjà chargé est ignoré : une deuxième exécution ne change rien et "
        "n'écrase ni ne recrée ce que l'équipe d'organisation a modifié ou supprimé."
    )

    def add_arguments(self, parser):
        parser.add_argument("fixtures", nargs="*", help="Noms de fixtures (sans .json).")

    def handle(self, *args, fixtures, **options):
        files = fixture_files(fixtures)
        if fixtures and not files:
            raise CommandError(f"Aucune fixture trouvée pour : {', '.join(fixtures)}")
        total = 0
        for path in files:
            created = self.load_missing(path)
            total += created
            if options["verbosity"]:
                self.stdout.write(f"{path.name} : {created} objet(s) ajouté(s).")
        if total:
            # Raw fixture saves are not counted as edits: one new content version for them all.
            content.changed()

    @transaction.atomic
    def load_missing(self, path):
        """Load a file once: if any of its objects exists, organisers own the data now, and
        what they edited or deleted in the admin stays as they left it."""
        with path.open(encoding="utf-8") as stream:
            objects = list(serializers.deserialize("json", stream))
        if any(already_loaded(d.object) for d in objects):
            return 0
        for deserialized in objects:
            deserialized.save()
        models = {type(d.object) for d in objects}
        if models:
            # Explicit primary keys leave PostgreSQL's sequences behind; bring them forward.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
                    cursor.execute(sql)
        return len(objects)


def already_loaded(obj):
    return type(obj).objects.filter(pk=obj.pk).exists()
