"""Exports of registrations for organisers: CSV that French Excel opens as is, and XLSX.

French Excel reads a CSV as Windows-1252 with `;` between cells unless the file starts with a
byte order mark, hence the BOM and the delimiter. A cell starting with `=`, `+`, `-` or `@`
would run as a formula in a spreadsheet: every such value is prefixed with a quote. A control
character makes the XLSX impossible to write: it is left out of every cell (safe_cell).
"""

import zoneinfo

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.forms import SelectableFieldsExportForm

from clunyevent.text import without_control_characters

from .meal_columns import MealColumnsMixin
from .models import Registration, Seat

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
SHEET_TITLE = _("Inscriptions")

# Characters a spreadsheet reads as the start of a formula (tab and CR too, per OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_cell(value):
    """A value any spreadsheet opens as typed: without control characters (the forms strip
    them, but a value stored before that or by other means must not break every export),
    then never a formula."""
    if isinstance(value, str):
        value = without_control_characters(value)
    return neutralise_formula(value)


class ExcelCSV(base_formats.CSV):
    """UTF-8 with a BOM and semicolons: what a French Excel opens without an import wizard."""

    def get_title(self):
        return "csv (Excel)"

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + dataset.export("csv", delimiter=";", **kwargs)


class ParisDateTimeWidget(widgets.DateTimeWidget):
    """Times as organisers read them in Cluny, whatever time zone is active."""

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        local = value.astimezone(PARIS)
        if kwargs.get("force_native_type"):
            # Spreadsheets know no time zones: a naive local time sorts and displays right.
            return local.replace(tzinfo=None)
        return local.strftime("%d/%m/%Y %H:%M")


class RegistrationResource(MealColumnsMixin, resources.ModelResource):
    last_name = fields.Field(attribute="last_name", column_name=pgettext_lazy("personne", "nom"))
    first_name = fields.Field(attribute="first_name", column_name=_("prénom"))
    email = fields.Field(attribute="email", column_name=_("courriel"))
    employer = fields.Field(attribute="employer", column_name=_("employeur"))
    job_title = fields.Field(attribute="job_title", column_name=_("fonction"))
    civil_service_category = fields.Field(
        attribute="civil_service_category", column_name=_("catégorie")
    )
    cadre_emplois = fields.Field(attribute="cadre_emplois", column_name=_("cadre d'emplois"))
    category = fields.Field(column_name=_("profil"))
    country = fields.Field(attribute="country", column_name=_("pays"))
    mini_conference = fields.Field(column_name=_("mini-conférence"))
    seat_status = fields.Field(column_name=_("statut de la place"))
    challenge_1 = fields.Field(column_name=_("défi 1"))
    challenge_2 = fields.Field(column_name=_("défi 2"))
    challenge_3 = fields.Field(column_name=_("défi 3"))
    # Offered as one box on the export form; a column per meal in the file (meal_columns.py).
    meals = fields.Field(column_name=_("repas (une colonne par repas)"))
    dietary_needs = fields.Field(attribute="dietary_needs", column_name=_("régime"))
    accessibility_needs = fields.Field(
        attribute="accessibility_needs", column_name=_("accessibilité")
    )
    status = fields.Field(column_name=_("statut"))
    created_at = fields.Field(
        attribute="created_at", column_name=_("inscrit·e le"), widget=ParisDateTimeWidget()
    )

    class Meta:
        model = Registration
        name = _("Inscriptions (colonnes en français)")
        fields = (
            "last_name",
            "first_name",
            "email",
            "employer",
            "job_title",
            "civil_service_category",
            "cadre_emplois",
            "category",
            "country",
            "mini_conference",
            "seat_status",
            "challenge_1",
            "challenge_2",
            "challenge_3",
            "meals",
            "dietary_needs",
            "accessibility_needs",
            "status",
            "created_at",
        )
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        # Whatever the admin's filters, fetch the related rows once rather than per line.
        return queryset.select_related("seat__mini_conference").prefetch_related(
            "challenge_preferences__challenge", "meals"
        )

    def after_export(self, queryset, dataset, **kwargs):
        super().after_export(queryset, dataset, **kwargs)
        # The XLSX sheet's name (tablib's default is « Tablib Dataset »).
        dataset.title = str(SHEET_TITLE)

    def export_field(self, field, instance, **kwargs):
        return safe_cell(super().export_field(field, instance, **kwargs))

    def dehydrate_category(self, registration):
        return registration.get_category_display()

    def dehydrate_status(self, registration):
        return registration.get_status_display()

    def dehydrate_mini_conference(self, registration):
        seat = self._seat(registration)
        return seat.mini_conference.title if seat else ""

    def dehydrate_seat_status(self, registration):
        seat = self._seat(registration)
        return seat.get_status_display() if seat else ""

    def dehydrate_challenge_1(self, registration):
        return self._challenge(registration, 1)

    def dehydrate_challenge_2(self, registration):
        return self._challenge(registration, 2)

    def dehydrate_challenge_3(self, registration):
        return self._challenge(registration, 3)

    @staticmethod
    def _seat(registration):
        try:
            return registration.seat
        except Seat.DoesNotExist:
            return None

    @staticmethod
    def _challenge(registration, rank):
        for preference in registration.challenge_preferences.all():
            if preference.rank == rank:
                return preference.challenge.title
        return ""


class ColumnNamesExportForm(SelectableFieldsExportForm):
    """The export page's boxes carry the columns' own names (« nom », « repas… »), in the
    interface's language; django-import-export would show the attribute, « Last Name (nom) »."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return capfirst(field.column_name) if field else field_name
