"""`make bench`: the site under production settings behind gunicorn, loaded with wrk.

For the 2017 programme at 1×, 10× and 100× its size, it reports, for the home page, the
agenda, a session page, /programme.ics and /schedule.xml: requests per second and latency
p50/p99 served from the page cache and rendered without it, each as a ratio to the ceiling (a
static file of the same size served by the same stack), and SQL queries and render time per
page. Then a burst of concurrent sign-ups against PostgreSQL. Figures go to bench/results/.
Every load is bounded in time and aimed at 127.0.0.1 only.
"""

import contextlib
import datetime
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
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
TARGETS = {"cached": 0.8, "rendered": 0.1}

sys.path.insert(0, str(ROOT))
from bench.signup_burst import run_burst  # noqa: E402
from bench.wrk import wrk  # noqa: E402


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(workdir, scale, database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="clunyevent.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_CACHE_PREFIX=f"bench-{scale}-{secrets.token_hex(4)}",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    return env


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


class Gunicorn:
    def __init__(self, env, **extra):
        self.port = free_port()
        self.env = {**env, **extra}

    def __enter__(self):
        command = [
            PYTHON,
            "-m",
            "gunicorn",
            "clunyevent.wsgi",
            "--workers",
            WORKERS,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        self.process.terminate()
        raise RuntimeError("gunicorn did not start")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)


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


def bench_scale(scale):
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{scale}-"))
    env = base_env(workdir, scale, f"sqlite:///{workdir / 'db.sqlite3'}")
    try:
        prepare(env, scale)
        pages = measure_pages(env)
        ceiling_urls = write_ceiling_files(env, pages)
        page_urls = {name: page["url"] for name, page in pages.items()}
        with Gunicorn(env) as server:
            ceiling, cached = load_beside_ceiling(server, page_urls, ceiling_urls)
        with Gunicorn(env, DJANGO_PAGE_CACHE="0") as server:
            rendered = load(server, page_urls)
        return {
            name: {
                **pages[name],
                "ceiling": ceiling[name],
                "cached": cached[name],
                "rendered": rendered[name],
            }
            for name in pages
        }
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
        "production settings, cache in Redis, SQLite.",
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


def checks(results):
    found = []
    for scale, pages in results["scales"].items():
        for name, run in pages.items():
            for mode, target in TARGETS.items():
                value = ratio(run, mode)
                verdict = "ok" if value >= target else "BELOW TARGET"
                found.append(
                    f"{scale}× {name} {mode}: {value}× the ceiling (target {target}) {verdict}"
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
        results["scales"][scale] = bench_scale(scale)
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
