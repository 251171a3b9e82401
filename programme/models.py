"""The programme of an edition: days, venues, sessions, challenges, mini-conferences, people.

Everything about a given year is data; nothing here names the 2017 edition.
"""

from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
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
    programme_updated_at = models.DateTimeField(
        _("dernière modification du programme"), null=True, blank=True, editable=False
    )
    retention_months = models.PositiveSmallIntegerField(
        _("durée de conservation des inscriptions (mois après l'événement)"), default=12
    )
    organisations = models.ManyToManyField(
        Organisation, through="Partnership", related_name="editions", verbose_name=_("organismes")
    )

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
        from .validation import validate_edition

        validate_edition(self)

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
        from .formats import long_date

        return long_date(self.date)

    def get_absolute_url(self):
        return reverse("programme:day-detail", kwargs={"date": self.date.isoformat()})

    def clean(self):
        from .validation import validate_day

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
        from .validation import validate_venue

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


class SessionKind(models.TextChoices):
    PLENARY = "plenary", _("Plénière")
    CONVERSATION = "conversation", _("Conversation structurée")
    CHALLENGE_STEP = "challenge_step", _("Travail sur les défis")
    MINI_CONFERENCES = "mini_conferences", _("Mini-conférences")
    WELCOME_COFFEE = "welcome_coffee", _("Café d'accueil")
    BREAK = "break", _("Pause")
    MEAL = "meal", _("Repas ou cocktail")
    INSTITUTIONAL_WELCOME = "institutional_welcome", _("Accueil institutionnel")
    LEARNING_TEAM = "learning_team", _("Équipe apprenante")
    CLOSING = "closing", _("Clôture")


class SessionQuerySet(models.QuerySet):
    def of_edition(self, edition):
        return self.filter(day__edition=edition)

    def at_venue(self, venue):
        return self.filter(Q(venue=venue) | Q(mini_conferences__venue=venue)).distinct()

    def meals(self):
        return self.filter(kind=SessionKind.MEAL)

    def for_programme(self):
        """Everything the agenda shows, in a constant number of queries."""
        return self.select_related("day", "venue").prefetch_related(
            Prefetch(
                "mini_conferences",
                queryset=MiniConference.objects.select_related("venue").order_by("number"),
            ),
            "mini_conferences__speakers",
            "speakers",
        )


class Session(models.Model):
    day = models.ForeignKey(
        Day, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("journée")
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(
        _("fin"), null=True, blank=True, help_text=_("Laisser vide si le programme ne la fixe pas.")
    )
    title = models.CharField(_("titre"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=SessionKind.choices)
    challenge_step = models.PositiveSmallIntegerField(
        _("temps des défis"),
        null=True,
        blank=True,
        help_text=_("1 à 5 pour le travail sur les défis."),
    )
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        related_name="sessions",
        null=True,
        blank=True,
        verbose_name=_("lieu"),
    )
    is_parallel = models.BooleanField(
        _("parallèle par conception"),
        default=False,
        help_text=_("Autorise le chevauchement avec une autre séance dans le même lieu."),
    )
    speakers = models.ManyToManyField(
        Person, blank=True, related_name="sessions", verbose_name=_("intervenant·es")
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=F("start")),
                name="session_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programme:session-detail", kwargs={"pk": self.pk})

    @property
    def kind_label(self):
        # get_kind_display() rebuilds and hashes every lazy label at each call: too slow for
        # pages listing every session.
        return str(SessionKind(self.kind).label)

    def clean(self):
        # Imported here: validation needs SessionKind, defined in this module.
        from .validation import validate_session

        validate_session(self)


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


class MiniConferenceQuerySet(models.QuerySet):
    def of_edition(self, edition):
        return self.filter(slot__day__edition=edition)

    def for_listing(self):
        return self.select_related("slot__day", "venue").prefetch_related("speakers")

    def with_seats(self):
        """Annotate confirmed_seats and waiting_seats, for the seats state shown to the public."""
        # Plain strings: the Seat model lives in registrations, which depends on this app.
        return self.annotate(
            confirmed_seats=models.Count("seats", filter=Q(seats__status="confirmed")),
            waiting_seats=models.Count("seats", filter=Q(seats__status="waiting")),
        )


class MiniConference(models.Model):
    slot = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="mini_conferences",
        limit_choices_to={"kind": SessionKind.MINI_CONFERENCES},
        verbose_name=_("créneau"),
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("titre"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        related_name="mini_conferences",
        null=True,
        blank=True,
        verbose_name=_("salle"),
    )
    speakers = models.ManyToManyField(
        Person, blank=True, related_name="mini_conferences", verbose_name=_("intervenant·es")
    )
    capacity = models.PositiveSmallIntegerField(_("nombre de places"), default=25)
    recording_url = models.URLField(
        _("lien vers l'enregistrement"), blank=True, help_text=_("À renseigner après publication.")
    )

    objects = MiniConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("mini-conférence")
        verbose_name_plural = _("mini-conférences")
        ordering = ["slot__start", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "number"], name="unique_mini_conference_number"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="mini_conference_capacity_positive"
            ),
        ]

    def __str__(self):
        return _("Mini-conférence %(number)s : %(title)s") % {
            "number": self.number,
            "title": self.title,
        }

    def get_absolute_url(self):
        return reverse("programme:miniconference-detail", kwargs={"pk": self.pk})

    def clean(self):
        from .validation import validate_mini_conference

        validate_mini_conference(self)


class ProgrammeChange(models.Model):
    """A change to a published session's time, venue or title, shown to participants."""

    class Field(models.TextChoices):
        START = "start", _("début")
        END = "end", _("fin")
        VENUE = "venue", _("lieu")
        TITLE = "title", _("titre")
        ADDED = "added", _("séance ajoutée")
        REMOVED = "removed", _("séance supprimée")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="changes", verbose_name=_("édition")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("séance"),
    )
    session_title = models.CharField(_("séance"), max_length=300)
    field = models.CharField(_("modification"), max_length=20, choices=Field.choices)
    old_value = models.CharField(_("avant"), max_length=300, blank=True)
    new_value = models.CharField(_("après"), max_length=300, blank=True)
    changed_at = models.DateTimeField(_("le"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("modification du programme")
        verbose_name_plural = _("modifications du programme")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.session_title} — {self.get_field_display()}"
