"""The admin site: filters read from an address never give a 500.

Django checks the lookups in a list's address while it builds the query, and sends a wacky one
back to the unfiltered list (« ?e=1 »). Some only fail once the database runs them: a year out
of range (created_at__year=99999), a number too large for SQLite, a regular expression the
database cannot compile (one it can may still take it a long time). Every list of the site,
Django's and the third-party apps' included, treats them as wacky too; an export, which must
not hand over everything instead of what was asked for, answers with the site's 400 page.
"""

from functools import cache

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import BadRequest
from django.db.models.constants import LOOKUP_SEP
from import_export.admin import ExportMixin

# What a lookup's value raises only while its query runs, not while Django builds it.
LATE_ERRORS = (ValueError, OverflowError)
# Never offered by a list filter: only typed by hand.
REFUSED_LOOKUPS = {"regex", "iregex"}


class CheckedChangeList:
    def get_filters(self, request):
        for key in self.get_filters_params():
            if key.rsplit(LOOKUP_SEP, 1)[-1] in REFUSED_LOOKUPS:
                raise IncorrectLookupParameters(key)
        try:
            return super().get_filters(request)
        except OverflowError as error:  # The date hierarchy's year: Django expects ValueError.
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        # The first query that runs the filters: the count.
        try:
            super().get_results(request)
        except LATE_ERRORS as error:
            raise IncorrectLookupParameters(error) from error


@cache
def checked_changelist(changelist_class):
    return type(changelist_class.__name__, (CheckedChangeList, changelist_class), {})


class CheckedListMixin:
    def get_changelist(self, request, **kwargs):
        return checked_changelist(super().get_changelist(request, **kwargs))


class CheckedExportMixin:
    def get_export_queryset(self, request):
        try:
            queryset = super().get_export_queryset(request)
            if request.GET:  # Filters, which the export honours: run them once, to be sure.
                queryset.exists()
        except (IncorrectLookupParameters, *LATE_ERRORS) as error:
            raise BadRequest(error) from error
        return queryset


def checked(admin_class):
    mixins = (CheckedListMixin,)
    if issubclass(admin_class, ExportMixin):
        mixins = (CheckedExportMixin, *mixins)
    attributes = {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__}
    return type(admin_class.__name__, (*mixins, admin_class), attributes)


class AdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        # Every admin, whoever registers it: the project's apps, Django's, third parties'.
        super().register(model_or_iterable, checked(admin_class or admin.ModelAdmin), **options)
