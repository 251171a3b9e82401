"""Registrations of participants, their workshop choices, and what organisers record on site."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from programme.models import Challenge, Day, Edition, MiniConference, Session


def new_token():
    # 256 bits: the personal link is the only key to a registration, so it must be unguessable.
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    """The states of a registration, each written once.

    Only two statuses exist, so « confirmed » and « not cancelled » are one filter: it is what
    the edition's capacity and the one-address rule count (the database constraint says
    ``~Q(status="cancelled")``). Anonymised registrations still count there: anonymising keeps
    the place a person took, only their identity goes.
    """

    def of_edition(self, edition):
        return self.filter(edition=edition)

    def confirmed(self):
        """Not cancelled: holds a place in the edition and its address, anonymised or not."""
        return self.filter(status=Registration.Status.CONFIRMED)

    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)

    def active(self):
        """Confirmed and not anonymised: the registrations whose personal link still works."""
        return self.confirmed().not_anonymised()

    def listed(self):
        """On the public list of participants: active, and the person agreed to it."""
        return self.active().filter(public_listing=True)


class Registration(models.Model):
    class Category(models.TextChoices):
        TRAINEE = "trainee", _("Stagiaire")
        CHALLENGE_OWNER = "challenge_owner", _("Porteuse ou porteur de défi")
        SPEAKER = "speaker", _("Intervenante ou intervenant")
        GUEST = "guest", _("Invitée ou invité")
        RESEARCHER = "researcher", _("Chercheuse ou chercheur")
        EUROPEAN_STUDENT = "european_student", _("Étudiante ou étudiant du Collège européen")
        ORGANISER = "organiser", _("Organisatrice ou organisateur")

    class CivilServiceCategory(models.TextChoices):
        A = "A", _("Catégorie A")
        B = "B", _("Catégorie B")
        C = "C", _("Catégorie C")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmée")
        CANCELLED = "cancelled", _("Annulée")

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("édition")
    )
    token = models.CharField(
        _("jeton du lien personnel"), max_length=64, unique=True, default=new_token, editable=False
    )
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(pgettext_lazy("personne", "nom"), max_length=100)
    email = models.EmailField(_("adresse électronique"))
    employer = models.CharField(
        _("employeur"), max_length=200, help_text=_("Collectivité, administration, association…")
    )
    job_title = models.CharField(_("fonction"), max_length=200, blank=True)
    civil_service_category = models.CharField(
        _("catégorie (fonction publique)"),
        max_length=1,
        choices=CivilServiceCategory.choices,
        blank=True,
    )
    cadre_emplois = models.CharField(_("cadre d'emplois"), max_length=200, blank=True)
    category = models.CharField(
        _("profil de participation"), max_length=30, choices=Category.choices
    )
    country = models.CharField(_("pays"), max_length=100, default="France")
    meals = models.ManyToManyField(
        Session,
        blank=True,
        related_name="meal_registrations",
        limit_choices_to={"kind": "meal"},
        verbose_name=_("repas et soirées"),
    )
    dietary_needs = models.TextField(_("régime alimentaire"), blank=True)
    accessibility_needs = models.TextField(_("besoins d'accessibilité"), blank=True)
    consent_at = models.DateTimeField(_("consentement au traitement des données"))
    language = models.CharField(
        _("langue des courriels"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("La langue du site au moment de l'inscription."),
    )
    public_listing = models.BooleanField(
        _("accepte de figurer sur la liste publique"), default=False
    )
    # Private: the person writes them for themselves and only they read them back (on their
    # personal page, at the sessions that revisit them, in the follow-up email). No organiser
    # page, list, history or export shows them (PRIVATE_FIELDS below).
    learning_intention = models.TextField(
        _("intention d’apprentissage"), max_length=2000, blank=True
    )
    own_project = models.TextField(_("projet personnel"), max_length=2000, blank=True)
    next_steps = models.TextField(_("mes prochains pas"), max_length=2000, blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    created_at = models.DateTimeField(_("inscrit·e le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["last_name", "first_name", "pk"]
        # Taking every registration away in one file is more than reading them in the admin:
        # granted apart (IMPORT_EXPORT_EXPORT_PERMISSION_CODE in the settings).
        permissions = [("export_registration", _("Peut exporter les inscriptions (CSV, XLSX)"))]
        constraints = [
            # A cancelled registration no longer holds its address: the person may sign up again.
            models.UniqueConstraint(
                Lower("email"),
                "edition",
                condition=~Q(status="cancelled"),
                name="one_registration_per_email_per_edition",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self):
        return reverse("registrations:manage", kwargs={"token": self.token})


# The texts a person writes for themselves alone: kept out of the admin and the exports, out of
# the history's values (corrections.py), and blanked by anonymisation.
PRIVATE_FIELDS = ["learning_intention", "own_project", "next_steps"]


class Seat(models.Model):
    """A registration's place in a mini-conference: confirmed, or waiting in order of joining."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Place confirmée")
        WAITING = "waiting", _("Liste d'attente")

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="seat", verbose_name=_("inscription")
    )
    mini_conference = models.ForeignKey(
        MiniConference,
        on_delete=models.PROTECT,
        related_name="seats",
        verbose_name=_("mini-conférence"),
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices)
    joined_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    promoted_at = models.DateTimeField(
        _("confirmée depuis la liste d'attente le"), null=True, blank=True
    )
    attended = models.BooleanField(_("présence constatée"), default=False)

    class Meta:
        verbose_name = _("place en mini-conférence")
        verbose_name_plural = _("places en mini-conférence")
        ordering = ["mini_conference", "status", "joined_at", "pk"]
        indexes = [
            models.Index(fields=["mini_conference", "status", "joined_at"], name="seat_queue_idx")
        ]

    def __str__(self):
        return f"{self.registration} — {self.mini_conference} ({self.get_status_display()})"


