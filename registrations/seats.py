"""What the public is told about a mini-conference's seats, from the with_seats() counts."""

import math
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from programme.formats import plural_count

from .models import Seat

# « presque complet » once a fifth of the seats or fewer are left (at least the last one).
ALMOST_FULL_SHARE = 0.2
# « places limitées » only once half of the seats or fewer are left: with more, saying so
# would be an alarm for nothing (25 seats left of 25 are not « limitées »).
LIMITED_SHARE = 0.5


@dataclass(frozen=True)
class SeatState:
    capacity: int
    confirmed: int
    waiting: int

    @classmethod
    def of(cls, mini_conference):
        """From a mini-conference annotated by MiniConference.objects.with_seats(), or, if it was
        not, from two counting queries (correct, only slower in a list)."""
        if not hasattr(mini_conference, "confirmed_seats"):
            seats = Seat.objects.filter(mini_conference=mini_conference)
            mini_conference.confirmed_seats = seats.filter(status=Seat.Status.CONFIRMED).count()
            mini_conference.waiting_seats = seats.filter(status=Seat.Status.WAITING).count()
        return cls(
            capacity=mini_conference.capacity,
            confirmed=mini_conference.confirmed_seats,
            waiting=mini_conference.waiting_seats,
        )

    @property
    def left(self):
        return max(self.capacity - self.confirmed, 0)

    @property
    def code(self):
        if self.left == 0:
            return "full"
        if self.left <= max(1, math.ceil(self.capacity * ALMOST_FULL_SHARE)):
            return "almost-full"
        if self.left <= self.capacity * LIMITED_SHARE:
            return "limited"
        return "available"

    @property
    def label(self):
        return {
            "full": _("complet — liste d'attente"),
            "almost-full": _("presque complet"),
            "limited": _("places limitées"),
            "available": _("places disponibles"),
        }[self.code]

    @property
    def detail(self):
        """« 3 places restantes sur 25 », or the length of the waiting list when full."""
        if self.left == 0:
            return ngettext(
                "%(count)d personne en liste d'attente",
                "%(count)d personnes en liste d'attente",
                plural_count(self.waiting),
            ) % {"count": self.waiting}
        return ngettext(
            "%(left)d place restante sur %(capacity)d",
            "%(left)d places restantes sur %(capacity)d",
            self.left,
        ) % {"left": self.left, "capacity": self.capacity}


def waiting_position(seat):
    """1 for the first person waiting for this mini-conference; None for a confirmed seat."""
    if seat.status != Seat.Status.WAITING:
        return None
    ahead = Seat.objects.filter(
        mini_conference_id=seat.mini_conference_id, status=Seat.Status.WAITING
    ).filter(Q(joined_at__lt=seat.joined_at) | Q(joined_at=seat.joined_at, pk__lt=seat.pk))
    return ahead.count() + 1
