"""The proposal form: the proposal, one to three speakers, the contact address and consent."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from clunyevent.text import PlainTextMixin
from programme.models import MiniConference
from programme.typography import typeset_plain
from registrations.forms import HONEYPOT

from . import services
from .models import Proposal, Speaker

MAX_SPEAKERS = 3
EMAIL_INVALID = _("Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.")


class SpeakerForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Speaker
        fields = ["first_name", "last_name", "organisation", "job_title", "biography"]
        widgets = {"biography": forms.Textarea(attrs={"rows": 3})}
        labels = {"biography": _("Courte biographie")}
        help_texts = {
            "organisation": _("Collectivité, administration, association, entreprise…"),
            "biography": _("Quelques lignes, 1 000 caractères au plus ; publiée si retenue."),
        }


class SpeakerFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="speakers", **kwargs)

    def speaker_data(self):
        """The speakers kept, in the order typed: forms left blank or marked to remove are not."""
        return [
            {name: form.cleaned_data[name] for name in SpeakerForm.Meta.fields}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


def speaker_formset(data=None, *, initial=None, editing=False):
    formset_class = forms.formset_factory(
        SpeakerForm,
        formset=SpeakerFormSet,
        extra=MAX_SPEAKERS - 1,
        min_num=1,
        max_num=MAX_SPEAKERS,
        validate_min=True,
        validate_max=True,
        can_delete=editing,
        can_delete_extra=False,
    )
    formset = formset_class(
        data,
        initial=initial,
        error_messages={
            "too_few_forms": _("Indiquez au moins une intervenante ou un intervenant."),
            "too_many_forms": _("Trois intervenantes ou intervenants au plus."),
        },
    )
    for form in formset.forms:
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Retirer cette personne de la proposition")
    return formset


class ProposalForm(PlainTextMixin, forms.ModelForm):
    """The fields both the submission and the later changes share, with the speakers."""

    class Meta:
        model = Proposal
        fields = list(services.PROPOSAL_FIELDS)
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 8}),
            "theme": forms.RadioSelect,
            "format": forms.RadioSelect,
        }
        labels = {
            "title": _("Titre de votre intervention"),
            "summary": _("Résumé"),
            "theme": _("Mini-conférence dans laquelle votre sujet s'inscrit"),
            "format": _("Format"),
            "email": _("Adresse électronique de contact"),
        }
        help_texts = {
            "summary": _("Ce que vous partagerez et avec qui ; 3 000 caractères au plus."),
            "email": _("Le lien privé vers votre proposition y sera envoyé."),
        }
        error_messages = {"email": {"invalid": EMAIL_INVALID}}

    def __init__(self, data=None, *, call, **kwargs):
        super().__init__(data, **kwargs)
        self.call = call
        self.fields["theme"].queryset = MiniConference.objects.of_edition(call.edition).order_by(
            "slot__start", "number"
        )
        # Radio buttons: no empty « --------- » choice.
        self.fields["theme"].empty_label = None
        self.fields["theme"].label_from_instance = typeset_plain
        self.fields["format"].choices = Proposal.Format.choices
        self.speakers = speaker_formset(
            data, initial=self.initial_speakers(), editing=self.instance.pk is not None
        )
        self.helper = self.build_helper(Fieldset(_("Votre proposition"), *self.Meta.fields[:4]))
        self.end_helper = self.build_helper(Fieldset(_("Contact"), "email"))

    def initial_speakers(self):
        if self.instance.pk is None:
            return None
        return [
            {name: getattr(speaker, name) for name in SpeakerForm.Meta.fields}
            for speaker in self.instance.speakers.all()
        ]

    @staticmethod
    def build_helper(*layout):
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(*layout)
        return helper

    def is_valid(self):
        # Both, always: every mistake is shown at its field in one round.
        proposal_valid = super().is_valid()
        return self.speakers.is_valid() and proposal_valid

    def proposal_data(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SubmitForm(ProposalForm):
    consent = forms.BooleanField(
        error_messages={
            "required": _("Votre accord est nécessaire pour enregistrer la proposition.")
        }
    )
    website = forms.CharField(
        required=False,
        label=_("Ne remplissez pas ce champ : il sert à écarter les robots."),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = format_html(
            _(
                "J'accepte que ces informations soient traitées pour organiser les "
                "mini-conférences et, si la proposition est retenue, que les noms, "
                "organisations, fonctions et biographies soient publiés, comme l'explique la "
                'page <a href="{url}">données personnelles</a>.'
            ),
            url=reverse("registrations:privacy"),
        )
        self.end_helper = self.build_helper(
            Fieldset(_("Contact"), "email"),
            Fieldset(_("Vos données personnelles"), "consent"),
            # Hidden from people and from screen readers; robots tend to fill every field.
            Div(HONEYPOT, css_class="visually-hidden", aria_hidden="true"),
        )

    def save(self, commit=True, *, request=None):
        return services.submit_proposal(
            call=self.call,
            data=self.proposal_data(),
            speakers=self.speakers.speaker_data(),
            request=request,
        )


class EditForm(ProposalForm):
    def save(self, commit=True):
        return services.update_proposal(
            proposal=self.instance,
            data=self.proposal_data(),
            speakers=self.speakers.speaker_data(),
        )
