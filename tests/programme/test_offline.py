"""Offline on site: the service worker and the manifest, as the server hands them out.
The offline behaviour itself is exercised in a real browser (tests/browser/test_offline.py)."""

import json

from django.urls import reverse
from django.utils.html import escapejs

from programme.models import ContentVersion
from tests import factories


def test_service_worker_is_served_from_the_root_with_the_pages_to_keep(client, small_programme):
    response = client.get("/sw.js")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert '"/static/css/site.css"' in body
    assert f'"{reverse("programme:agenda")}"' in body
    assert r"^\/inscription\/" in body  # the participant's own page is kept too


def test_manifest_names_the_current_edition(client, small_programme):
    response = client.get("/manifest.webmanifest")
    data = json.loads(response.content)
    assert response["Content-Type"] == "application/manifest+json"
    assert data["name"] == small_programme.title
    assert data["start_url"] == reverse("programme:agenda")
    assert data["icons"][0]["src"].endswith(".svg")


def test_pages_link_the_manifest_the_worker_and_their_content_version(
    client, small_programme, committed
):
    with committed():
        factories.VenueFactory()  # an edit: the version every page carries moves on
    html = client.get(reverse("programme:agenda")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<script src="/static/js/offline.js" defer></script>' in html
    version = ContentVersion.objects.get().number
    assert version > 1
    assert f'<meta name="programme-version" content="{version}">' in html
    assert 'id="offline-status"' in html and " hidden" in html


def test_the_worker_precaches_the_offline_page_and_falls_back_on_it(client, small_programme):
    body = client.get("/sw.js").content.decode()
    page = client.get(reverse("offline-page")).content.decode()

    assert f'"{escapejs(reverse("offline-page"))}"' in body
    assert "cache.match(OFFLINE)" in body and 'cache.match("/programme/")' not in body
    assert "pas enregistrée sur cet appareil" in page
    assert f'href="{reverse("programme:agenda")}"' in page
