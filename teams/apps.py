from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = _("Équipes")

    def ready(self):
        # The personal programme names each published team on the sessions where it meets.
        # Teams hands its notes over rather than registrations importing teams: teams already
        # depends on registrations, and the dependency must run one way only.
        from registrations.personal_programme import add_note_source

        from .services import team_notes

        add_note_source(team_notes)
