"""The programme of an edition: days, venues, sessions, challenges, mini-conferences, people.

Everything about a given year is data; nothing here names the 2017 edition.
"""

from .challenges import Challenge, ChallengeQuerySet, ChallengeTheme, ChallengeType, TerritoryKind
from .changes import ProgrammeChange, ProgrammeChangeQuerySet
from .edition import Day, Edition, EditionQuerySet, Organisation, Partnership, Person, Venue
from .sessions import (
    MiniConference,
    MiniConferenceQuerySet,
    Session,
    SessionKind,
    SessionQuerySet,
)
from .version import ContentVersion

__all__ = [
    "Challenge",
    "ChallengeQuerySet",
    "ChallengeTheme",
    "ChallengeType",
    "ContentVersion",
    "Day",
    "Edition",
    "EditionQuerySet",
    "MiniConference",
    "MiniConferenceQuerySet",
    "Organisation",
    "Partnership",
    "Person",
    "ProgrammeChange",
    "ProgrammeChangeQuerySet",
    "Session",
    "SessionKind",
    "SessionQuerySet",
    "TerritoryKind",
    "Venue",
]
