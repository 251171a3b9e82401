"""Rewrite the French catalogue from the sources: each string in French typography."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command

from programme.catalogue import typeset_catalogue

# What makemessages must not read: installed and collected code, the benchmarks.
IGNORED = [".venv", "staticfiles", "bench"]


class Command(BaseCommand):
    help = "Met à jour locale/fr : chaque chaîne de l’interface en typographie française."

    def handle(self, *args, **options):
        options = {"no_location": True, "no_wrap": True, "no_obsolete": True}
        call_command("makemessages", locale=["fr"], ignore_patterns=IGNORED, verbosity=0, **options)
        path = Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES" / "django.po"
        path.write_text(typeset_catalogue(path.read_text(encoding="utf-8")), encoding="utf-8")
        call_command("compilemessages", locale=["fr"], ignore_patterns=IGNORED, verbosity=0)
        self.stdout.write(f"{path.relative_to(settings.BASE_DIR)} : à jour.")
