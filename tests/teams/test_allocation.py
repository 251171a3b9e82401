"""The pure optimisation: capacities, optimality against brute force, determinism, spread."""

import itertools
import math
import random

import pytest

from teams import allocation
from teams.allocation import Candidate, Member


def sizes_of(placements):
    sizes = {}
    for placement in placements.values():
        if placement.challenge is not None:
            sizes[placement.challenge] = sizes.get(placement.challenge, 0) + 1
    return sizes


def score(candidates, chosen):
    """(people left out, total cost of the people placed): the solver minimises both, in order."""
    cost = sum(
        allocation.cost(candidate, challenge)
        for candidate, challenge in zip(candidates, chosen, strict=True)
        if challenge is not None
    )
    return (chosen.count(None), cost)


def brute_force(candidates, capacities):
    """Every possible assignment (a challenge or nobody for each person), the best score."""
    options = [*capacities, None]
    feasible = (
        chosen
        for chosen in itertools.product(options, repeat=len(candidates))
        if all(chosen.count(key) <= places for key, places in capacities.items())
    )
    return min(score(candidates, chosen) for chosen in feasible)


def random_case(seed, people=6, challenges=3):
    rng = random.Random(seed)
    capacities = {key: rng.randint(1, 3) for key in range(1, challenges + 1)}
    candidates = [
        Candidate(key, tuple(rng.sample(list(capacities), rng.randint(0, 3))))
        for key in range(1, people + 1)
    ]
    return candidates, capacities


HAND_MADE_CASES = {
    "everyone-wants-the-same": (
        [Candidate(k, (1, 2, 3)) for k in range(1, 6)],
        {1: 2, 2: 2, 3: 2},
    ),
    "convex-cost-shares-disappointment": (
        [
            Candidate(1, (1, 2, 3)),
            Candidate(2, (1, 3, 2)),
            Candidate(3, (2, 1)),
            Candidate(4, (2,)),
        ],
        {1: 1, 2: 1, 3: 2},
    ),
    "more-people-than-places": (
        [Candidate(k, (1,)) for k in range(1, 6)] + [Candidate(6, ())],
        {1: 1, 2: 2},
    ),
    "only-unranked-places-left": (
        [Candidate(1, (1,)), Candidate(2, (1,)), Candidate(3, (1, 2))],
        {1: 1, 2: 1, 3: 1},
    ),
}
CASES = list(HAND_MADE_CASES.values()) + [random_case(seed) for seed in range(8)]
CASE_IDS = list(HAND_MADE_CASES) + [f"random-{seed}" for seed in range(8)]


@pytest.mark.parametrize(("candidates", "capacities"), CASES, ids=CASE_IDS)
def test_assignment_is_as_good_as_brute_force(candidates, capacities):
    placements = allocation.place_in_challenges(candidates, capacities)

    chosen = tuple(placements[c.key].challenge for c in candidates)
    assert score(candidates, chosen) == brute_force(candidates, capacities)


@pytest.mark.parametrize(("candidates", "capacities"), CASES, ids=CASE_IDS)
def test_capacities_are_never_exceeded(candidates, capacities):
    placements = allocation.place_in_challenges(candidates, capacities)

    assert all(size <= capacities[key] for key, size in sizes_of(placements).items())


def test_capacities_hold_on_a_large_contested_case():
    candidates, capacities = random_case(42, people=300, challenges=12)

    placements = allocation.place_in_challenges(candidates, capacities)

    assert all(size <= capacities[key] for key, size in sizes_of(placements).items())
    placed = sum(sizes_of(placements).values())
    assert placed == min(len(candidates), sum(capacities.values()))


def test_same_input_gives_the_same_placements_whatever_the_order():
    candidates, capacities = random_case(7, people=60, challenges=6)
    shuffled = candidates[:]
    random.Random(1).shuffle(shuffled)

    first = allocation.place_in_challenges(candidates, capacities)
    second = allocation.place_in_challenges(candidates, capacities)
    third = allocation.place_in_challenges(shuffled, dict(reversed(capacities.items())))

    assert first == second == third


def test_forced_people_keep_their_challenge_even_beyond_capacity():
    candidates = [Candidate(1, (1,), forced=2), Candidate(2, (2,)), Candidate(3, (2,), forced=2)]

    placements = allocation.place_in_challenges(candidates, {1: 1, 2: 1})

    assert [placements[k] for k in (1, 2, 3)] == [
        allocation.Placement(2, None, forced=True),
        allocation.Placement(1, None),
        allocation.Placement(2, 1, forced=True),
    ]


def test_people_left_out_say_why():
    candidates = [Candidate(1, (1,)), Candidate(2, (1,)), Candidate(3, ())]

    placements = allocation.place_in_challenges(candidates, {1: 1})

    assert [placements[k].reason for k in (1, 2, 3)] == [
        "",
        allocation.NO_ROOM,
        allocation.NO_PREFERENCE_NO_ROOM,
    ]


def test_nobody_is_placed_when_there_is_no_challenge():
    placements = allocation.place_in_challenges([Candidate(1, ())], {})

    assert placements == {1: allocation.Placement(None, reason=allocation.NO_PREFERENCE_NO_ROOM)}


def people(count, *, challenges=5, employers=7, categories=3):
    return [
        Member(
            key,
            challenge=key % challenges,
            employer=f"employeur {key % employers}",
            category=f"profil {key % categories}",
        )
        for key in range(1, count + 1)
    ]


@pytest.mark.parametrize(("count", "size"), [(10, 3), (24, 8), (25, 8), (7, 7), (103, 9)])
def test_learning_teams_are_balanced_within_the_chosen_size(count, size):
    teams = allocation.form_learning_teams(people(count), team_size=size)

    sizes = allocation.count_values(teams.values())
    assert len(sizes) == math.ceil(count / size)
    assert max(sizes.values()) <= size
    assert max(sizes.values()) - min(sizes.values()) <= 1


@pytest.mark.parametrize("attribute", ["challenge", "employer", "category"])
def test_learning_teams_spread_challenges_employers_and_profiles(attribute):
    members = people(60, challenges=4, employers=6, categories=3)

    teams = allocation.form_learning_teams(members, team_size=6)

    team_count = 10
    groups = allocation.count_values(getattr(m, attribute) for m in members)
    in_team = allocation.count_values((teams[m.key], getattr(m, attribute)) for m in members)
    assert all(n <= math.ceil(groups[value] / team_count) for (_team, value), n in in_team.items())


def test_colleagues_go_to_different_learning_teams():
    members = [
        Member(k, employer="Ville de Mâcon" if k <= 4 else f"Autre {k}") for k in range(1, 17)
    ]

    teams = allocation.form_learning_teams(members, team_size=4)

    assert sorted(teams[k] for k in range(1, 5)) == [1, 2, 3, 4]


def test_learning_teams_keep_hand_made_moves_and_are_deterministic():
    members = people(30)
    members[0] = Member(members[0].key, challenge=0, forced=3)

    first = allocation.form_learning_teams(members, team_size=5)
    second = allocation.form_learning_teams(list(reversed(members)), team_size=5)

    assert first == second
    assert first[members[0].key] == 3


def test_spread_summary_counts_the_worst_mix():
    members = [Member(1, challenge=1, employer="a"), Member(2, challenge=1, employer="a")]

    summary = allocation.spread_summary(members, {1: 1, 2: 1})

    assert summary == {
        "participants": 2,
        "teams": 1,
        "smallest": 2,
        "largest": 2,
        "forced": 0,
        "max_same_challenge": 2,
        "max_same_employer": 2,
    }
