"""The participant's forms: sign-up, change of choices, and "send my link again"."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from clunyevent.text import PlainTextMixin
from programme.formats import long_date, time_range
from programme.models import Challenge, MiniConference, Session
from programme.typography import typeset_plain

from . import services
from .challenge_choices import BY_THEME, GUIDE, ChallengeField, by_theme
from .models import Registration, Seat
from .seats import SeatState

HONEYPOT = "website"
PRIMARY_KEY = re.compile(r"[0-9]{1,18}", re.ASCII)  # below 2**63 whatever the digits
# The private texts: said once, above them, rather than under each.
PRIVATE_NOTE = _(
    "Privé : vous seul·e les lirez, sur votre page personnelle, aux séances qui y reviennent. "
    "L’équipe d’organisation ne les voit pas. Modifiables plus tard."
)
RANK_LABELS = {1: _("Défi — 1er choix"), 2: _("Défi — 2e choix"), 3: _("Défi — 3e choix")}


class SafePkMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses a value that cannot be a primary key before it reaches the database: SQLite
    raises OverflowError (a 500) on an integer beyond 64 bits, and int() accepts neither « ² »
    nor « ① », which str.isdigit() does."""

    def clean(self, value):
        for pk in value if isinstance(value, (list, tuple)) else ():
            if not PRIMARY_KEY.fullmatch(str(pk)):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)


