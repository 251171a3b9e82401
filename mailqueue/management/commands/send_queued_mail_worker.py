"""The worker that sends the queued emails, beside the web server.

`make run` starts it with runserver; production runs it as a service of its own (README,
« Courriels : la file d'envoi »). Each pass sends what is due and spaces out the retries
(mailqueue.services.send_due), then the worker sleeps a few seconds. SIGTERM or Ctrl-C stops it
once the pass under way is over, so that no message sent is left recorded as unsent; a second
one stops it at once. --once makes a single pass, for cron or a test.
"""

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from post_office.models import STATUS

from mailqueue import services

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Envoie les courriels de la file d'envoi (django-post-office), en boucle jusqu'à "
        "SIGTERM ou Ctrl-C ; les échecs sont réessayés de plus en plus tard."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Un seul passage, puis arrêt.")
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Secondes d'attente entre deux passages (5 par défaut).",
        )

    def handle(self, *args, once=False, interval=5.0, verbosity=1, **options):
        stopping = threading.Event()
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, self.stop_after_this_pass(stopping))
            if verbosity:
                self.stdout.write(f"File d'envoi : un passage toutes les {interval:g} s.")
        while True:
            self.run_pass(verbosity)
            # wait() returns at once when a signal sets the event during the sleep.
            if once or stopping.wait(interval):
                break

    def run_pass(self, verbosity):
        close_old_connections()  # A connection the database dropped since the last pass.
        try:
            counts = services.send_due()
        except Exception:
            # A database or lock error must not end the worker: the next pass tries again.
            logger.exception("Passage de la file d'envoi interrompu")
            return
        if verbosity and any(counts.values()):
            self.stdout.write(
                f"Envoyés : {counts[STATUS.sent]}, à réessayer plus tard : "
                f"{counts[STATUS.requeued]}, abandonnés : {counts[STATUS.failed]}."
            )

    def stop_after_this_pass(self, stopping):
        def stop(signum, frame):
            stopping.set()
            # A second signal ends the worker at once, as a second Ctrl-C is meant to.
            signal.signal(signum, signal.SIG_DFL)

        return stop
