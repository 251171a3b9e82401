"""The meals in the registrations export: a column per meal, headed with its day.

A caterer counts the covers of one meal on one day. With a column per meal, that count is the
column's « oui » (a filter, or COUNTA at its foot), and the columns read left to right in the
order the meals are served. One cell listing « lundi …, mardi … » would need a text search per
meal, and two meals sharing a title (two lunches, two dinners) would be told apart only by the
day in the text. So the headers name the day, and each cell is « oui » or empty.
"""

from django.utils.translation import gettext_lazy as _
from import_export import fields

from programme.formats import dated_title
from programme.models import Session

TAKEN = _("oui")


class MealColumn(fields.Field):
    def __init__(self, meal):
        header = _("repas : %(meal)s") % {"meal": dated_title(meal)}
        super().__init__(column_name=header)
        self.meal = meal

    def value(self, registration):
        # registration.meals is prefetched by the export: no query per cell.
        taken = any(meal.pk == self.meal.pk for meal in registration.meals.all())
        return str(TAKEN) if taken else ""


def columns_for_meals(registrations):
    """A column for each meal of these registrations' editions, in the order they are served."""
    editions = registrations.order_by().values("edition_id")
    meals = Session.objects.meals().filter(day__edition__in=editions).select_related("day")
    return [MealColumn(meal) for meal in meals.order_by("start", "pk")]


class MealColumnsMixin:
    """For a ModelResource with a declared `meals` field: the export form offers that one
    field, and the file gets one MealColumn per meal in its place."""

    meal_columns = None

    def before_export(self, queryset, **kwargs):
        super().before_export(queryset, **kwargs)
        registrations = self.get_queryset() if queryset is None else queryset
        self.meal_columns = columns_for_meals(registrations)

    def get_export_fields(self, selected_fields=None):
        if self.meal_columns is None:  # Headers asked for outside an export: every meal.
            self.meal_columns = columns_for_meals(self.get_queryset())
        meals = self.fields["meals"]
        export_fields = []
        for field in super().get_export_fields(selected_fields):
            export_fields += self.meal_columns if field is meals else [field]
        return export_fields

    def export_field(self, field, instance, **kwargs):
        if isinstance(field, MealColumn):
            return field.value(instance)
        return super().export_field(field, instance, **kwargs)
