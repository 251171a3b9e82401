"""The edition and what frames it: organisations, days, venues, people."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def current(self):
        """The edition the public site shows: the latest published one (the oldest on a tie)."""
        return self.published().order_by("-start_date", "pk").first()


class Organisation(models.Model):
    name = models.CharField(_("nom"), max_length=200, unique=True)
    short_name = models.CharField(_("sigle"), max_length=50, blank=True)
    # French puts an article before most names of bodies, and a sentence that begins with one
    # needs it: « Le Centre national de la fonction publique territoriale atteste que… ».
    name_with_article = models.CharField(
        _("nom précédé de l'article"),
        max_length=220,
        blank=True,
        help_text=_(
            "Par exemple « le Centre national de la fonction publique territoriale », « la "
            "Région Bourgogne-Franche-Comté ». Vide : le nom seul. Sert à l'attestation de "
            "présence."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("site web"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Edition(models.Model):
    number = models.PositiveSmallIntegerField(_("numéro d'édition"))
    slug = models.SlugField(_("identifiant"), unique=True)
    title = models.CharField(_("titre"), max_length=200)
    theme = models.CharField(_("thème"), max_length=200)
    start_date = models.DateField(_("premier jour"))
    end_date = models.DateField(_("dernier jour"))
    town = models.CharField(_("ville"), max_length=100)
    introduction = models.TextField(_("introduction"), blank=True)
    entrance = models.CharField(
        _("entrée à utiliser"), max_length=200, blank=True, help_text=_("Par exemple une porte.")
    )
    entrance_address = models.CharField(_("adresse de l'entrée"), max_length=200, blank=True)
    is_published = models.BooleanField(_("publiée"), default=False)
    contact_email = models.EmailField(
        _("courriel de contact"), blank=True, help_text=_("Questions et données personnelles.")
    )
    registration_opens_at = models.DateTimeField(
        _("ouverture des inscriptions"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        _("clôture des inscriptions"), null=True, blank=True
    )
    capacity = models.PositiveIntegerField(
        _("capacité totale"), null=True, blank=True, help_text=_("Vide : pas de limite globale.")
    )
    retention_months = models.PositiveSmallIntegerField(
        _("durée de conservation des inscriptions (mois après l'événement)"), default=12
    )
    organisations = models.ManyToManyField(
        Organisation, through="Partnership", related_name="editions", verbose_name=_("organismes")
    )
    # Who signs the attestations de présence (registrations/certificates.py).
    signatory_name = models.CharField(_("signataire des attestations"), max_length=200, blank=True)
    signatory_title = models.CharField(
        _("qualité de la ou du signataire"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple « Directrice de l'innovation et de la prospective »."),
    )
    # In the database rather than an uploaded file: the site serves no uploads, and the image
    # goes with the edition in every backup. Set from the admin (programme/signatures.py).
    signature = models.BinaryField(_("image de la signature"), blank=True, default=b"")

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("édition")
        verbose_name_plural = _("éditions")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="edition_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_date:%Y})"

    def get_absolute_url(self):
        return reverse("programme:home")

    def clean(self):
        from ..validation import validate_edition

        validate_edition(self)

    @property
    def signature_data_uri(self):
        """The signature as an <img> source (the CSP allows data: images), or ""."""
        from ..signatures import data_uri

        return data_uri(self.signature)

    def partners_by_role(self, role):
        partnerships = self.partnerships.filter(role=role).select_related("organisation")
        return [p.organisation for p in partnerships]


class Partnership(models.Model):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("organisateur")
        CO_ORGANISER = "co_organiser", _("co-organisateur")
        PARTNER = "partner", _("partenaire")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("édition")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnerships"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("organisme associé")
        verbose_name_plural = _("organismes associés")
        ordering = ["edition", "role", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organisation"], name="one_partnership_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.get_role_display()}"


class Day(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="days", verbose_name=_("édition")
    )
    date = models.DateField(_("date"))
    note = models.CharField(
        _("note pratique"), max_length=300, blank=True, help_text=_("Par exemple l'entrée du jour.")
    )

    class Meta:
        verbose_name = _("journée")
        verbose_name_plural = _("journées")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "date"], name="one_day_per_date"),
        ]

    def __str__(self):
        from ..formats import long_date

        return long_date(self.date)

    def get_absolute_url(self):
        return reverse("programme:day-detail", kwargs={"date": self.date.isoformat()})

    def clean(self):
        from ..validation import validate_day

        validate_day(self)


class Venue(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant"), unique=True)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("Par exemple l'époque du bâtiment."),
    )
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    access = models.TextField(_("accès et accessibilité"), blank=True)

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="venue_coordinates_both_or_none",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programme:venue-detail", kwargs={"slug": self.slug})

    def clean(self):
        from ..validation import validate_venue

        validate_venue(self)

    @property
    def map_url(self):
        if self.latitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=18/{self.latitude}/{self.longitude}"
        )


class Person(models.Model):
    first_name = models.CharField(_("prénom"), max_length=100)
    # « nom » alone is also an organisation's or a venue's name: the context tells them apart.
    last_name = models.CharField(pgettext_lazy("personne", "nom"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    job_title = models.CharField(_("fonction"), max_length=200, blank=True)
    biography = models.TextField(_("biographie"), blank=True)

    class Meta:
        verbose_name = _("intervenant·e ou invité·e")
        verbose_name_plural = _("intervenant·es et invité·es")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"
