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


class RegistrationGone(RegistrationError):
    """The personal link leads to no registration any more: deleted or anonymised, possibly by
    another request between the page's lookup and the action (two tabs, a double click).
    Its message heads the page that says so: no final stop."""

    message = _("Ce lien n'est plus valable")


class RegistrationCancelled(RegistrationGone):
    message = _("Cette inscription a déjà été annulée")
