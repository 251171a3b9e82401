"""The admin's way to prepare the next edition: an action on editions, then a page that asks
for the new first day and says what will and will not be copied (programme/copying.py)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .copying import DATES_TAKEN, copy_edition, programme_counts
from .formats import long_date


class CopyEditionForm(forms.Form):
    # The browser's own date picker (type="date"): no script; it sends AAAA-MM-JJ, which
    # Django reads whatever the language, as it reads « 09/07/2018 » typed by hand.
    first_day = forms.DateField(
        label=gettext_lazy("Premier jour de la nouvelle édition"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Indiquez le premier jour de la nouvelle édition."),
            "invalid": gettext_lazy("Saisissez une date, par exemple 09/07/2018."),
        },
    )
    name = forms.CharField(
        label=gettext_lazy("Titre de la nouvelle édition"),
        max_length=200,
        help_text=gettext_lazy("Modifiable ensuite dans l’administration."),
        widget=forms.TextInput(attrs={"size": 60}),
    )


class EditionCopyMixin:
    """For EditionAdmin: the « prepare the next edition » action, its page and its URL."""

    copy_template = "admin/programme/edition/copy.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.copy_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_copy"
        return [path("<path:object_id>/copy/", view, name=name), *super().get_urls()]

    @admin.action(
        description=gettext_lazy("Préparer l’édition suivante à partir de celle-ci"),
        permissions=["add"],
    )
    def copy_selected(self, request, queryset):
        if queryset.count() != 1:
            messages.error(request, _("Choisissez une seule édition à copier."))
            return None
        return HttpResponseRedirect(
            reverse("admin:programme_edition_copy", args=[queryset.get().pk])
        )

    def copy_view(self, request, object_id):
        """GET: the page asking for the new dates; POST: the copy."""
        edition = self.get_object(request, unquote(object_id))
        if edition is None:
            messages.error(request, _("Cette édition n’existe pas ou plus."))
            return HttpResponseRedirect(reverse("admin:programme_edition_changelist"))
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CopyEditionForm(
            request.POST if request.method == "POST" else None, initial={"name": edition.title}
        )
        if form.is_valid():
            try:
                copy = copy_edition(edition, **form.cleaned_data)
            except ValidationError as error:
                form.add_error("first_day" if error.code == DATES_TAKEN else None, error)
            else:
                self.log_addition(request, copy, [{"added": {}}])
                messages.success(request, copied_message(copy))
                return HttpResponseRedirect(
                    reverse("admin:programme_edition_change", args=[copy.pk])
                )
        return TemplateResponse(
            request, self.copy_template, self.copy_context(request, edition, form)
        )

    def copy_context(self, request, edition, form):
        return {
            **self.admin_site.each_context(request),
            "title": _("Préparer l’édition suivante"),
            "opts": self.opts,
            "original": edition,
            "form": form,
            "counts": programme_counts(edition),
            "cancel_url": reverse("admin:programme_edition_changelist"),
        }


def copied_message(copy):
    return _(
        "La nouvelle édition est prête, du %(start)s au %(end)s, avec %(sessions)d séances. "
        "Elle n’est pas publiée et ses inscriptions sont fermées : vérifiez-la, indiquez les "
        "dates des inscriptions, puis publiez-la."
    ) % {
        "start": long_date(copy.start_date),
        "end": long_date(copy.end_date),
        **programme_counts(copy),
    }
