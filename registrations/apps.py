from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Inscriptions")

    def ready(self):
        from programme.models import MiniConference, Session

        from .notices import remember_audience

        # Before the row and its links (meals, seats) go: who is to be told of the removal.
        for model in (Session, MiniConference):
            uid = f"notice-audience-{model.__name__.lower()}"
            pre_delete.connect(remember_audience, sender=model, dispatch_uid=uid)
