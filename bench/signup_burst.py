"""A burst of concurrent sign-ups for the last seats, against PostgreSQL behind gunicorn.

Every thread loads the form (for its CSRF token) and posts it at once; the check is that no
mini-conference ends with more confirmed seats than its capacity and that no sign-up is lost.
"""

import json
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from tests.servers import open_registration, post_form, shell, signup_fields

PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://root@127.0.0.1:5432/postgres")
DATABASE = "clunyevent_bench_signup"
SIGNUPS = int(os.environ.get("BENCH_SIGNUPS", "200"))
CAPACITY = 20

COUNT = """
import json
from registrations.models import Registration, Seat
print(json.dumps({"registrations": Registration.objects.count(),
 "confirmed": Seat.objects.filter(status="confirmed").count(),
 "waiting": Seat.objects.filter(status="waiting").count()}))
"""


def recreate_database():
    import psycopg

    with psycopg.connect(
        PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{DATABASE}"


def sign_up(base_url, number, ids, outcomes):
    outcomes.append(post_form(base_url, "/inscription/", signup_fields(number, ids)))


def run_burst():
    from bench.run import base_env, forget

    workdir = Path(tempfile.mkdtemp(prefix="bench-signup-"))
    try:
        env = base_env(workdir, "signup", recreate_database())
    except Exception as error:  # no PostgreSQL here: say so in the report, do not fail the rest
        shutil.rmtree(workdir, ignore_errors=True)
        return {"skipped": f"PostgreSQL unavailable: {error}", "checks": []}
    try:
        return burst(env)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        forget(env)


def burst(env):
    from bench.run import prepare, served

    prepare(env, 1)
    ids = open_registration(env, capacity=CAPACITY)
    outcomes = []
    with served(env) as server:
        threads = [
            threading.Thread(target=sign_up, args=(server.url, n, ids, outcomes))
            for n in range(SIGNUPS)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    counts = json.loads(shell(env, COUNT).splitlines()[-1])
    over = counts["confirmed"] > CAPACITY
    lost = counts["registrations"] != SIGNUPS or counts["confirmed"] + counts["waiting"] != SIGNUPS
    return {
        "signups": SIGNUPS,
        "capacity": CAPACITY,
        "seconds": round(elapsed, 2),
        "signups_per_second": round(SIGNUPS / elapsed, 1),
        "statuses": {str(code): outcomes.count(code) for code in sorted(set(outcomes))},
        **counts,
        "checks": [
            f"sign-up burst: {counts['confirmed']} confirmed for {CAPACITY} seats "
            f"{'OVER-BOOKED' if over else 'ok'}; {counts['registrations']} of {SIGNUPS} "
            f"sign-ups kept {'SOME LOST' if lost else 'ok'}",
        ],
    }
