"""The participant corrects their own details from the personal page (« Corriger mes
informations »): name, employer, function, diet, accessibility, listing on the public list.

Each changed field is kept in the registration's history (RegistrationChange), shown to
organisers in the registration's admin page; erasure deletes it (forgetting.forget). The
address is not among them: it identifies the registration (one per address and edition) and
receives the personal link, so changing it goes through the organisers.

The private texts (learning intention, own project, next steps) are written through the same
function, so their changes are dated in the history too, without their words.
"""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from clunyevent.text import PlainTextMixin
from programme import clock

from .exceptions import RegistrationCancelled
from .models import PRIVATE_FIELDS, Registration, RegistrationChange
from .services import _lock_registration  # The one way to lock a registration, read again.

FIELDS = [
    "first_name",
    "last_name",
    "employer",
    "job_title",
    "dietary_needs",
    "accessibility_needs",
    "public_listing",
]


class CorrectionForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Registration
        fields = FIELDS
        widgets = {
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "public_listing": _(
                "J'accepte que mon nom et mon employeur figurent sur la liste publique des "
                "participantes et participants"
            ),
        }
        help_texts = {
            "dietary_needs": _("Alimentation végétarienne, sans gluten, allergie…"),
            "accessibility_needs": _(
                "Ce dont vous avez besoin pour participer dans de bonnes conditions."
            ),
        }

    def save(self, commit=True):
        data = {name: self.cleaned_data[name] for name in FIELDS}
        return correct_details(registration=self.instance, data=data)


def correct_details(*, registration, data):
    """Save the fields of `data` that differ, each change recorded in the history; returns the
    changes (none for a repeated identical submission: a double tap changes nothing twice).
    Raises RegistrationGone or RegistrationCancelled if the registration went meanwhile."""
    with transaction.atomic():
        locked = _lock_registration(registration, cancelled=RegistrationCancelled)
        now = clock.now()
        changes = [
            RegistrationChange(registration=locked, field=name, **values(name, old, new), at=now)
            for name, new in data.items()
            if (old := getattr(locked, name)) != new
        ]
        for change in changes:
            setattr(locked, change.field, data[change.field])
        if changes:
            locked.save(update_fields=[*(c.field for c in changes), "updated_at"])
            RegistrationChange.objects.bulk_create(changes)
    return changes


def values(name, old, new):
    """What the history keeps of a change. Of the person's private texts (intention, project,
    next steps), only that they changed: organisers read the history, and these texts are
    written for the person alone — keeping them there would show them after all."""
    if name in PRIVATE_FIELDS:
        return {"old": "", "new": str(PRIVATE_MARK)}
    return {"old": as_text(old), "new": as_text(new)}


PRIVATE_MARK = _("(texte personnel, non conservé dans l’historique)")


class PrivateTextsForm(PlainTextMixin, forms.ModelForm):
    """« Mon intention d’apprentissage »: the two private texts, from the personal page."""

    class Meta:
        model = Registration
        fields = ["learning_intention", "own_project"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
        labels = {
            "learning_intention": _("Mon intention d’apprentissage"),
            "own_project": _("Mon propre projet"),
        }
        help_texts = {
            "learning_intention": _("Ce que je viens apprendre, ce que je veux en retirer."),
            "own_project": _("Le projet que je porte et que je veux faire avancer."),
        }

    def save(self, commit=True):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return correct_details(registration=self.instance, data=data)


def as_text(value):
    if isinstance(value, bool):
        return str(_("oui") if value else _("non"))
    return str(value)
