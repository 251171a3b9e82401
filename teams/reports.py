"""A run's report as organisers read it: shares by choice obtained, who is left out and why.

The stored report holds registration and challenge keys only, never names: a participant who
erases their data disappears from past reports too.
"""

from django.utils.translation import gettext_lazy as _

from programme.models import Challenge
from registrations.models import Registration

from . import allocation as solver

REASONS = {
    solver.NO_ROOM: _("Les défis choisis sont complets et il ne reste de place dans aucun défi."),
    solver.NO_PREFERENCE_NO_ROOM: _("Aucun défi choisi, et il ne reste de place dans aucun défi."),
}

CHALLENGE_ROWS = [
    ("first", _("1er choix")),
    ("second", _("2e choix")),
    ("third", _("3e choix")),
    ("other", _("Un défi non choisi (choix complets ou aucun choix)")),
    ("forced", _("Placement imposé (porteuse ou porteur du défi, ou placement à la main)")),
]


def percent(count, total):
    return 100 * count / total if total else 0


def challenge_shares(report):
    """One row per outcome, with its count and its share of everyone considered."""
    total = report.get("participants", 0)
    rows = [(label, report.get(key, 0)) for key, label in CHALLENGE_ROWS]
    rows.append((_("Sans équipe"), len(report.get("unplaced", []))))
    return [{"label": label, "count": n, "share": percent(n, total)} for label, n in rows]


def registrations(pks):
    found = Registration.objects.in_bulk(pks)
    return [found[pk] for pk in pks if pk in found]


def unplaced(report):
    rows = report.get("unplaced", [])
    found = Registration.objects.in_bulk([row["registration"] for row in rows])
    return [
        {"registration": found[row["registration"]], "reason": REASONS.get(row["reason"], "")}
        for row in rows
        if row["registration"] in found
    ]


def over_capacity(report):
    rows = report.get("over_capacity", [])
    found = Challenge.objects.in_bulk([row["challenge"] for row in rows])
    return [
        {**row, "challenge": found[row["challenge"]]} for row in rows if row["challenge"] in found
    ]


def review(allocation):
    """Everything the review page shows about the run, names resolved."""
    report = allocation.report
    return {
        "shares": challenge_shares(report) if allocation.kind == "challenge" else [],
        "unplaced": unplaced(report),
        "over_capacity": over_capacity(report),
        "dropped_locks": registrations(report.get("dropped_locks", [])),
        "owners_without_challenge": registrations(report.get("owners_without_challenge", [])),
    }
