"""The sign-in sheets: each person's signature from the records, and the spare rows for
people who come without having registered.

A signature recorded on site (scan, or the half-day's code) prints with its time and method;
a row with none stays blank for the pen, as before: the sheet is also the fallback.

How many is the organisers' choice for each sheet they print (« ?lignes=8 »), within a bound
that keeps the page printable; settings.SIGNIN_SHEET_BLANK_ROWS is the default.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Attendance

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


def with_signatures(registrations, half_day, *, attended_only=False):
    """`registrations`, each with `signature`: its Attendance at the half-day, or None (one
    query). With `attended_only`, only those annotated `attended` keep theirs."""
    records = {}
    if half_day is not None:
        records = {
            a.registration_id: a
            for a in Attendance.objects.filter(
                day=half_day.day, period=half_day.period, registration__in=registrations
            )
        }
    for registration in registrations:
        kept = not attended_only or registration.attended
        registration.signature = records.get(registration.pk) if kept else None
    return registrations
