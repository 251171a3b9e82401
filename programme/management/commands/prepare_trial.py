"""Try the site in one command: see programme/trial.py."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from programme.formats import long_date, short_time
from programme.trial import TRIAL_SLUG, demo_organiser, prepare_trial


class Command(BaseCommand):
    help = _(
        "Prépare une copie d’essai du programme, quelques semaines en avance, publiée et "
        "inscriptions ouvertes, pour essayer le site sur son poste ; crée un compte "
        "d’organisation de démonstration. L’édition copiée reste telle quelle. Relancée, la "
        "commande ne fait pas de seconde copie."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help=_("Adresse du site, pour les liens affichés (par défaut %(url)s).")
            % {"url": settings.SITE_URL},
        )
        parser.add_argument(
            "--no-organiser",
            action="store_false",
            dest="organiser",
            help=_("Ne pas créer de compte d’organisation de démonstration."),
        )

    def handle(self, *args, base_url, organiser, **options):
        if not settings.DEBUG:
            # It publishes a made-up edition and creates an account: never on a real site.
            raise CommandError(
                _(
                    "La copie d’essai sert à essayer le site sur son poste : elle n’est "
                    "préparée qu’avec DJANGO_DEBUG activé (réglages de développement)."
                )
            )
        trial, created = prepare_trial()
        if trial is None:
            raise CommandError(
                _("Aucune édition publiée à copier : lancez d’abord « manage.py load_programme ».")
            )
        self.stdout.write(self.summary(trial, created))
        if organiser:
            user, password = demo_organiser()
            self.stdout.write(
                _("Compte d’organisation : %(login)s, mot de passe : %(password)s")
                % {"login": user.get_username(), "password": password}
            )
        self.stdout.write(self.links(base_url.rstrip("/"), organiser))

    def summary(self, trial, created):
        closes = timezone.localtime(trial.registration_closes_at)
        message = (
            _("Copie d’essai « %(slug)s » préparée")
            if created
            else _("Copie d’essai « %(slug)s » déjà prête, inscriptions rouvertes")
        )
        return _(
            "%(what)s : du %(start)s au %(end)s, inscriptions ouvertes jusqu’au %(closes)s, "
            "%(time)s. C’est l’édition que montre le site ; celle qu’elle copie reste telle quelle."
        ) % {
            "what": message % {"slug": TRIAL_SLUG},
            "start": long_date(trial.start_date),
            "end": long_date(trial.end_date),
            "closes": long_date(closes.date()),
            "time": short_time(closes),
        }

    def links(self, base, organiser):
        pages = [
            (reverse("programme:home"), _("l’accueil")),
            (
                reverse("registrations:signup"),
                _("l’inscription, puis la page personnelle (son lien est donné à la fin)"),
            ),
        ]
        if organiser:
            pages += [
                (reverse("registrations-staff:home"), _("l’espace organisation, tous ses outils")),
                (reverse("admin:index"), _("l’administration")),
            ]
        width = max(len(path) for path, _label in pages)
        lines = [f"  {base}{path:<{width}}  {label}" for path, label in pages]
        return "\n".join([_("À essayer :"), *lines])