class ChallengePreference(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="challenge_preferences"
    )
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField(_("rang"))

    class Meta:
        verbose_name = _("défi préféré")
        verbose_name_plural = _("défis préférés")
        ordering = ["registration", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "rank"], name="one_challenge_per_rank"),
            models.UniqueConstraint(
                fields=["registration", "challenge"], name="challenge_chosen_once"
            ),
            models.CheckConstraint(
                condition=Q(rank__gte=1, rank__lte=3), name="preference_rank_1_to_3"
            ),
        ]

    def __str__(self):
        return f"{self.rank}. {self.challenge}"


class Attendance(models.Model):
    """Presence for a half-day: typed by organisers from the signed sign-in sheet, recorded by
    staff scanning the person's code, or signed by the person with the half-day's code."""

    class Period(models.TextChoices):
        MORNING = "morning", _("Matin")
        AFTERNOON = "afternoon", _("Après-midi")

    class Method(models.TextChoices):
        SHEET = "sheet", _("feuille papier")
        SCAN = "scan", _("code scanné")
        SELF = "self", _("code de la salle")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    day = models.ForeignKey(Day, on_delete=models.CASCADE, related_name="attendances")
    period = models.CharField(_("demi-journée"), max_length=20, choices=Period.choices)
    recorded_at = models.DateTimeField(_("saisie le"), default=timezone.now)
    # How the presence came: typed from the paper sheet, scanned by staff, signed by the person.
    method = models.CharField(
        _("mode d’émargement"), max_length=10, choices=Method.choices, default=Method.SHEET
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enregistrée par"),
    )

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        ordering = ["day__date", "period", "registration"]
        # The facilitators' one right: recording presences on site (scan, codes, closing).
        permissions = [("record_presence", _("Peut enregistrer les présences sur place"))]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day", "period"], name="one_attendance_per_half_day"
            ),
        ]

    def __str__(self):
        return f"{self.registration} — {self.day} ({self.get_period_display()})"


class LinkRequest(models.Model):
    """An address typed on the « recevoir à nouveau mon lien » page, until the mail worker
    answers it (registrations/link_requests.py): the page only records it, the same for an
    address registered or not, so neither its answer nor its time tells them apart."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, verbose_name=_("édition"))
    email = models.EmailField(_("adresse électronique"))
    language = models.CharField(_("langue du site"), max_length=10, choices=settings.LANGUAGES)
    requested_at = models.DateTimeField(_("demandé le"), default=timezone.now)

    class Meta:
        verbose_name = _("demande de lien personnel")
        verbose_name_plural = _("demandes de lien personnel")

    def __str__(self):
        return f"{self.email} — {self.requested_at:%Y-%m-%d %H:%M}"


class NoticeRound(models.Model):
    """The change notices of one round: the programme changes made since the last round are
    gathered, and once none has come for the quiet period (settings.NOTICE_QUIET_MINUTES),
    each participant concerned receives one digest of them (registrations/notices.py).
    Organisers may hold a round, or send it at once."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="notice_rounds", verbose_name=_("édition")
    )
    opened_at = models.DateTimeField(_("ouverte le"), default=timezone.now)
    held = models.BooleanField(
        _("suspendue"), default=False, help_text=_("Rien ne part tant qu'elle est suspendue.")
    )
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("destinataires"), default=0)
    changes = models.ManyToManyField(
        "programme.ProgrammeChange",
        blank=True,
        related_name="notice_rounds",
        verbose_name=_("modifications"),
    )

    class Meta:
        verbose_name = _("envoi d'avis de modification")
        verbose_name_plural = _("envois d'avis de modification")
        ordering = ["-opened_at", "-pk"]
        permissions = [("send_notices", _("Peut envoyer ou suspendre les avis de modification"))]
        constraints = [
            # One round at a time gathers the changes: the one not sent yet.
            models.UniqueConstraint(
                fields=["edition"], condition=Q(sent_at__isnull=True), name="one_open_notice_round"
            ),
        ]

    def __str__(self):
        return f"{self.edition} — {self.opened_at:%Y-%m-%d %H:%M}"


class RegistrationChange(models.Model):
    """One correction the participant made to their details from the personal page: the
    registration's history, shown to organisers in the admin. Erasure deletes it with the
    person's other data (forgetting.forget)."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("inscription"),
    )
    field = models.CharField(_("champ"), max_length=50)
    old = models.TextField(_("ancienne valeur"), blank=True)
    new = models.TextField(_("nouvelle valeur"), blank=True)
    at = models.DateTimeField(_("modifié le"), default=timezone.now)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections par la personne inscrite")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.field_label}"

    @property
    def field_label(self):
        return Registration._meta.get_field(self.field).verbose_name


# The on-site sign-in's own rows (closing a list, its display on the hall screens, the log).
from .presence_models import AttendanceLog, ListClosing, SignCodeDisplay  # noqa: E402, F401
