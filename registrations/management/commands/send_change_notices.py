"""Send the change notices that are due (the mail worker runs this at every pass)."""

from django.core.management.base import BaseCommand

from registrations.notices import send_due_rounds


class Command(BaseCommand):
    help = (
        "Envoie les avis de modification du programme dont le délai de regroupement est "
        "écoulé (et qui ne sont pas suspendus)."
    )

    def handle(self, *args, **options):
        sent = send_due_rounds()
        if options["verbosity"]:
            self.stdout.write(f"{sent} avis envoyé(s).")
