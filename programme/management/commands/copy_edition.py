"""Prepare the next edition from the command line: see programme/copying.py."""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from programme.copying import copy_edition, programme_counts
from programme.formats import long_date
from programme.models import Edition


def parse_day(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            _("« %(value)s » n’est pas une date : écrivez-la AAAA-MM-JJ, par exemple 2018-07-09.")
            % {"value": value}
        ) from error


def edition_named(value):
    """An edition by its identifier (slug), else by its number in the database: the slug
    « 2017 » names the 2017 edition, whatever edition has the key 2017."""
    edition = Edition.objects.filter(slug=value).first()
    if edition is None and value.isdigit() and len(value) < 19:
        edition = Edition.objects.filter(pk=int(value)).first()
    if edition is None:
        raise CommandError(_("Aucune édition « %(value)s ».") % {"value": value})
    return edition


class Command(BaseCommand):
    help = _(
        "Copie une édition à de nouvelles dates pour préparer la suivante : lieux, organismes, "
        "programme décalé jour par jour, mini-conférences, thèmes, types et défis ; jamais les "
        "inscriptions, les places ni les personnes. La copie n’est pas publiée et ses "
        "inscriptions sont fermées."
    )

    def add_arguments(self, parser):
        parser.add_argument("edition", help=_("Identifiant (slug) ou numéro de l’édition copiée."))
        parser.add_argument(
            "--first-day", required=True, help=_("Premier jour de la copie, AAAA-MM-JJ.")
        )
        parser.add_argument("--name", help=_("Titre de la copie (par défaut, celui de l’édition)."))
        parser.add_argument("--slug", help=_("Identifiant de la copie (par défaut, l’année)."))

    def handle(self, *args, edition, first_day, name=None, slug=None, **options):
        source = edition_named(edition)
        try:
            copy = copy_edition(source, first_day=parse_day(first_day), name=name, slug=slug)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(report(copy))


def report(copy):
    return _(
        "Édition « %(slug)s » préparée : du %(start)s au %(end)s, %(days)d journées, "
        "%(sessions)d séances, %(mini_conferences)d mini-conférences, %(challenges)d défis. "
        "Elle n’est pas publiée et ses inscriptions sont fermées : vérifiez-la dans "
        "l’administration, puis publiez-la."
    ) % {
        "slug": copy.slug,
        "start": long_date(copy.start_date),
        "end": long_date(copy.end_date),
        **programme_counts(copy),
    }
