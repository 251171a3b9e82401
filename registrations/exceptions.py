"""Why a registration or a change of choice was refused. Views turn them into French messages."""

from django.utils.translation import gettext_lazy as _


class RegistrationError(Exception):
    message = _("L'inscription n'a pas pu être enregistrée.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class RegistrationClosed(RegistrationError):
    message = _("Les inscriptions ne sont pas ouvertes.")


class EditionFull(RegistrationError):
    message = _("Toutes les places de l'université d'été sont prises.")


class MiniConferenceFull(RegistrationError):
    message = _(
        "Cette mini-conférence est complète. Choisissez-en une autre ou acceptez de vous "
        "inscrire en liste d'attente."
    )


class DuplicateRegistration(RegistrationError):
    message = _("Une inscription existe déjà pour cette adresse électronique.")
