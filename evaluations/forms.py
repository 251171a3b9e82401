"""The evaluation form: one group of fields per open session, then the whole event.

A group left empty stays open for a later visit; a group with any answer, or « je n’y étais
pas » ticked, is recorded and closed.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clunyevent.text import PlainTextMixin
from registrations.corrections import correct_details
from registrations.models import Registration

from .models import Question
from .services import AlreadyAnswered, record

TEXT_LIMIT = 2000


def question_field(question):
    # The default texts are in the catalogue; the organisers' own wording shows as typed.
    label = _(question.text)
    if question.kind == Question.Kind.TEXT:
        return forms.CharField(
            label=label,
            required=False,
            max_length=TEXT_LIMIT,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    choices = [(str(n), _(option)) for n, option in enumerate(question.option_list, start=1)]
    return forms.TypedChoiceField(
        label=label, required=False, choices=choices, coerce=int, widget=forms.RadioSelect
    )


class Group:
    """One fieldset: an entry, its « absent » box (sessions only) and its question fields."""

    def __init__(self, form, entry, questions):
        self.form, self.entry, self.questions = form, entry, questions

    @property
    def absent(self):
        return self.form[f"{self.entry.key}-absent"] if self.entry.item else None

    @property
    def fields(self):
        return [self.form[self.name(question)] for question in self.questions]

    def name(self, question):
        return f"{self.entry.key}-q{question.pk}"


class EvaluationForm(forms.Form):
    def __init__(self, *args, registration, entries, session_questions, event_questions, **kw):
        super().__init__(*args, **kw)
        self.registration = registration
        self.groups = []
        for entry in entries:
            questions = session_questions if entry.item else event_questions
            group = Group(self, entry, questions)
            if entry.item:
                self.fields[f"{entry.key}-absent"] = forms.BooleanField(
                    label=gettext_lazy("Je n’y étais pas"), required=False
                )
            for question in questions:
                self.fields[group.name(question)] = question_field(question)
            self.groups.append(group)

    def answers(self, group):
        found = []
        for question in group.questions:
            value = self.cleaned_data.get(group.name(question))
            if question.kind == Question.Kind.TEXT:
                if value and value.strip():
                    found.append((question, None, value.strip()))
            elif value not in (None, ""):
                found.append((question, value, ""))
        return found

    def save(self):
        """Record every group that holds something; returns how many were recorded."""
        recorded = 0
        for group in self.groups:
            answers = self.answers(group)
            absent = bool(group.entry.item and self.cleaned_data.get(f"{group.entry.key}-absent"))
            if not answers and not absent:
                continue
            try:
                record(
                    registration=self.registration,
                    entry=group.entry,
                    answers=answers,
                    absent=absent,
                )
            except AlreadyAnswered:
                continue  # Sent twice (another tab): the first one counts.
            recorded += 1
        return recorded


class NextStepsForm(PlainTextMixin, forms.ModelForm):
    """« Mes prochains pas »: private, kept in the history without its words, like the
    intention (registrations.corrections)."""

    class Meta:
        model = Registration
        fields = ["next_steps"]
        widgets = {"next_steps": forms.Textarea(attrs={"rows": 4})}
        labels = {"next_steps": gettext_lazy("Ce que je ferai en rentrant")}

    def save(self, commit=True):
        data = {"next_steps": self.cleaned_data["next_steps"]}
        return correct_details(registration=self.instance, data=data)
