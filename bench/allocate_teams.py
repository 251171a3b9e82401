"""Benchmark of the challenge-team allocation: 2,000 synthetic participants, 50 challenges.

Not a test: it prints timings. The target is under 2 seconds on the project's machine for the
optimisation itself; the full run (reading registrations, writing the teams) is timed too, on a
throwaway in-memory SQLite database.

    .venv/bin/python bench/allocate_teams.py [--participants 2000] [--challenges 50]
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "clunyevent.settings.test"
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from teams import allocation, services  # noqa: E402

TARGET_SECONDS = 2.0


def synthetic_choices(rng, participants, challenges):
    """Three distinct choices each, some challenges far more popular (as in real sign-ups),
    and one person in twenty choosing nothing."""
    weights = [1 / (rank + 1) for rank in range(challenges)]
    choices = []
    for _ in range(participants):
        picked = []
        while len(picked) < 3 and rng.random() > 0.05 / 3:
            challenge = rng.choices(range(challenges), weights)[0]
            if challenge not in picked:
                picked.append(challenge)
        choices.append(picked)
    return choices


def capacity_for(participants, challenges):
    # A tenth more places than people, as organisers plan it.
    return -(-participants * 11 // (10 * challenges))


def time_solver(choices, challenges, capacity):
    candidates = [
        allocation.Candidate(key, tuple(c + 1 for c in picked))
        for key, picked in enumerate(choices, start=1)
    ]
    capacities = dict.fromkeys(range(1, challenges + 1), capacity)
    started = time.perf_counter()
    placements = allocation.place_in_challenges(candidates, capacities)
    return time.perf_counter() - started, placements


def time_full_run(choices, challenges, capacity):
    from tests import factories

    call_command("migrate", verbosity=0)
    edition = factories.EditionFactory()
    create_registrations(edition, choices, challenges, capacity)
    started = time.perf_counter()
    run = services.run_challenge_allocation(edition=edition)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    services.run_learning_allocation(edition=edition, team_size=8)
    return seconds, time.perf_counter() - started, run.report


def create_registrations(edition, choices, challenges, capacity):
    from programme.models import Challenge
    from registrations.models import ChallengePreference, Registration
    from tests import factories

    theme = factories.ChallengeThemeFactory(edition=edition)
    kind = factories.ChallengeTypeFactory(edition=edition)
    created = Challenge.objects.bulk_create(
        Challenge(
            edition=edition,
            theme=theme,
            challenge_type=kind,
            title=f"Défi {n}",
            team_capacity=capacity,
        )
        for n in range(challenges)
    )
    people = Registration.objects.bulk_create(
        factories.RegistrationFactory.build(edition=edition) for _ in choices
    )
    ChallengePreference.objects.bulk_create(
        ChallengePreference(registration=person, challenge=created[c], rank=rank)
        for person, picked in zip(people, choices, strict=True)
        for rank, c in enumerate(picked, start=1)
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--challenges", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()
    choices = synthetic_choices(random.Random(args.seed), args.participants, args.challenges)
    capacity = capacity_for(args.participants, args.challenges)
    print(f"{args.participants} participants, {args.challenges} défis de {capacity} places")
    seconds, placements = time_solver(choices, args.challenges, capacity)
    ranks = [p.rank for p in placements.values()]
    labels = {1: "1er choix", 2: "2e choix", 3: "3e choix", None: "autre défi"}
    shares = ", ".join(f"{label} : {ranks.count(rank)}" for rank, label in labels.items())
    verdict = "OK" if seconds < TARGET_SECONDS else "TROP LENT"
    print(f"optimisation : {seconds:.3f} s (cible < {TARGET_SECONDS} s) {verdict} — {shares}")
    seconds, learning_seconds, report = time_full_run(choices, args.challenges, capacity)
    print(f"calcul complet avec la base (lecture, écriture des équipes) : {seconds:.3f} s")
    print(f"équipes apprenantes de 8 au plus, avec la base : {learning_seconds:.3f} s")
    print(f"sans équipe : {len(report['unplaced'])}")


if __name__ == "__main__":
    main()
