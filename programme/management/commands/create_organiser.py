"""Create an organiser's account: staff, in the organiser group, the address as username."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

# Created by programme/migrations/0003_organiser_group.py; the migration keeps its own copy of
# the name because migrations must not import code that may change after them.
ORGANISER_GROUP = "Organisateur·rice"
PASSWORD_VARIABLE = "DJANGO_ORGANISER_PASSWORD"


class Command(BaseCommand):
    help = _(
        "Crée le compte d'une organisatrice ou d'un organisateur (accès à l'administration, "
        "groupe « %(group)s »). Le mot de passe est demandé, ou lu dans la variable "
        "d'environnement %(variable)s."
    ) % {"group": ORGANISER_GROUP, "variable": PASSWORD_VARIABLE}

    def add_arguments(self, parser):
        parser.add_argument("--email", help=_("Adresse électronique, qui sert d'identifiant."))
        parser.add_argument("--first-name", help=_("Prénom."))
        parser.add_argument("--last-name", help=_("Nom."))
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=_("Ne rien demander : tout vient des options et de %(variable)s.")
            % {"variable": PASSWORD_VARIABLE},
        )

    def handle(self, *args, email, first_name, last_name, interactive, **options):
        self.interactive = interactive
        email = self.checked_email(email or self.ask("email", _("Adresse électronique : ")))
        first_name = first_name or self.ask("first-name", _("Prénom : "))
        last_name = last_name or self.ask("last-name", _("Nom : "))
        user = create_organiser(
            email=email,
            first_name=first_name,
            last_name=last_name,
            password=self.password(email=email, first_name=first_name, last_name=last_name),
        )
        self.stdout.write(
            _("Compte créé pour %(name)s (%(email)s), dans le groupe « %(group)s ».")
            % {"name": user.get_full_name(), "email": email, "group": ORGANISER_GROUP}
        )

    def ask(self, option, prompt):
        try:
            value = input(prompt).strip() if self.interactive else ""
        except EOFError:  # No terminal (a script, CI): say which option is missing instead.
            value = ""
        except KeyboardInterrupt as interrupted:
            raise CommandError(_("Création annulée.")) from interrupted
        if not value:
            raise CommandError(_("Précisez --%(option)s.") % {"option": option})
        return value

    def checked_email(self, email):
        email = get_user_model().objects.normalize_email(email.strip())
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(
                _("« %(email)s » n'est pas une adresse électronique valide.") % {"email": email}
            ) from error
        if len(email) > get_user_model()._meta.get_field("username").max_length:
            raise CommandError(_("Cette adresse est trop longue pour servir d'identifiant."))
        if account_exists(email):
            raise CommandError(
                _("Un compte existe déjà pour l'adresse %(email)s : rien n'a été créé.")
                % {"email": email}
            )
        return email

    def password(self, **identity):
        password = os.environ.get(PASSWORD_VARIABLE) or self.ask_password()
        try:
            validate_password(
                password, user=get_user_model()(username=identity["email"], **identity)
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return password

    def ask_password(self):
        if not self.interactive:
            raise CommandError(
                _("Définissez %(variable)s pour créer un compte sans rien demander.")
                % {"variable": PASSWORD_VARIABLE}
            )
        try:
            password = getpass.getpass(_("Mot de passe : "))
            again = getpass.getpass(_("Mot de passe (à nouveau) : "))
        except (EOFError, KeyboardInterrupt) as interrupted:
            raise CommandError(
                _("Aucun mot de passe saisi : définissez %(variable)s hors d'un terminal.")
                % {"variable": PASSWORD_VARIABLE}
            ) from interrupted
        if password != again:
            raise CommandError(_("Les deux mots de passe diffèrent : rien n'a été créé."))
        return password


def account_exists(email):
    return (
        get_user_model().objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists()
    )


@transaction.atomic
def create_organiser(*, email, first_name, last_name, password):
    """Create a staff user named by the address, and put it in the organiser group."""
    try:
        group = Group.objects.get(name=ORGANISER_GROUP)
    except Group.DoesNotExist as error:
        raise CommandError(
            _("Le groupe « %(group)s » n'existe pas : lancez d'abord « manage.py migrate ».")
            % {"group": ORGANISER_GROUP}
        ) from error
    user = get_user_model().objects.create_user(
        username=email,
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        is_staff=True,
    )
    user.groups.add(group)
    return user
