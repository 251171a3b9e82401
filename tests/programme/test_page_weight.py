import gzip
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_agenda_html_and_css_weigh_under_60_kb_compressed(client, programme):
    html = client.get(reverse("programme:agenda")).content
    stylesheets = re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html)
    assert stylesheets, "the agenda links its stylesheets"

    total = len(gzip.compress(html, 9)) + sum(
        len(gzip.compress(Path(finders.find(name.decode())).read_bytes(), 9))
        for name in stylesheets
    )

    assert total < 60 * 1024, f"{total / 1024:.1f} KB"
