"""What the proposal services refuse, each with the French message shown to the person."""

from django.utils.translation import gettext_lazy as _


class ProposalError(Exception):
    message = _("Cette action n'est pas possible.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class CallClosed(ProposalError):
    message = _("L'appel à propositions est clos : plus rien ne peut être envoyé ni modifié.")


class ProposalLocked(ProposalError):
    message = _(
        "Cette proposition a déjà reçu une réponse ou a été retirée : elle ne peut plus être "
        "modifiée."
    )


class DecisionRefused(ProposalError):
    message = _("Une proposition retirée ne peut être ni retenue ni refusée.")
