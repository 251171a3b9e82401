"""The optimisation behind the teams, on plain values: no Django, no database.

Challenge teams are a minimum-cost assignment. Each challenge is expanded into as many slots as
its team has free places, each participant's cost for a slot depends on the rank they gave that
challenge, and scipy's linear_sum_assignment finds the placement of least total cost. Everyone who
can be placed is placed (every slot accepts anyone, at a high cost when unranked), so nobody is
left out while a place remains.

Learning teams are formed by a deterministic greedy: people are taken from the largest challenge
team down, and each joins the team where they meet the fewest people from their challenge, then
from their employer, then of their profile, among the teams that keep the sizes balanced.

Both are deterministic: inputs are sorted by key, ties go to the lowest index, nothing is random.
"""

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

# Convex: one person on their 3rd choice costs more than two on their 2nd, so the solver shares
# disappointment out rather than concentrating it.
RANK_COSTS = {1: 0, 2: 1, 3: 3}
# Far above any ranked cost: many people get their 3rd choice before anyone gets a challenge they
# did not choose.
UNRANKED_COST = 100

NO_ROOM = "no_room"
NO_PREFERENCE_NO_ROOM = "no_preference_no_room"


@dataclass(frozen=True)
class Candidate:
    """Someone to place in a challenge team. `forced`: the challenge they own or were moved to."""

    key: int
    choices: tuple = ()
    forced: int | None = None


@dataclass(frozen=True)
class Placement:
    challenge: int | None
    rank: int | None = None
    forced: bool = False
    reason: str = ""


def cost(candidate, challenge):
    if challenge in candidate.choices:
        return RANK_COSTS[candidate.choices.index(challenge) + 1]
    return UNRANKED_COST


def rank_of(candidate, challenge):
    if challenge in candidate.choices:
        return candidate.choices.index(challenge) + 1
    return None


def place_in_challenges(candidates, capacities):
    """Map each candidate's key to a Placement. `capacities`: challenge key -> team size.

    Forced candidates take their place first, even beyond capacity (an organiser's decision);
    the others share the places left, at the least total cost.
    """
    candidates = sorted(candidates, key=lambda c: c.key)
    free = dict(capacities)
    placements = {}
    optimised = []
    for candidate in candidates:
        if candidate.forced in free:
            free[candidate.forced] -= 1
            placements[candidate.key] = Placement(
                candidate.forced, rank_of(candidate, candidate.forced), forced=True
            )
        else:
            optimised.append(candidate)
    placements.update(assign(optimised, free))
    return placements


def assign(candidates, free):
    """The minimum-cost assignment of candidates to the free places of each challenge."""
    challenges = sorted(key for key, places in free.items() if places > 0)
    places = [free[key] for key in challenges]
    placements = {c.key: unplaced(c) for c in candidates}
    if not candidates or not challenges:
        return placements
    costs = np.array([[cost(c, key) for key in challenges] for c in candidates], dtype=np.int64)
    slot_challenge = np.repeat(np.arange(len(challenges)), places)
    rows, columns = linear_sum_assignment(costs[:, slot_challenge])
    for row, column in zip(rows, columns, strict=True):
        candidate, challenge = candidates[row], challenges[slot_challenge[column]]
        placements[candidate.key] = Placement(challenge, rank_of(candidate, challenge))
    return placements


def unplaced(candidate):
    return Placement(None, reason=NO_ROOM if candidate.choices else NO_PREFERENCE_NO_ROOM)


@dataclass(frozen=True)
class Member:
    """Someone to place in a learning team. `forced`: the team number they were moved to."""

    key: int
    challenge: int | None = None
    employer: str = ""
    category: str = ""
    forced: int | None = None


def team_count_for(people, team_size):
    """As few teams as keep every team within `team_size`."""
    return math.ceil(people / team_size) if people else 0


def form_learning_teams(members, *, team_size):
    """Map each member's key to a team number (1 to n), spreading challenges, employers and
    profiles. Forced members keep their team when it still exists."""
    members = sorted(members, key=lambda m: m.key)
    count = team_count_for(len(members), team_size)
    if not count:
        return {}
    spread = Spread(members, count)
    teams = {}
    for member in members:
        if member.forced is not None and 1 <= member.forced <= count:
            teams[member.key] = spread.add(member, member.forced - 1) + 1
    for member in hardest_first([m for m in members if m.key not in teams]):
        teams[member.key] = spread.add(member, spread.best_team(member)) + 1
    return teams


def hardest_first(members):
    """Members of the largest challenge team first, then of the largest employer: they are the
    hardest to spread, so they choose while every team is still open."""
    challenges = count_values(m.challenge for m in members)
    employers = count_values(m.employer for m in members)
    return sorted(
        members,
        key=lambda m: (
            -challenges[m.challenge],
            m.challenge is None,
            m.challenge or 0,
            -employers[m.employer],
            m.employer,
            m.key,
        ),
    )


def count_values(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


class Spread:
    """Who is in each team so far, counted by challenge, employer and profile."""

    def __init__(self, members, count):
        self.base, self.larger = divmod(len(members), count)
        self.sizes = np.zeros(count, dtype=np.int64)
        self.weight = len(members) + 1
        self.columns = {
            attribute: {value: i for i, value in enumerate(sorted_values(members, attribute))}
            for attribute in ("challenge", "employer", "category")
        }
        self.counts = {
            attribute: np.zeros((count, len(values)), dtype=np.int64)
            for attribute, values in self.columns.items()
        }

    def add(self, member, team):
        self.sizes[team] += 1
        for attribute, columns in self.columns.items():
            self.counts[attribute][team, columns[getattr(member, attribute)]] += 1
        return team

    def best_team(self, member):
        """The open team with the fewest people sharing this member's challenge, then employer,
        then profile, then the smallest; argmin takes the lowest number on a tie."""
        score = np.zeros(len(self.sizes), dtype=np.int64)
        for attribute in ("challenge", "employer", "category"):
            column = self.columns[attribute][getattr(member, attribute)]
            score = score * self.weight + self.counts[attribute][:, column]
        score = score * self.weight + self.sizes
        closed = ~self.open_teams()
        if closed.all():  # Hand-made moves overfilled the teams: only balance is left to seek.
            closed[:] = False
        return int(np.argmin(np.where(closed, np.iinfo(np.int64).max, score)))

    def open_teams(self):
        """Final sizes differ by one at most: `larger` teams may reach base + 1, the rest base."""
        full = int((self.sizes > self.base).sum())
        return self.sizes < (self.base + 1 if full < self.larger else self.base)


def sorted_values(members, attribute):
    values = {getattr(m, attribute) for m in members}
    return sorted(values, key=lambda v: (v is None, "" if v is None else str(v)))


def spread_summary(members, teams):
    """What organisers check after a run: team sizes, and the most people one team has from a
    single challenge and from a single employer."""
    sizes = count_values(teams.values())

    def most_shared(attribute):
        pairs = count_values(
            (teams[m.key], getattr(m, attribute))
            for m in members
            if m.key in teams and getattr(m, attribute) not in (None, "")
        )
        return max(pairs.values(), default=0)

    return {
        "participants": len(teams),
        "teams": len(sizes),
        "smallest": min(sizes.values(), default=0),
        "largest": max(sizes.values(), default=0),
        "forced": sum(1 for m in members if m.forced is not None and teams.get(m.key) == m.forced),
        "max_same_challenge": most_shared("challenge"),
        "max_same_employer": most_shared("employer"),
    }
