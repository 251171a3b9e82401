"""The call for mini-conference topics and speakers: the call, the proposals, their reviews.

The call's dates and the decision emails are data on the Call, one per edition, edited in the
admin; nothing here names an edition.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from programme import clock
from programme.models import Edition, MiniConference, Person
from registrations.models import new_token

from . import placeholders

NOT_YET_OPEN, OPEN, CLOSED = "not-yet-open", "open", "closed"


class CallQuerySet(models.QuerySet):
    def for_edition(self, edition):
        return self.filter(edition=edition).first() if edition is not None else None


class Call(models.Model):
    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="call", verbose_name=_("édition")
    )
    opens_at = models.DateTimeField(_("ouverture de l'appel"))
    closes_at = models.DateTimeField(
        _("clôture de l'appel"),
        help_text=_("Après cette date, plus aucune proposition ni modification n'est acceptée."),
    )
    introduction = models.TextField(
        _("présentation de l'appel"), blank=True, help_text=_("Affichée au-dessus du formulaire.")
    )
    accepted_subject = models.CharField(
        _("objet du courriel « retenue »"),
        max_length=200,
        default=placeholders.default_accepted_subject,
        help_text=placeholders.help_text(),
    )
    accepted_body = models.TextField(
        _("texte du courriel « retenue »"),
        default=placeholders.default_accepted_body,
        help_text=placeholders.help_text(),
    )
    declined_subject = models.CharField(
        _("objet du courriel « non retenue »"),
        max_length=200,
        default=placeholders.default_declined_subject,
        help_text=placeholders.help_text(),
    )
    declined_body = models.TextField(
        _("texte du courriel « non retenue »"),
        default=placeholders.default_declined_body,
        help_text=placeholders.help_text(),
    )

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("appel à propositions")
        verbose_name_plural = _("appels à propositions")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="call_closes_after_opening"
            ),
        ]

    def __str__(self):
        return gettext("Appel à propositions — %(edition)s") % {"edition": self.edition}

    def get_absolute_url(self):
        return reverse("proposals:submit")

    def state(self, now=None):
        """NOT_YET_OPEN, OPEN or CLOSED at now (default: the present moment)."""
        now = now or clock.now()
        if now < self.opens_at:
            return NOT_YET_OPEN
        return OPEN if now < self.closes_at else CLOSED

    @property
    def is_open(self):
        return self.state() == OPEN

    def clean(self):
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = gettext("La clôture doit suivre l'ouverture de l'appel.")
        for name in ("accepted_subject", "accepted_body", "declined_subject", "declined_body"):
            unknown = placeholders.unknown(getattr(self, name) or "")
            if unknown:
                errors[name] = gettext(
                    "Champ de remplacement inconnu : %(names)s. Voir la liste sous le champ."
                ) % {"names": ", ".join(f"{{{{ {n} }}}}" for n in unknown)}
        if errors:
            raise ValidationError(errors)


class ProposalQuerySet(models.QuerySet):
    def with_review_counts(self):
        """Annotate average_score and review_count, for the organisers' list in one query."""
        return self.annotate(average_score=Avg("reviews__score"), review_count=Count("reviews"))


class Proposal(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Soumise")
        ACCEPTED = "accepted", _("Retenue")
        DECLINED = "declined", _("Non retenue")
        WITHDRAWN = "withdrawn", _("Retirée")

    class Format(models.TextChoices):
        TALK = "talk", _("Exposé suivi d'échanges")
        EXPERIENCE = "experience", _("Retour d'expérience")
        WORKSHOP = "workshop", _("Atelier participatif")
        ROUND_TABLE = "round_table", _("Table ronde")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("appel")
    )
    token = models.CharField(
        _("jeton du lien privé"), max_length=64, unique=True, default=new_token, editable=False
    )
    title = models.CharField(_("titre"), max_length=200)
    summary = models.TextField(_("résumé"), max_length=3000)
    theme = models.ForeignKey(
        MiniConference,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("mini-conférence visée"),
    )
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    email = models.EmailField(_("adresse électronique de contact"))
    consent_at = models.DateTimeField(_("consentement au traitement des données"))
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    mini_conference = models.ForeignKey(
        MiniConference,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_proposals",
        verbose_name=_("mini-conférence retenue"),
        help_text=_("Vide : la mini-conférence visée par la proposition."),
    )
    internal_notes = models.TextField(
        _("notes internes"),
        blank=True,
        help_text=_("Jamais montrées aux intervenantes et intervenants."),
    )
    created_at = models.DateTimeField(_("soumise le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True)
    notified_at = models.DateTimeField(_("décision envoyée le"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:manage", kwargs={"token": self.token})

    def clean(self):
        # Both mini-conferences must belong to the call's edition: a slip in the admin's
        # select would otherwise put speakers on another year's programme.
        if self.call_id is None:
            return
        edition = self.call.edition
        errors = {}
        for name in ("theme", "mini_conference"):
            chosen = getattr(self, name)
            if chosen is not None and chosen.slot.day.edition_id != edition.pk:
                errors[name] = gettext("Choisissez une mini-conférence de %(edition)s.") % {
                    "edition": edition
                }
        if errors:
            raise ValidationError(errors)

    @property
    def target(self):
        """Where acceptance puts the proposal: the chosen mini-conference, else its theme."""
        return self.mini_conference or self.theme

    @property
    def contact(self):
        # Through all(), so that a prefetch of the speakers serves it without a query.
        return next(iter(self.speakers.all()), None)


class Speaker(models.Model):
    """A speaker as typed in the proposal; acceptance links it to a programme Person."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("proposition")
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(pgettext_lazy("personne", "nom"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=200)
    job_title = models.CharField(_("fonction"), max_length=200, blank=True)
    biography = models.TextField(_("courte biographie"), max_length=1000, blank=True)
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal_speakers",
        verbose_name=_("fiche du programme"),
    )

    class Meta:
        verbose_name = _("intervenante ou intervenant")
        verbose_name_plural = _("intervenantes et intervenants")
        ordering = ["proposal", "order", "pk"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class Review(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("proposition")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="proposal_reviews",
        limit_choices_to={"is_staff": True},
        verbose_name=_("évaluatrice ou évaluateur"),
    )
    score = models.PositiveSmallIntegerField(
        _("note"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("commentaire"), blank=True)
    updated_at = models.DateTimeField(_("le"), auto_now=True)

    class Meta:
        verbose_name = _("évaluation")
        verbose_name_plural = _("évaluations")
        ordering = ["proposal", "reviewer__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "reviewer"], name="one_review_per_reviewer"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="review_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.proposal} — {self.reviewer} : {self.score}/5"
