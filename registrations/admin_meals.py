"""Meals in the registrations admin, each named with its day: two lunches and two dinners share
their titles, so « Cocktail déjeunatoire » alone does not say which one a person takes."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from programme.formats import dated_title, weekday_and_month
from programme.models import Day, Session

from .forms import PRIMARY_KEY
from .models import Registration


class MealChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return dated_title(obj)


def meal_field_options():
    """What formfield_for_manytomany takes for the meals: a box per meal (a handful of them, so
    the two-list widget would only hide long titles), labelled, in serving order."""
    meals = Session.objects.meals().select_related("day").order_by("start", "pk")
    return {
        "form_class": MealChoiceField,
        "queryset": meals,
        "widget": forms.CheckboxSelectMultiple,
    }


class MealFilter(admin.RelatedOnlyFieldListFilter):
    """The meals someone chose, by day and title (the parameter stays Django's meals__id__exact)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = _("aucun repas")  # Django's « - » says nothing here.

    def field_choices(self, field, request, model_admin):
        chosen = model_admin.get_queryset(request).values("meals")
        meals = Session.objects.filter(pk__in=chosen).select_related("day")
        return [(meal.pk, dated_title(meal)) for meal in meals.order_by("start", "pk")]


class MealDayFilter(admin.SimpleListFilter):
    """Who takes at least one meal on a day: the caterer's question for Tuesday as a whole."""

    title = _("jour des repas")
    parameter_name = "jour_repas"

    def lookups(self, request, model_admin):
        days = Day.objects.filter(
            sessions__in=Session.objects.meals().filter(meal_registrations__isnull=False)
        )
        return [
            (str(day.pk), weekday_and_month(day.date)) for day in days.distinct().order_by("date")
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if not value or not PRIMARY_KEY.fullmatch(value):
            return queryset  # An unknown or forged day filters nothing, as Django's own filters.
        # A subquery rather than a join: someone taking lunch and dinner that day is listed once.
        eating = Registration.meals.through.objects.filter(session__day_id=value)
        return queryset.filter(pk__in=eating.values("registration_id"))
