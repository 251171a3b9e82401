"""The participant corrects their own details from the personal page (« Corriger mes
informations »): name, employer, function, diet, accessibility, listing on the public list.

Each changed field is kept in the registration's history (RegistrationChange), shown to
organisers in the registration's admin page; erasure deletes it (forgetting.forget). The
address is not among them: it identifies the registration (one per address and edition) and
receives the personal link, so changing it goes through the organisers.
"""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from clunyevent.text import PlainTextMixin
from programme import clock

from .exceptions import RegistrationCancelled
from .models import Registration, RegistrationChange
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
            RegistrationChange(
                registration=locked, field=name, old=as_text(old), new=as_text(new), at=now
            )
            for name, new in data.items()
            if (old := getattr(locked, name)) != new
        ]
        for change in changes:
            setattr(locked, change.field, data[change.field])
        if changes:
            locked.save(update_fields=[*(c.field for c in changes), "updated_at"])
            RegistrationChange.objects.bulk_create(changes)
    return changes


def as_text(value):
    if isinstance(value, bool):
        return str(_("oui") if value else _("non"))
    return str(value)
