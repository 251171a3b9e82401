"""Challenge teams and learning teams: each run of the allocation, its teams and their members.

A run is a draft until organisers publish it; participants only ever see the published run of
each kind. Hand-made moves are flagged `locked`, so the next run can keep them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.formats import long_date, short_time
from programme.models import Challenge, Edition
from registrations.models import Registration


class AllocationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def latest_of(self, edition, kind):
        return self.filter(edition=edition, kind=kind).order_by("-created_at", "-pk").first()

    def current(self, edition, kind):
        """What organisers print: the published run, or else the latest draft."""
        return self.published().filter(edition=edition, kind=kind).first() or self.latest_of(
            edition, kind
        )


class Allocation(models.Model):
    class Kind(models.TextChoices):
        CHALLENGE = "challenge", _("Équipes défis")
        LEARNING = "learning", _("Équipes apprenantes")

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="team_allocations",
        verbose_name=_("édition"),
    )
    kind = models.CharField(_("type d'équipes"), max_length=20, choices=Kind.choices)
    team_size = models.PositiveSmallIntegerField(
        _("taille maximale des équipes apprenantes"), null=True, blank=True
    )
    kept_locked = models.BooleanField(_("déplacements manuels conservés"), default=True)
    created_at = models.DateTimeField(_("calculée le"), default=timezone.now)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    report = models.JSONField(_("bilan"), default=dict, blank=True, editable=False)

    objects = AllocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("répartition en équipes")
        verbose_name_plural = _("répartitions en équipes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Participants see one set of teams of each kind, never two contradicting ones.
            models.UniqueConstraint(
                fields=["edition", "kind"],
                condition=Q(published_at__isnull=False),
                name="one_published_allocation_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(team_size__isnull=True) | Q(team_size__gte=2),
                name="learning_team_size_at_least_2",
            ),
        ]

    def __str__(self):
        created = timezone.localtime(self.created_at)
        return _("%(kind)s du %(date)s à %(time)s") % {
            "kind": self.get_kind_display(),
            "date": long_date(created),
            "time": short_time(created),
        }

    def get_absolute_url(self):
        return reverse("teams:allocation-detail", kwargs={"pk": self.pk})

    @property
    def is_published(self):
        return self.published_at is not None


class TeamQuerySet(models.QuerySet):
    def published(self):
        return self.filter(allocation__published_at__isnull=False)


class Team(models.Model):
    allocation = models.ForeignKey(
        Allocation, on_delete=models.CASCADE, related_name="teams", verbose_name=_("répartition")
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    challenge = models.ForeignKey(
        Challenge,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="teams",
        verbose_name=_("défi"),
        help_text=_("Vide pour une équipe apprenante."),
    )

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("équipe")
        verbose_name_plural = _("équipes")
        ordering = ["allocation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["allocation", "number"], name="unique_team_number"),
            models.UniqueConstraint(
                fields=["allocation", "challenge"], name="one_team_per_challenge"
            ),
        ]

    def __str__(self):
        if self.challenge_id:
            return str(self.challenge)
        return _("Équipe apprenante n° %(number)s") % {"number": self.number}


class Membership(models.Model):
    # Repeats team.allocation so that the database itself forbids two teams in one run.
    allocation = models.ForeignKey(
        Allocation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("répartition"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("équipe")
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="team_memberships",
        verbose_name=_("participante ou participant"),
    )
    locked = models.BooleanField(
        _("placement manuel"),
        default=False,
        help_text=_("Conservé tel quel par un nouveau calcul, sauf demande contraire."),
    )
    preference_rank = models.PositiveSmallIntegerField(_("choix obtenu"), null=True, blank=True)

    class Meta:
        verbose_name = _("membre d'une équipe")
        verbose_name_plural = _("membres des équipes")
        ordering = ["team", "registration__last_name", "registration__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "registration"], name="one_team_per_allocation"
            ),
        ]

    def __str__(self):
        return f"{self.registration} — {self.team}"

    def clean(self):
        if not self.team_id:
            return
        if self.allocation_id is None:
            self.allocation_id = self.team.allocation_id
        elif self.allocation_id != self.team.allocation_id:
            raise ValidationError({"team": _("Choisissez une équipe de la même répartition.")})
        self.validate_registration()

    def validate_registration(self):
        if not self.registration_id:
            return
        if self.registration.edition_id != self.team.allocation.edition_id:
            raise ValidationError({"registration": _("Cette inscription est d'une autre édition.")})
        others = Membership.objects.filter(
            allocation_id=self.allocation_id, registration_id=self.registration_id
        ).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                {"registration": _("Cette personne a déjà une équipe dans cette répartition.")}
            )


class ChallengeOwnership(models.Model):
    """Links a challenge to the registration of the person who carries it, placed in its team."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="ownerships", verbose_name=_("défi")
    )
    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="challenge_ownership",
        verbose_name=_("porteuse ou porteur du défi"),
    )

    class Meta:
        verbose_name = _("défi porté")
        verbose_name_plural = _("défis portés")
        ordering = ["challenge", "registration"]

    def __str__(self):
        return f"{self.registration} — {self.challenge}"

    def clean(self):
        if not (self.challenge_id and self.registration_id):
            return
        if self.challenge.edition_id != self.registration.edition_id:
            raise ValidationError(_("Le défi et l'inscription sont d'éditions différentes."))