class MealsField(SafePkMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        when = f"{capfirst(long_date(obj.day.date))}, {time_range(obj.start, obj.end)}"
        return _("%(when)s : %(title)s") % {"when": when, "title": typeset_plain(obj.title)}


class MiniConferenceField(forms.ModelChoiceField):
    widget = forms.RadioSelect

    current_pk = None  # The participant's present choice, when changing it.

    def label_from_instance(self, obj):
        state = SeatState.of(obj)
        label = f"{typeset_plain(obj)} — {state.label} ({state.detail})"
        if obj.pk == self.current_pk:
            return _("%(label)s — votre choix actuel") % {"label": label}
        return label


class WorkshopChoicesMixin:
    """Meals, mini-conference and up to three ranked challenges: for sign-up and for changes."""

    def add_choice_fields(self, edition):
        meals = Session.objects.of_edition(edition).meals().select_related("day")
        if meals.exists():
            self.fields["meals"] = MealsField(
                queryset=meals.order_by("start"),
                required=False,
                label=_("Repas et soirées auxquels vous participerez"),
            )
        mini_conferences = MiniConference.objects.of_edition(edition).with_seats()
        if mini_conferences.exists():
            self.fields["mini_conference"] = MiniConferenceField(
                queryset=mini_conferences, label=_("Votre mini-conférence"), empty_label=None
            )
            self.fields["join_waiting_list"] = forms.BooleanField(
                required=False,
                label=_("M'inscrire en liste d'attente si la mini-conférence est complète"),
            )
        challenges = Challenge.objects.of_edition(edition)
        listed = challenges.for_listing().order_by(*BY_THEME)
        self.challenge_guide = by_theme(listed)
        for rank in range(1, min(3, len(listed)) + 1):
            field = ChallengeField(
                queryset=challenges,
                label=RANK_LABELS[rank],
                empty_label=_("— Choisissez un défi —"),
            )
            field.group_by_theme(self.challenge_guide)
            self.fields[f"challenge_{rank}"] = field

    @property
    def rank_fields(self):
        return [name for name in self.fields if name.startswith("challenge_")]

    def clean_distinct_challenges(self):
        seen = set()
        for name in self.rank_fields:
            challenge = self.cleaned_data.get(name)
            if challenge is not None and challenge.pk in seen:
                self.add_error(
                    name, _("Vous avez déjà choisi ce défi : choisissez trois défis différents.")
                )
            elif challenge is not None:
                seen.add(challenge.pk)

    def choices(self):
        """The keyword arguments the services take for the workshop choices."""
        data = self.cleaned_data
        return {
            "meals": data.get("meals") or [],
            "mini_conference": data.get("mini_conference"),
            "join_waiting_list": data.get("join_waiting_list", False),
            "challenges": [data[name] for name in self.rank_fields],
        }

    def choice_fieldsets(self):
        sections = [
            (_("Repas et soirées"), ["meals"]),
            (_("Mini-conférence"), ["mini_conference", "join_waiting_list"]),
            (_("Défis"), self.rank_fields),
        ]
        guide = {"challenge_1": [GUIDE]}  # read before the first menu
        return [
            Fieldset(
                legend,
                *[
                    item
                    for name in names
                    if name in self.fields
                    for item in [*guide.get(name, []), name]
                ],
            )
            for legend, names in sections
            if any(name in self.fields for name in names)
        ]


class SignupForm(PlainTextMixin, WorkshopChoicesMixin, forms.ModelForm):
    consent = forms.BooleanField(
        error_messages={
            "required": _("Votre accord est nécessaire pour enregistrer l'inscription.")
        }
    )
    website = forms.CharField(
        required=False,
        label=_("Ne remplissez pas ce champ : il sert à écarter les robots."),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Registration
        fields = [
            "first_name",
            "last_name",
            "email",
            "country",
            "employer",
            "job_title",
            "category",
            "civil_service_category",
            "cadre_emplois",
            "dietary_needs",
            "accessibility_needs",
            "learning_intention",
            "own_project",
            "public_listing",
        ]
        widgets = {
            "category": forms.RadioSelect,
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
            "learning_intention": forms.Textarea(attrs={"rows": 2}),
            "own_project": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "email": _("Adresse électronique"),
            "learning_intention": _("Votre intention d’apprentissage (facultatif)"),
            "own_project": _("Votre propre projet (facultatif)"),
            "civil_service_category": _("Catégorie, si vous êtes fonctionnaire"),
            "public_listing": _(
                "J'accepte que mon nom et mon employeur figurent sur la liste publique des "
                "participantes et participants (facultatif)"
            ),
        }
        help_texts = {
            "email": _("Votre lien personnel y sera envoyé."),
            "cadre_emplois": _("Par exemple : attachés territoriaux, rédacteurs territoriaux…"),
            "dietary_needs": _("Alimentation végétarienne, sans gluten, allergie…"),
            "accessibility_needs": _(
                "Ce dont vous avez besoin pour participer dans de bonnes conditions."
            ),
            "learning_intention": _("Ce que vous venez apprendre."),
            "own_project": _("Un projet que vous voulez faire avancer."),
        }
        error_messages = {
            "email": {
                "invalid": _(
                    "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr."
                )
            },
        }

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        # Radio buttons, so no empty « --------- » choice among the profiles.
        self.fields["category"].choices = Registration.Category.choices
        self.fields["civil_service_category"].choices = [
            ("", _("Sans objet")),
            *Registration.CivilServiceCategory.choices,
        ]
        self.fields["consent"].label = format_html(
            _(
                "J'accepte que mes données soient traitées pour organiser l'université d'été, "
                'comme l\'explique la page <a href="{url}">données personnelles</a>.'
            ),
            url=reverse("registrations:privacy"),
        )
        self.add_choice_fields(edition)
        self.order_fields([*self.Meta.fields[:-1], *self.choice_names, "consent", "public_listing"])
        self.helper = self.build_helper()

    @property
    def choice_names(self):
        names = ["meals", "mini_conference", "join_waiting_list", *self.rank_fields]
        return [name for name in names if name in self.fields]

    def build_helper(self):
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True  # The template's <form> carries the token.
        helper.layout = Layout(
            Fieldset(_("Vous"), "first_name", "last_name", "email", "country"),
            Fieldset(
                _("Votre activité"),
                "employer",
                "job_title",
                "category",
                "civil_service_category",
                "cadre_emplois",
            ),
            Fieldset(_("Besoins particuliers"), "dietary_needs", "accessibility_needs"),
            Fieldset(
                _("Pour vous seulement"),
                HTML(format_html('<p class="form-text">{}</p>', PRIVATE_NOTE)),
                "learning_intention",
                "own_project",
            ),
            *self.choice_fieldsets(),
            Fieldset(_("Vos données personnelles"), "consent", "public_listing"),
            # Hidden from people and from screen readers; robots tend to fill every field.
            Div(HONEYPOT, css_class="visually-hidden", aria_hidden="true"),
        )
        return helper

    def clean(self):
        cleaned = super().clean()
        self.clean_distinct_challenges()
        return cleaned

    def registration_data(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def save(self, commit=True, *, request=None):
        data = self.registration_data()
        # Later emails (promotion, organisers' resend) speak the language used to sign up.
        data["language"] = translation.get_language() or settings.LANGUAGE_CODE
        return services.register(edition=self.edition, data=data, request=request, **self.choices())


class ChoicesForm(PlainTextMixin, WorkshopChoicesMixin, forms.Form):
    """Change of meals, mini-conference and challenges, from the personal page."""

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.registration = registration
        self.add_choice_fields(registration.edition)
        self.initial.update(self.current_choices())
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(*self.choice_fieldsets())

    def current_choices(self):
        registration = self.registration
        initial = {"meals": list(registration.meals.values_list("pk", flat=True))}
        seat = Seat.objects.filter(registration=registration).first()
        if seat is not None and "mini_conference" in self.fields:
            self.fields["mini_conference"].current_pk = seat.mini_conference_id
            initial["mini_conference"] = seat.mini_conference_id
            initial["join_waiting_list"] = seat.status == Seat.Status.WAITING
        for preference in registration.challenge_preferences.all():
            initial[f"challenge_{preference.rank}"] = preference.challenge_id
        return initial

    def clean(self):
        cleaned = super().clean()
        self.clean_distinct_challenges()
        return cleaned

    def save(self, *, request=None):
        return services.change_choices(
            registration=self.registration, request=request, **self.choices()
        )


class ResendLinkForm(PlainTextMixin, forms.Form):
    email = forms.EmailField(
        label=_("Adresse électronique utilisée pour l'inscription"),
        error_messages={
            "invalid": _(
                "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr."
            )
        },
    )
