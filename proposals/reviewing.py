"""What an organiser reviews with: their own rating on the proposal's form, and a filter for
the proposals they have rated or still have to rate."""

from django import forms
from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from clunyevent.text import PlainTextMixin
from programme.models import MiniConference

from .models import Proposal, Review

SCORES = [("", "—"), *[(score, str(score)) for score in range(1, 6)]]


class ReviewedByMeFilter(admin.SimpleListFilter):
    title = _("mon évaluation")
    parameter_name = "mon_evaluation"

    def lookups(self, request, model_admin):
        return [("faite", _("déjà notées par moi")), ("a-faire", _("à noter par moi"))]

    def queryset(self, request, queryset):
        mine = Exists(Review.objects.filter(proposal=OuterRef("pk"), reviewer=request.user))
        if self.value() == "faite":
            return queryset.filter(mine)
        if self.value() == "a-faire":
            return queryset.filter(~mine)
        return queryset


class ProposalAdminForm(PlainTextMixin, forms.ModelForm):
    my_score = forms.TypedChoiceField(
        label=_("Votre note (1 à 5)"),
        choices=SCORES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("« — » retire votre évaluation."),
    )
    my_comment = forms.CharField(
        label=_("Votre commentaire"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    reviewer = None  # The organiser using the form, set by ProposalAdmin.get_form.

    class Meta:
        model = Proposal
        fields = [
            "title",
            "summary",
            "theme",
            "format",
            "email",
            "mini_conference",
            "internal_notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # Only the call's edition: another year's mini-conferences are never a choice.
            choices = MiniConference.objects.of_edition(self.instance.call.edition)
            for name in ("theme", "mini_conference"):
                if name in self.fields:
                    self.fields[name].queryset = choices.order_by("slot__start", "number")
        review = None
        if self.instance.pk is not None and self.reviewer is not None:
            review = self.instance.reviews.filter(reviewer=self.reviewer).first()
        if review is not None:
            self.initial.update(my_score=review.score, my_comment=review.comment)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("my_comment") and cleaned.get("my_score") is None:
            self.add_error("my_score", _("Donnez une note de 1 à 5 avec votre commentaire."))
        return cleaned
