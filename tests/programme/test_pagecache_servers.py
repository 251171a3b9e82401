"""Several gunicorn workers sharing Redis: after an edit made elsewhere, none serves the old page.

Each worker keeps its own copies of cached pages and learns of a new version from a Redis
message (programme/versionwatch.py); this runs that for real, across processes.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
REQUESTS = 30
WORKERS = 3

pytest.importorskip("gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def burst(url):
    """Concurrent requests, so that every worker gets some."""
    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        return list(pool.map(fetch, [url] * REQUESTS))


def subscribers(env, channel):
    return redis.Redis.from_url(env["REDIS_URL"]).pubsub_numsub(channel)[0][1]


@pytest.fixture
def servers(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="clunyevent.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/13",
        DJANGO_CACHE_PREFIX=f"servers-test-{secrets.token_hex(4)}",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "load_programme")
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "clunyevent.wsgi", "--workers", str(WORKERS)]
    process = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT, env=env
    )
    url = f"http://127.0.0.1:{port}/programme/"
    deadline = time.monotonic() + 30
    while True:
        try:
            fetch(url)
            break
        except OSError:
            if time.monotonic() > deadline:
                process.terminate()
                raise
            time.sleep(0.2)
    yield env, url
    process.terminate()
    process.wait(timeout=20)
    client = redis.Redis.from_url(env["REDIS_URL"])
    for key in client.scan_iter(f"{env['DJANGO_CACHE_PREFIX']}:*"):
        client.delete(key)


def test_an_edit_reaches_every_worker_at_once(servers):
    env, url = servers
    channel = f"{env['DJANGO_CACHE_PREFIX']}:1:site-content-version"
    deadline = time.monotonic() + 20
    while subscribers(env, channel) < WORKERS and time.monotonic() < deadline:
        assert all("Titre changé ailleurs" not in page for page in burst(url))
    # Every worker has served the page, keeps its own copy and watches for changes.
    assert subscribers(env, channel) == WORKERS

    edit = (
        "from django.db import transaction; from programme.models import Session\n"
        "with transaction.atomic():\n"
        "    s = Session.objects.order_by('start', 'pk').first()\n"
        "    s.title = 'Titre changé ailleurs'; s.save()"
    )
    manage(env, "shell", "--no-imports", "-c", edit)

    for _ in range(3):
        assert all("Titre changé ailleurs" in page for page in burst(url))
