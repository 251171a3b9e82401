"""`make bench`: the site under production settings behind gunicorn, loaded with wrk.

For the 2017 programme at 1×, 10× and 100× its size, it reports, for the home page, the
agenda, a session page, /programme.ics and /schedule.xml: requests per second and latency
p50/p99 served from the page cache and rendered without it, each as a ratio to the ceiling (a
static file of the same size served by the same stack), and SQL queries and render time per
page. At 1×, the agenda's throughput while sign-ups arrive at a steady rate, as a ratio to its
idle throughput, and the weight of a first visit to the agenda on the wire. Then a burst of
concurrent sign-ups against PostgreSQL, and sign-ups while the mail server is silent (it
accepts connections and never answers). Figures go to bench/results/. Every load is bounded
in time and aimed at 127.0.0.1 only.
"""

import contextlib
import datetime
import gzip
import json
import os
import platform
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SCALES = [int(s) for s in os.environ.get("BENCH_SCALES", "1,10,100").split(",")]
DURATION = os.environ.get("BENCH_DURATION", "1s")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
WORKERS = os.environ.get("BENCH_WORKERS", "3")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
# The agenda while sign-ups arrive at a steady rate, against its idle throughput.
STREAM_RATE = float(os.environ.get("BENCH_SIGNUP_RATE", "5"))
STREAM_SECONDS = int(os.environ.get("BENCH_STREAM_SECONDS", "10"))

sys.path.insert(0, str(ROOT))
from bench.report import ENCODINGS, checks, report  # noqa: E402
from bench.signup_burst import run_burst  # noqa: E402
from bench.silent_mail import run_silent_mail  # noqa: E402
from bench.stream import agenda_under_signups  # noqa: E402
from bench.wrk import wrk  # noqa: E402
from tests.servers import Gunicorn, site_env  # noqa: E402


def base_env(workdir, scale, database_url):
    return site_env(
        workdir,
        DJANGO_CACHE_PREFIX=f"bench-{scale}-{secrets.token_hex(4)}",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        # Every sign-up of the stream comes from 127.0.0.1: no limit in the way.
        DJANGO_REGISTRATION_RATE_LIMIT="100000",
    )


def forget(env):
    """Remove what this run left in Redis (page copies, versions, sessions of the burst)."""
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    for key in client.scan_iter(f"{env['DJANGO_CACHE_PREFIX']}:*"):
        client.delete(key)


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def prepare(env, scale):
    manage(env, "migrate", "--noinput")
    manage(env, "load_programme")
    if scale > 1:
        manage(env, "generate_programme", "--scale", str(scale))
    manage(env, "collectstatic", "--noinput")


