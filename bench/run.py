"""`make bench`: the site under production settings behind gunicorn, loaded with wrk.

For the 2017 programme at 1×, 10× and 100× its size, it reports, for the home page, the
agenda, a session page, /programme.ics and /schedule.xml: requests per second and latency
p50/p99 served from the page cache and rendered without it, each as a ratio to the ceiling (a
static file of the same size served by the same stack), and SQL queries and render time per
page. At 1×, the agenda's throughput while sign-ups arrive at a steady rate, as a ratio to its
idle throughput, and the weight of a first visit to the agenda on the wire. Then a burst of
concurrent sign-ups against PostgreSQL. Figures go to bench/results/. Every load is bounded
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
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SCALES = [int(s) for s in os.environ.get("BENCH_SCALES", "1,10,100").split(",")]
DURATION = os.environ.get("BENCH_DURATION", "2s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
WORKERS = os.environ.get("BENCH_WORKERS", "3")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
# Served from the page cache, against the ceiling, at 1× and 10× (100× is reported).
CACHED_TARGET, CACHED_TARGET_SCALES = 0.7, (1, 10)
# The agenda while sign-ups arrive at a steady rate, against its idle throughput.
STREAM_RATE = float(os.environ.get("BENCH_SIGNUP_RATE", "5"))
STREAM_DURATION = os.environ.get("BENCH_STREAM_DURATION", "10s")
STREAM_TARGET = 0.9
FIRST_VISIT_BUDGET_KB = 45

sys.path.insert(0, str(ROOT))
from bench.signup_burst import run_burst  # noqa: E402
from bench.wrk import wrk  # noqa: E402
from tests.servers import (  # noqa: E402
    Gunicorn,
    open_registration,
    post_form,
    signup_fields,
    site_env,  # noqa: E402
)


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


def write_ceiling_files(env, pages):
    """Static files of each page's size, served by whitenoise in the same gunicorn."""
    folder = Path(env["DJANGO_STATIC_ROOT"]) / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    for name, page in pages.items():
        (folder / f"{name}.txt").write_bytes(b"x" * page["bytes"])
    return {name: f"/static/bench/{name}.txt" for name in pages}


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


def load_one(server, path):
    drain(server)
    wrk(server.url + path, duration="1s", connections=CONNECTIONS)  # warm up
    return wrk(server.url + path, duration=DURATION, connections=CONNECTIONS)


def load(server, urls):
    return {name: load_one(server, path) for name, path in urls.items()}


def load_beside_ceiling(server, urls, ceiling_urls):
    """Each page right after its ceiling, so that both meet the machine in the same state."""
    ceiling, pages = {}, {}
    for name, path in urls.items():
        ceiling[name] = load_one(server, ceiling_urls[name])
        pages[name] = load_one(server, path)
    return ceiling, pages


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


class SignupStream:
    """Sign-ups posted at a steady rate (each one loads the form, then posts it), in the
    background until stopped."""

    def __init__(self, server, ids, rate):
        self.server, self.ids, self.interval = server, ids, 1 / rate
        self.statuses, self.threads, self.stop = [], [], threading.Event()

    def post(self, number):
        fields = signup_fields(f"flux{number}", self.ids)
        self.statuses.append(post_form(self.server.url, "/inscription/", fields))

    def run(self):
        started, number = time.monotonic(), 0
        while not self.stop.is_set():
            thread = threading.Thread(target=self.post, args=(number,))
            thread.start()
            self.threads.append(thread)
            number += 1
            self.stop.wait(max(0, started + number * self.interval - time.monotonic()))

    def __enter__(self):
        self.started = time.monotonic()
        self.runner = threading.Thread(target=self.run)
        self.runner.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.runner.join()
        for thread in self.threads:
            thread.join()
        self.seconds = time.monotonic() - self.started


def agenda_under_signups(env, server):
    """The agenda's cached throughput, idle then while sign-ups arrive at STREAM_RATE."""
    ids = open_registration(env, capacity=25)
    url = server.url + "/programme/"
    drain(server)
    wrk(url, duration="1s", connections=CONNECTIONS)
    idle = wrk(url, duration=STREAM_DURATION, connections=CONNECTIONS)
    drain(server)
    with SignupStream(server, ids, STREAM_RATE) as stream:
        busy = wrk(url, duration=STREAM_DURATION, connections=CONNECTIONS)
    return {
        "idle": idle,
        "during_signups": busy,
        "ratio": round(busy["rps"] / idle["rps"], 2) if idle["rps"] else 0,
        "signups": len(stream.statuses),
        "signups_per_second": round(len(stream.statuses) / stream.seconds, 1),
        "statuses": {str(c): stream.statuses.count(c) for c in sorted(set(stream.statuses))},
    }


