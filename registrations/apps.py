from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Inscriptions")

    def ready(self):
        from mailqueue.services import before_each_pass
        from programme.models import MiniConference, Session
        from programme.screen import SCREEN_PANELS, add_screen_panel

        from .link_requests import send_requested_links
        from .notices import remember_audience, send_due_rounds
        from .screen_panel import sign_code_panel

        # The mail worker sends the change notices that are due, at each of its passes, and
        # the personal links asked for again (queued first, they go in the same pass).
        before_each_pass(send_due_rounds)
        before_each_pass(send_requested_links)

        # Before the row and its links (meals, seats) go: who is to be told of the removal.
        for model in (Session, MiniConference):
            uid = f"notice-audience-{model.__name__.lower()}"
            pre_delete.connect(remember_audience, sender=model, dispatch_uid=uid)

        # The hall screens show the half-day's self-sign code once staff turn it on.
        if sign_code_panel not in SCREEN_PANELS:
            add_screen_panel(sign_code_panel)
