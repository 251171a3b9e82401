"""Restore a backup made by backup_data into an empty, migrated database."""

import gzip
import shutil
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from programme.models import Edition


class Command(BaseCommand):
    help = "Restaure une sauvegarde de backup_data dans une base migrée et vide."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="Fichier .json.gz écrit par backup_data.")

    def handle(self, *args, backup, **options):
        source = Path(backup)
        if not source.exists():
            raise CommandError(f"Fichier introuvable : {source}")
        if Edition.objects.exists() or get_user_model().objects.exists():
            raise CommandError("La base n'est pas vide : restaurez dans une base neuve et migrée.")
        with tempfile.TemporaryDirectory() as folder:
            plain = Path(folder) / "backup.json"
            with gzip.open(source, "rb") as packed, plain.open("wb") as unpacked:
                shutil.copyfileobj(packed, unpacked)
            with transaction.atomic():
                # Groups made by data migrations come back from the backup, with their members.
                from django.contrib.auth.models import Group

                Group.objects.all().delete()
                call_command("loaddata", str(plain), verbosity=0)
        self.stdout.write(f"Sauvegarde restaurée : {source}")