def bench_scale(scale):
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{scale}-"))
    env = base_env(workdir, scale, f"sqlite:///{workdir / 'db.sqlite3'}")
    extra = {}
    try:
        prepare(env, scale)
        pages = measure_pages(env)
        ceiling_urls = write_ceiling_files(env, pages)
        page_urls = {name: page["url"] for name, page in pages.items()}
        with served(env) as server:
            ceiling, cached = load_beside_ceiling(server, page_urls, ceiling_urls)
            if scale == 1:
                extra = {"first_visit": first_visit(server)}
                extra["stream"] = agenda_under_signups(env, server)
        with served(env, DJANGO_PAGE_CACHE="0") as server:
            rendered = load(server, page_urls)
        return {
            name: {
                **pages[name],
                "ceiling": ceiling[name],
                "cached": cached[name],
                "rendered": rendered[name],
            }
            for name in pages
        }, extra
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        forget(env)


def ratio(run, mode):
    return round(run[mode]["rps"] / run["ceiling"]["rps"], 2) if run["ceiling"]["rps"] else 0


def report(results, burst):
    lines = [
        f"# Benchmark {results['date']} on {results['machine']}",
        "",
        f"wrk: {DURATION} per URL, {CONNECTIONS} connections; gunicorn: {WORKERS} workers; "
        "production settings, cache in Redis, SQLite. Rendered pages have no target: they "
        "are reported to show what the page cache spares.",
        "",
    ]
    header = (
        "| scale | page | queries | render ms | KB | ceiling req/s | cached req/s (ratio) "
        "| cached p50/p99 ms | rendered req/s (ratio) | rendered p50/p99 ms |"
    )
    lines += [header, "|" + "---|" * 10]
    for scale, pages in results["scales"].items():
        for name, run in pages.items():
            lines.append(
                f"| {scale}× | {name} | {run['queries']} | {run['render_ms']} | "
                f"{run['bytes'] / 1024:.1f} | {run['ceiling']['rps']:.0f} | "
                f"{run['cached']['rps']:.0f} ({ratio(run, 'cached')}) | "
                f"{run['cached']['p50']}/{run['cached']['p99']} | "
                f"{run['rendered']['rps']:.0f} ({ratio(run, 'rendered')}) | "
                f"{run['rendered']['p50']}/{run['rendered']['p99']} |"
            )
    lines += stream_report(results.get("stream"))
    if results.get("first_visit"):
        lines += ["", f"First visit to the agenda: {results['first_visit']['kb']} KB on the wire."]
    lines += ["", "## Checks", ""] + [f"- {check}" for check in results["checks"]]
    if burst:
        lines += [
            "",
            "## Sign-up burst (PostgreSQL)",
            "",
            "```",
            json.dumps(burst, indent=1),
            "```",
        ]
    return "\n".join(lines) + "\n"


def stream_report(stream):
    if not stream:
        return []

    def row(label, run):
        return f"| {label} | {run['rps']:.0f} | {run['p50']}/{run['p99']} |"

    return [
        "",
        f"## The agenda while sign-ups arrive ({STREAM_RATE:g} per second, 1×)",
        "",
        "| | req/s | p50/p99 ms |",
        "|---|---|---|",
        row("idle", stream["idle"]),
        row("during sign-ups", stream["during_signups"]),
        "",
        f"Ratio {stream['ratio']}; {stream['signups']} sign-ups "
        f"({stream['signups_per_second']} per second), statuses {stream['statuses']}.",
    ]


def verdict(ok):
    return "ok" if ok else "BELOW TARGET"


def checks(results):
    found = []
    for scale, pages in results["scales"].items():
        for name, run in pages.items():
            value = ratio(run, "cached")
            if scale in CACHED_TARGET_SCALES:
                target = f"target {CACHED_TARGET}) {verdict(value >= CACHED_TARGET)}"
            else:
                target = "no target)"
            found.append(f"{scale}× {name} cached: {value}× the ceiling ({target}")
    if results.get("stream"):
        value = results["stream"]["ratio"]
        found.append(
            f"agenda during {STREAM_RATE:g} sign-ups/s: {value}× its idle throughput "
            f"(target {STREAM_TARGET}) {verdict(value >= STREAM_TARGET)}"
        )
    if results.get("first_visit"):
        kb = results["first_visit"]["kb"]
        found.append(
            f"first visit to the agenda: {kb} KB on the wire "
            f"(target under {FIRST_VISIT_BUDGET_KB} KB) {verdict(kb < FIRST_VISIT_BUDGET_KB)}"
        )
    for name in next(iter(results["scales"].values())):
        counts = {scale: pages[name]["queries"] for scale, pages in results["scales"].items()}
        same = len(set(counts.values())) == 1
        found.append(f"{name}: SQL queries per scale {counts} {'ok' if same else 'DIFFER'}")
    return found


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
    results["checks"] = checks(results) + burst.pop("checks", [])
    results["burst"] = burst
    results["seconds"] = round(time.monotonic() - started)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    stem = f"{datetime.date.today().isoformat()}-{platform.node()}"
    (out / f"{stem}.json").write_text(json.dumps(results, indent=1, default=str))
    (out / f"{stem}.md").write_text(report(results, burst))
    print(report(results, burst))
    print(f"Written to bench/results/{stem}.md in {results['seconds']} s")


if __name__ == "__main__":
    main()
