"""The sign-in sheets' spare rows, for people who come without having registered.

How many is the organisers' choice for each sheet they print (« ?lignes=8 »), within a bound
that keeps the page printable; settings.SIGNIN_SHEET_BLANK_ROWS is the default.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

MAX_BLANK_ROWS = 60


class BlankRowsForm(forms.Form):
    lignes = forms.IntegerField(
        label=_("Lignes libres pour les personnes venues sans inscription"),
        min_value=0,
        max_value=MAX_BLANK_ROWS,
        error_messages={
            "invalid": _("Indiquez un nombre entier de lignes."),
            "min_value": _("Le nombre de lignes ne peut pas être négatif."),
            "max_value": _("Pas plus de %(limit_value)s lignes vides par feuille."),
        },
        widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}),
    )


def blank_rows(request, *, after):
    """The form of the sheet's page and the numbers of its blank rows, numbered on from
    `after` (the registered people). A wrong value is said, and the default is used."""
    default = settings.SIGNIN_SHEET_BLANK_ROWS
    form = BlankRowsForm(request.GET if "lignes" in request.GET else None)
    count = form.cleaned_data["lignes"] if form.is_bound and form.is_valid() else default
    if form.errors:
        # Screen readers read the error with the field (the template gives it this id).
        attrs = {"aria-invalid": "true", "aria-describedby": "rows-error"}
        form.fields["lignes"].widget.attrs.update(attrs)
    if not form.is_bound:
        form = BlankRowsForm(initial={"lignes": default})
    return {"rows_form": form, "blank_rows": range(after + 1, after + count + 1)}
