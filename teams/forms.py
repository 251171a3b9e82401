"""The options organisers give a run."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clunyevent.text import PlainTextMixin


class RunForm(PlainTextMixin, forms.Form):
    keep_locked = forms.BooleanField(
        label=_("Conserver les placements faits à la main"),
        required=False,
        initial=True,
        help_text=_("Décochez pour tout recalculer, y compris les personnes déplacées à la main."),
    )


class LearningRunForm(RunForm):
    team_size = forms.IntegerField(
        label=_("Nombre maximal de personnes par équipe apprenante"),
        min_value=2,
        max_value=100,
        initial=8,
        error_messages={
            "min_value": _("Une équipe compte au moins 2 personnes."),
            "max_value": _("Une équipe compte au plus 100 personnes."),
            "invalid": _("Indiquez un nombre entier de personnes."),
            "required": _("Indiquez la taille des équipes."),
        },
    )
