"""What on-site sign-in keeps beside the presences (registrations/presence.py): the
countersignature that closes a list, the half-days whose code the hall screens show, and the
log of the changes made to a list once closed. Imported by models.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.models import Day, MiniConference

PERIODS = [("morning", _("Matin")), ("afternoon", _("Après-midi"))]


class ListClosing(models.Model):
    """The countersignature of a half-day's list, or of a mini-conference's: who closed it,
    when. After it, only an organiser changes the list, and each change is logged."""

    day = models.ForeignKey(
        Day,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("journée"),
    )
    period = models.CharField(_("demi-journée"), max_length=20, choices=PERIODS, blank=True)
    mini_conference = models.ForeignKey(
        MiniConference,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mini-conférence"),
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("close par"),
    )
    # Kept as text: the sheet still names who countersigned once the account is gone.
    closed_by_name = models.CharField(_("nom de la personne qui contresigne"), max_length=300)
    closed_at = models.DateTimeField(_("close le"), default=timezone.now)

    class Meta:
        verbose_name = _("liste close (contresignature)")
        verbose_name_plural = _("listes closes (contresignatures)")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "period"],
                condition=Q(mini_conference__isnull=True),
                name="one_closing_per_half_day",
            ),
            models.UniqueConstraint(
                fields=["mini_conference"],
                condition=Q(mini_conference__isnull=False),
                name="one_closing_per_mini_conference",
            ),
            models.CheckConstraint(
                condition=(Q(mini_conference__isnull=True) & Q(day__isnull=False) & ~Q(period=""))
                | (Q(mini_conference__isnull=False) & Q(day__isnull=True) & Q(period="")),
                name="closing_of_a_half_day_or_a_mini_conference",
            ),
        ]

    def __str__(self):
        return f"{self.mini_conference or self.day} — {self.closed_by_name}"


class SignCodeDisplay(models.Model):
    """A half-day whose self-sign code the hall screens show: staff turn it on, one row."""

    day = models.ForeignKey(Day, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("demi-journée"), max_length=20, choices=PERIODS)
    turned_on_at = models.DateTimeField(_("affiché depuis"), default=timezone.now)

    class Meta:
        verbose_name = _("code d’émargement affiché")
        verbose_name_plural = _("codes d’émargement affichés")
        constraints = [
            models.UniqueConstraint(fields=["day", "period"], name="one_code_display_per_half_day"),
        ]

    def __str__(self):
        return f"{self.day} ({self.period})"


class AttendanceLog(models.Model):
    """One change an organiser made to a list after it was closed: who, when, what."""

    class Action(models.TextChoices):
        ADDED = "added", _("présence ajoutée")
        REMOVED = "removed", _("présence retirée")

    closing = models.ForeignKey(
        ListClosing, on_delete=models.CASCADE, related_name="log", verbose_name=_("liste")
    )
    registration = models.ForeignKey(
        "registrations.Registration",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("inscription"),
    )
    action = models.CharField(_("changement"), max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("par"),
    )
    at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("changement d’une liste close")
        verbose_name_plural = _("changements des listes closes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.registration} — {self.get_action_display()}"
