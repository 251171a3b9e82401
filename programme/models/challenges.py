"""The défis: their themes, their types, and the challenges themselves."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .edition import Edition, Person


class ChallengeTheme(models.Model):
    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="challenge_themes",
        verbose_name=_("édition"),
    )
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("thème de défis")
        verbose_name_plural = _("thèmes de défis")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="unique_theme_per_edition"),
        ]

    def __str__(self):
        return self.name


class ChallengeType(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="challenge_types", verbose_name=_("édition")
    )
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("type de défis")
        verbose_name_plural = _("types de défis")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="unique_type_per_edition"),
        ]

    def __str__(self):
        return self.name


class TerritoryKind(models.TextChoices):
    RURAL = "rural", _("Rural")
    PERIURBAN = "periurban", _("Périurbain")
    URBAN = "urban", _("Urbain")
    METROPOLITAN = "metropolitan", _("Métropolitain")
    MOUNTAIN = "mountain", _("Montagne")
    COASTAL = "coastal", _("Littoral")
    OVERSEAS = "overseas", _("Outre-mer")
    REGIONAL = "regional", _("Régional")


class ChallengeQuerySet(models.QuerySet):
    def of_edition(self, edition):
        return self.filter(edition=edition)

    def for_listing(self):
        return self.select_related("theme", "challenge_type", "owner")


class Challenge(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="challenges", verbose_name=_("édition")
    )
    title = models.CharField(_("titre"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    challenge_type = models.ForeignKey(
        ChallengeType, on_delete=models.PROTECT, related_name="challenges", verbose_name=_("type")
    )
    theme = models.ForeignKey(
        ChallengeTheme, on_delete=models.PROTECT, related_name="challenges", verbose_name=_("thème")
    )
    territory_kind = models.CharField(
        _("type de territoire"), max_length=20, choices=TerritoryKind.choices, blank=True
    )
    owner = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenges",
        verbose_name=_("porteur·euse de défi"),
    )
    owner_organisation = models.CharField(_("collectivité porteuse"), max_length=200, blank=True)
    team_capacity = models.PositiveSmallIntegerField(_("taille maximale de l'équipe"), default=15)
    is_example = models.BooleanField(
        _("exemple"),
        default=False,
        help_text=_("Défi d'illustration, signalé comme exemple sur chaque page qui le montre."),
    )

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        verbose_name = _("défi")
        verbose_name_plural = _("défis")
        ordering = ["theme__order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(team_capacity__gte=1), name="challenge_team_capacity_positive"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programme:challenge-detail", kwargs={"pk": self.pk})
