"""A burst of concurrent sign-ups for the last seats, against PostgreSQL behind gunicorn.

Every thread loads the form (for its CSRF token) and posts it at once; the check is that no
mini-conference ends with more confirmed seats than its capacity and that no sign-up is lost.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://root@127.0.0.1:5432/postgres")
DATABASE = "clunyevent_bench_signup"
SIGNUPS = int(os.environ.get("BENCH_SIGNUPS", "200"))
CAPACITY = 20

SETUP = """
import json, datetime
from django.utils import timezone
from programme.models import Edition, MiniConference
edition = Edition.objects.current()
edition.registration_opens_at = timezone.now() - datetime.timedelta(days=1)
edition.registration_closes_at = timezone.now() + datetime.timedelta(days=1)
edition.capacity = None
edition.save()
mc = MiniConference.objects.of_edition(edition).order_by("number").first()
mc.capacity = {capacity}
mc.save()
challenges = list(edition.challenges.values_list("pk", flat=True)[:3])
print(json.dumps({{"mc": mc.pk, "challenges": challenges}}))
"""

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


def shell(env, code):
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def sign_up(base_url, number, ids, outcomes):
    # Production cookies are Secure: a client over plain HTTP would not send them back, so
    # the CSRF cookie is carried by hand on this loopback-only benchmark.
    form = urllib.request.urlopen(f"{base_url}/inscription/", timeout=60)
    cookie = re.search(r"csrftoken=([^;]+)", form.headers.get("Set-Cookie", "")).group(1)
    page = form.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    fields = {
        "csrfmiddlewaretoken": token,
        "first_name": f"Prénom{number}",
        "last_name": "Banc",
        "email": f"banc{number}@example.org",
        "country": "France",
        "employer": "Banc d'essai",
        "category": "trainee",
        "mini_conference": ids["mc"],
        "join_waiting_list": "on",
        "consent": "on",
        **{f"challenge_{rank}": pk for rank, pk in enumerate(ids["challenges"], start=1)},
    }
    request = urllib.request.Request(
        f"{base_url}/inscription/",
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Referer": f"{base_url}/inscription/", "Cookie": f"csrftoken={cookie}"},
    )
    try:
        response = urllib.request.urlopen(request, timeout=120)
        outcomes.append(response.status)
    except urllib.error.HTTPError as error:
        outcomes.append(error.code)


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
    from bench.run import Gunicorn, prepare

    env["DJANGO_REGISTRATION_RATE_LIMIT"] = str(SIGNUPS * 10)
    prepare(env, 1)
    ids = shell(env, SETUP.format(capacity=CAPACITY))
    outcomes = []
    with Gunicorn(env) as server:
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
    counts = shell(env, COUNT)
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
