"""What happens when and where: sessions and the mini-conferences of a slot."""

from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .edition import Day, Person, Venue


class SessionKind(models.TextChoices):
    PLENARY = "plenary", _("Plénière")
    CONVERSATION = "conversation", _("Conversation structurée")
    CHALLENGE_STEP = "challenge_step", _("Travail sur les défis")
    MINI_CONFERENCES = "mini_conferences", _("Mini-conférences")
    WELCOME_COFFEE = "welcome_coffee", _("Café d'accueil")
    # Coffee with a programme (the 2017 one: with the European students): training time.
    LEARNING_CAFE = "learning_cafe", _("Café apprenant")
    BREAK = "break", _("Pause")
    MEAL = "meal", _("Repas ou cocktail")
    INSTITUTIONAL_WELCOME = "institutional_welcome", _("Accueil institutionnel")
    LEARNING_TEAM = "learning_team", _("Équipe apprenante")
    CLOSING = "closing", _("Clôture")

    @classmethod
    def for_everyone(cls):
        """The kinds every participant attends: two of them at once would ask people to be in
        two places, wherever each is held. A mini-conference slot is one of them (its talks are
        the parallel part). Coffee, breaks and meals are not: people come and go, and coffee
        may well be served while a plenary begins."""
        return frozenset(
            {
                cls.PLENARY,
                cls.CONVERSATION,
                cls.CHALLENGE_STEP,
                cls.MINI_CONFERENCES,
                cls.LEARNING_CAFE,
                cls.INSTITUTIONAL_WELCOME,
                cls.LEARNING_TEAM,
                cls.CLOSING,
            }
        )

    @classmethod
    def training(cls):
        """The kinds that are training time: they open and close a half-day on the sign-in
        sheets and count in the attestation's hours. Meals, welcome coffees and breaks do not:
        a half-day runs from its first training session to its last."""
        return frozenset(cls) - {cls.MEAL, cls.WELCOME_COFFEE, cls.BREAK}


class SessionQuerySet(models.QuerySet):
    def of_edition(self, edition):
        return self.filter(day__edition=edition)

    def at_venue(self, venue):
        return self.filter(Q(venue=venue) | Q(mini_conferences__venue=venue)).distinct()

    def meals(self):
        return self.filter(kind=SessionKind.MEAL)

    def for_programme(self):
        """Everything the agenda shows, in a constant number of queries."""
        from .changes import ProgrammeChange

        # Prefetched into plain lists (to_attr): Django would otherwise build a filtered
        # queryset per session and per mini-conference, a third of the agenda's render time.
        recent = ProgrammeChange.objects.recent()
        return self.select_related("day", "venue").prefetch_related(
            Prefetch(
                "mini_conferences",
                queryset=MiniConference.objects.select_related("venue").order_by("number"),
                to_attr="prefetched_parallel",
            ),
            Prefetch("prefetched_parallel__speakers", to_attr="prefetched_speakers"),
            Prefetch("prefetched_parallel__changes", recent, to_attr="recent_changes"),
            Prefetch("speakers", to_attr="prefetched_speakers"),
            Prefetch("changes", recent, to_attr="recent_changes"),
        )


class Tracked(models.Model):
    """What calendars and participants are told of an item's changes once it is published
    (kept by programme/changes.py): it may be cancelled and stay listed as such; `sequence`
    rises at each change of day, time, place, title or cancellation (iCalendar's SEQUENCE),
    `changed_at` is the last such change (LAST-MODIFIED)."""

    is_cancelled = models.BooleanField(
        _("annulée"),
        default=False,
        help_text=_(
            "Reste affichée, marquée « annulée » ; les inscrites et inscrits sont prévenus."
        ),
    )
    sequence = models.PositiveIntegerField(_("version pour les agendas"), default=0, editable=False)
    changed_at = models.DateTimeField(
        _("dernière modification"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True


class Session(Tracked):
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
        help_text=_(
            "Autorise le chevauchement avec une autre séance dans le même lieu ou, si tout le "
            "monde assiste aux deux, avec une autre séance du même jour."
        ),
    )
    # The programme asks participants to come back to what they wrote at sign-up: at such a
    # session their personal page and programme show them their own intention and project.
    revisits_intention = models.BooleanField(
        _("revient sur l’intention d’apprentissage"),
        default=False,
        help_text=_(
            "Chaque participante et participant y retrouve son intention d’apprentissage et son "
            "propre projet, sur sa page personnelle et dans son programme."
        ),
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
    def parallel(self):
        """The mini-conferences of this slot (prefetched by for_programme(), else queried)."""
        prefetched = getattr(self, "prefetched_parallel", None)
        return prefetched if prefetched is not None else list(self.mini_conferences.all())

    @property
    def speaker_list(self):
        prefetched = getattr(self, "prefetched_speakers", None)
        return prefetched if prefetched is not None else list(self.speakers.all())

    @property
    def kind_label(self):
        # get_kind_display() rebuilds and hashes every lazy label at each call: too slow for
        # pages listing every session.
        return str(SessionKind(self.kind).label)

    def clean(self):
        # Imported here: validation needs SessionKind, defined in this module.
        from ..validation import validate_session

        validate_session(self)


class MiniConferenceQuerySet(models.QuerySet):
    def of_edition(self, edition):
        return self.filter(slot__day__edition=edition)

    def for_listing(self):
        from .changes import ProgrammeChange

        recent = ProgrammeChange.objects.recent()
        return self.select_related("slot__day", "venue").prefetch_related(
            "speakers",
            Prefetch("changes", recent, to_attr="recent_changes"),
            Prefetch("slot__changes", recent, to_attr="recent_changes"),
        )

    def with_seats(self):
        """Annotate confirmed_seats and waiting_seats, for the seats state shown to the public."""
        # Plain strings: the Seat model lives in registrations, which depends on this app.
        return self.annotate(
            confirmed_seats=models.Count("seats", filter=Q(seats__status="confirmed")),
            waiting_seats=models.Count("seats", filter=Q(seats__status="waiting")),
        )


class MiniConference(Tracked):
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

    @property
    def speaker_list(self):
        prefetched = getattr(self, "prefetched_speakers", None)
        return prefetched if prefetched is not None else list(self.speakers.all())

    def clean(self):
        from ..validation import validate_mini_conference

        validate_mini_conference(self)
