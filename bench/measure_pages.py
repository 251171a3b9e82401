"""In-process measures for the benchmark: SQL queries, render time and size of each page,
rendered without the page cache. Run by bench/run.py with the benchmark's environment;
prints one JSON object."""

import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clunyevent.settings.prod")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from programme.models import Edition, Session  # noqa: E402


def name_of(url):
    return url.strip("/").replace("/", "-") or "home"


def pages():
    edition = Edition.objects.current()
    session = Session.objects.of_edition(edition).order_by("start", "pk").first()
    return {
        "home": "/",
        "agenda": "/programme/",
        "session": session.get_absolute_url(),
        "programme.ics": "/programme.ics",
        "schedule.xml": "/schedule.xml",
    }


def keep_as_ceiling(name, body):
    """The page's own bytes as a static file, with the gzip copy collectstatic would make:
    whitenoise serves them as the ceiling, compressed or not like the page."""
    folder = Path(os.environ["DJANGO_STATIC_ROOT"]) / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_bytes(body)
    (folder / f"{name}.txt.gz").write_bytes(gzip.compress(body, 9))


def measure(client, url, runs=5):
    timings, queries, size = [], 0, 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries, size = len(captured), len(response.content)
    keep_as_ceiling(name_of(url), response.content)
    return {
        "url": url,
        "ceiling": name_of(url),
        "queries": queries,
        "render_ms": round(statistics.median(timings), 2),
        "bytes": size,
    }


def main():
    setup_test_environment()
    client = Client(HTTP_HOST="127.0.0.1")
    # Rendered, not served from the page cache: this is the cost of a cache miss.
    with override_settings(PAGE_CACHE_ENABLED=False, ALLOWED_HOSTS=["127.0.0.1"]):
        result = {name: measure(client, url) for name, url in pages().items()}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
