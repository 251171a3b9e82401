"""The three ranked challenge menus of the sign-up and of the change of choices: each menu
grouped by theme (<optgroup>), and above them a guide, one <details> per theme, that gives
each challenge's short description. A select cannot hold a description, and a phone cuts its
options short: the guide is where a participant reads before choosing, without JavaScript."""

from itertools import groupby

from crispy_forms.layout import HTML
from django import forms
from django.utils.translation import gettext_lazy as _

from programme.typography import typeset_plain

# Challenge.Meta.ordering sorts by theme order only: two themes of equal order would interleave.
BY_THEME = ("theme__order", "theme__name", "theme_id", "title", "pk")
GUIDE = HTML('{% include "registrations/includes/challenge_guide.html" %}')


# How organisers' (French) titles mark an example, as the catalogue's source string does.
SOURCE_EXAMPLE_MARK = " (exemple)"


class ChallengeField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if not obj.is_example:
            return typeset_plain(obj.title)
        # Example titles may already say so in French (the shipped examples do): the mark is
        # said once, in the visitor's language.
        title = obj.title.removesuffix(SOURCE_EXAMPLE_MARK)
        return _("%(title)s (exemple)") % {"title": typeset_plain(title)}

    def group_by_theme(self, guide):
        """The menu's options as « — Choisissez — » then one group per theme."""
        self.choices = [
            ("", self.empty_label),
            *[
                (theme.name, [(c.pk, self.label_from_instance(c)) for c in challenges])
                for theme, challenges in guide
            ],
        ]


def by_theme(challenges):
    """Pairs (theme, its challenges), from challenges listed in BY_THEME order."""
    return [(theme, list(items)) for theme, items in groupby(challenges, key=lambda c: c.theme)]
