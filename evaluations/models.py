"""Evaluation questionnaires (data, per edition), the anonymous answers, and who has answered.

Anonymity is kept by two tables that share nothing: an Answer says what was answered and about
which session, never by whom nor when; a Response says that a registration has answered for a
session (or for the whole event), never what. Answer has a random primary key (an ordered one
would follow the Responses' order) and no date: nothing lines a row of one up with the other.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programme.models import Day, Edition, MiniConference, Session


class Scope(models.TextChoices):
    SESSION = "session", _("Pour chaque séance")
    EVENT = "event", _("Pour l’ensemble de l’événement")
    FOLLOW_UP = "follow_up", _("À froid, quelques semaines après")


class QuestionQuerySet(models.QuerySet):
    def of_edition(self, edition):
        return self.filter(edition=edition)

    def for_sessions(self):
        return self.filter(scope=Scope.SESSION)

    def for_event(self):
        return self.filter(scope=Scope.EVENT)

    def for_follow_up(self):
        return self.filter(scope=Scope.FOLLOW_UP)


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Échelle de notes")
        CHOICE = "choice", _("Choix unique")
        TEXT = "text", _("Texte libre")

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="evaluation_questions",
        verbose_name=_("édition"),
    )
    scope = models.CharField(_("groupe"), max_length=20, choices=Scope.choices)
    kind = models.CharField(_("type de question"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    options = models.TextField(
        _("réponses proposées"),
        blank=True,
        help_text=_(
            "Une par ligne. Pour une échelle : de la plus basse à la plus haute (la première "
            "vaut 1). Vide pour un texte libre."
        ),
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question d’évaluation")
        verbose_name_plural = _("questions d’évaluation")
        ordering = ["edition", "scope", "order", "pk"]
        permissions = [("view_results", _("Peut voir les résultats des évaluations"))]

    def __str__(self):
        return self.text

    @property
    def option_list(self):
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind != self.Kind.TEXT and len(self.option_list) < 2:
            raise ValidationError({"options": _("Indiquez au moins deux réponses, une par ligne.")})


class Answer(models.Model):
    """One answer to one question, by nobody in particular: see the module's docstring."""

    # Random, not a sequence: an ordered key would match the order of the Responses.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation_answers",
        verbose_name=_("séance"),
    )
    mini_conference = models.ForeignKey(
        MiniConference,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation_answers",
        verbose_name=_("mini-conférence"),
    )
    value = models.PositiveSmallIntegerField(
        _("réponse choisie"), null=True, blank=True, help_text=_("Rang dans la liste, dès 1.")
    )
    text = models.TextField(_("texte"), blank=True)

    class Meta:
        verbose_name = _("réponse anonyme")
        verbose_name_plural = _("réponses anonymes")
        # No ordering by anything that could follow the order of writing.
        ordering = ["question", "value", "text"]

    def __str__(self):
        return f"{self.question} — {self.value or self.text[:40]}"


class Response(models.Model):
    """That a registration has answered for a session, for the whole event (session empty),
    or the « à froid » questionnaire weeks later (follow_up): nothing of what, nor when."""

    registration = models.ForeignKey(
        "registrations.Registration",
        on_delete=models.CASCADE,
        related_name="evaluation_responses",
        verbose_name=_("inscription"),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation_responses",
        verbose_name=_("séance"),
    )
    absent = models.BooleanField(_("n’y était pas"), default=False)
    follow_up = models.BooleanField(_("questionnaire à froid"), default=False)

    class Meta:
        verbose_name = _("évaluation remplie")
        verbose_name_plural = _("évaluations remplies")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"],
                condition=Q(session__isnull=False),
                name="one_evaluation_per_person_and_session",
            ),
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(session__isnull=True, follow_up=False),
                name="one_event_evaluation_per_person",
            ),
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(follow_up=True),
                name="one_follow_up_answer_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.registration} — {self.session or _('ensemble de l’événement')}"


class DayReminder(models.Model):
    """The evaluation reminder of a day has been sent (once)."""

    day = models.OneToOneField(
        Day, on_delete=models.CASCADE, related_name="evaluation_reminder", verbose_name=_("journée")
    )
    recipients = models.PositiveIntegerField(_("destinataires"), default=0)

    class Meta:
        verbose_name = _("rappel d’évaluation")
        verbose_name_plural = _("rappels d’évaluation")

    def __str__(self):
        return str(self.day)


class FollowUpMailing(models.Model):
    """The « à froid » emails of an edition have been sent (once): evaluations/follow_up.py."""

    edition = models.OneToOneField(
        Edition,
        on_delete=models.CASCADE,
        related_name="evaluation_follow_up",
        verbose_name=_("édition"),
    )
    recipients = models.PositiveIntegerField(_("destinataires"), default=0)

    class Meta:
        verbose_name = _("envoi à froid")
        verbose_name_plural = _("envois à froid")

    def __str__(self):
        return str(self.edition)
