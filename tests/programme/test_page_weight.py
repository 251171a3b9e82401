"""A first visit to the agenda, on a phone with a poor connection: under 45 KB on the wire,
everything it loads included. The page comes compressed by the site; static files as
whitenoise serves them, compressed once at collectstatic (gzip, level 9)."""

import gzip
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
BUDGET = 45 * 1024


def static_weight(url):
    path = Path(finders.find(url.removeprefix("/static/")))
    return len(gzip.compress(path.read_bytes(), 9))


def test_a_first_visit_to_the_agenda_weighs_under_45_kb(client, programme):
    page = client.get(reverse("programme:agenda"), **GZIP)
    assert page["Content-Encoding"] == "gzip"
    html = gzip.decompress(page.content).decode()
    static = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert any(url.endswith(".css") for url in static), "the agenda links its stylesheets"
    dynamic = [
        client.get(url, **GZIP).content
        for url in re.findall(r'(?:href|data-service-worker)="(/(?:manifest|sw)[^"]*)"', html)
    ]
    assert len(dynamic) == 2, "the manifest and the offline worker"

    total = len(page.content) + sum(map(static_weight, static)) + sum(map(len, dynamic))

    assert total < BUDGET, f"{total / 1024:.1f} KB"
