"""Load the programme fixtures without ever overwriting what organisers have since edited."""

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from programme.changes import touch_programme


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
        "Charge les fixtures du programme (par défaut tous les fichiers JSON de fixtures/) en "
        "n'ajoutant que les objets absents : une deuxième exécution ne change rien."
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
            # Raw fixture saves skip the signals: date the programme's last change here.
            touch_programme()

    @transaction.atomic
    def load_missing(self, path):
        created, models = 0, set()
        with path.open(encoding="utf-8") as stream:
            for deserialized in serializers.deserialize("json", stream):
                model = type(deserialized.object)
                if model._default_manager.filter(pk=deserialized.object.pk).exists():
                    continue
                deserialized.save()
                created += 1
                models.add(model)
        if models:
            # Explicit primary keys leave PostgreSQL's sequences behind; bring them forward.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
                    cursor.execute(sql)
        return created