def measure_pages(env):
    out = subprocess.run(
        [PYTHON, "bench/measure_pages.py"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def ceiling_urls(pages):
    """The static copies of each page (bench/measure_pages.py wrote them), served by
    whitenoise in the same gunicorn."""
    return {name: f"/static/bench/{page['ceiling']}.txt" for name, page in pages.items()}


def served(env, **extra):
    return Gunicorn({**env, **extra}, workers=int(WORKERS))


def drain(server, limit=30.0):
    """Wait until the workers have worked off what the last load left queued: slow pages
    still rendering would otherwise be charged to the next URL."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"{server.url}/healthz", timeout=limit)
        if time.monotonic() - started < 0.05:
            return


def load_one(server, path, duration=None, gzip=False):
    drain(server)
    url = server.url + path
    return wrk(url, duration=duration or DURATION, connections=CONNECTIONS, gzip=gzip)


def combined(runs):
    """Several runs of one URL: their mean throughput, their median latencies."""

    def median(values):
        values = sorted(v for v in values if v is not None)
        return values[len(values) // 2] if values else None

    return {
        "rps": sum(run["rps"] for run in runs) / len(runs),
        "p50": median(run["p50"] for run in runs),
        "p99": median(run["p99"] for run in runs),
        "non_2xx": sum(run["non_2xx"] for run in runs),
    }


def beside_ceiling(server, path, ceiling_path, gzip):
    """A page in turns with its ceiling, ROUNDS times after a warm-up, so that both meet the
    machine in the same states (this machine's speed drifts from second to second)."""
    load_one(server, ceiling_path, "1s", gzip)
    load_one(server, path, "1s", gzip)
    runs = [
        (load_one(server, ceiling_path, gzip=gzip), load_one(server, path, gzip=gzip))
        for _ in range(ROUNDS)
    ]
    return {"ceiling": combined([c for c, _ in runs]), "cached": combined([p for _, p in runs])}


def first_visit(server):
    """Bytes on the wire of a first visit to the agenda: the page and all it loads, as a
    browser that accepts gzip receives them (whitenoise serves its compressed copies)."""
    headers = {"Accept-Encoding": "gzip"}

    def fetch(path):
        request = urllib.request.Request(server.url + path, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    page = fetch("/programme/")
    html = gzip.decompress(page).decode()
    linked = re.findall(r'(?:href|src|data-service-worker)="(/(?:static|manifest|sw)[^"]*)"', html)
    return {"kb": round((len(page) + sum(len(fetch(path)) for path in linked)) / 1024, 1)}


def measure_at_one(env, server):
    """What only the 2017 programme as it is needs measuring: a first visit, the stream."""

    def load(path, duration, drain=True):
        if drain:
            return load_one(server, path, duration)
        return wrk(server.url + path, duration=duration, connections=CONNECTIONS)

    stream = agenda_under_signups(
        env, server, load, combined, rate=STREAM_RATE, seconds=STREAM_SECONDS
    )
    return {"first_visit": first_visit(server), "stream": stream, "stream_rate": STREAM_RATE}


def bench_scale(scale):
    """The pages of the programme at `scale`: measured in-process, then loaded from the page
    cache beside their ceilings (both encodings), then rendered without the cache."""
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{scale}-"))
    env = base_env(workdir, scale, f"sqlite:///{workdir / 'db.sqlite3'}")
    try:
        prepare(env, scale)
        pages = measure_pages(env)
        ceilings = ceiling_urls(pages)
        extra = {}
        with served(env) as server:
            for name, page in pages.items():
                for encoding in ENCODINGS:
                    page[encoding] = beside_ceiling(
                        server, page["url"], ceilings[name], encoding == "gzip"
                    )
            if scale == 1:
                extra = measure_at_one(env, server)
        with served(env, DJANGO_PAGE_CACHE="0") as server:
            for page in pages.values():
                load_one(server, page["url"], "1s")
                page["rendered"] = load_one(server, page["url"])
        return pages, extra
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        forget(env)


SETTINGS = (
    f"wrk: {DURATION} per run, {ROUNDS} runs of each page in turns with its ceiling (the "
    f"page's own bytes as a static file, served compressed or not by whitenoise in the same "
    f"gunicorn), {CONNECTIONS} connections; gunicorn: {WORKERS} workers; production settings, "
    "cache in Redis, SQLite. « gzip » asks for compressed answers as every browser does; "
    "« identity » is wrk's default. Rendered pages have no target: they show what the page "
    "cache spares."
)


def main():
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk (make bench installs it).")
    started = time.monotonic()
    results = {
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.node()} ({platform.machine()}, {os.cpu_count()} CPU, "
        f"Python {platform.python_version()})",
        "scales": {},
    }
    for scale in SCALES:
        print(f"== scale {scale}×", flush=True)
        results["scales"][scale], extra = bench_scale(scale)
        results.update(extra)
    burst = run_burst()
    results["burst"] = burst
    print("== sign-ups with a silent mail server", flush=True)
    results["silent_mail"] = run_silent_mail()
    results["checks"] = checks(results) + burst.pop("checks", [])
    results["seconds"] = round(time.monotonic() - started)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    stem = f"{datetime.date.today().isoformat()}-{platform.node()}"
    (out / f"{stem}.json").write_text(json.dumps(results, indent=1, default=str))
    (out / f"{stem}.md").write_text(report(results, SETTINGS))
    print(report(results, SETTINGS))
    print(f"Written to bench/results/{stem}.md in {results['seconds']} s")


if __name__ == "__main__":
    main()
