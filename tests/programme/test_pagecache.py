"""Whole-page cache: fast for everyone, never stale after an organiser's edit."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.models import Session
from tests import factories
from tests.programme.admin_forms import submit

ROOT = Path(__file__).resolve().parents[2]
REDIS = {
    "default": {
        "BACKEND": "clunyevent.redis_cache.ReusingRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
        "KEY_PREFIX": "clunyevent-tests",
    }
}


def queries_for(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def test_second_visit_is_served_from_the_cache_without_sql(client, small_programme):
    url = reverse("programme:agenda")
    first, _ = queries_for(client, url)
    second, count = queries_for(client, url)
    assert count == 0
    assert second.content == first.content
    assert second["Content-Security-Policy"]
    assert second["Content-Length"] == str(len(second.content))


def test_admin_edit_is_visible_on_the_next_request(admin_client, client, small_programme):
    session = Session.objects.of_edition(small_programme).first()
    assert session.title in client.get(reverse("programme:agenda")).content.decode()
    url = reverse("admin:programme_session_change", args=[session.pk])

    response = submit(admin_client, url, {"title": "Titre corrigé"})

    assert response.status_code == 302
    html = client.get(reverse("programme:agenda")).content.decode()
    assert "Titre corrigé" in html and session.title not in html


def test_a_new_seat_refreshes_the_mini_conference_page(client, small_programme):
    mini_conference = factories.MiniConferenceFactory(
        slot=Session.objects.get(kind="mini_conferences"), number=99, capacity=1
    )
    url = mini_conference.get_absolute_url()
    before = client.get(url).content.decode()
    factories.SeatFactory(mini_conference=mini_conference, registration__edition=small_programme)
    after = client.get(url).content.decode()
    assert after != before


def test_cached_page_answers_if_none_match_with_304(client, small_programme):
    url = reverse("programme:agenda")
    etag = client.get(url)["ETag"]
    assert client.get(url)["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_uncached_pages_answer_conditional_get_too(client, small_programme):
    url = reverse("programme:now")
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_visitors_with_a_session_get_a_fresh_render(admin_client, client, small_programme):
    url = reverse("programme:agenda")
    client.get(url)
    _, count = queries_for(admin_client, url)
    assert count > 0


def test_browser_language_does_not_change_the_default_french(client, small_programme):
    response = client.get(reverse("programme:agenda"), HTTP_ACCEPT_LANGUAGE="en-GB,en")
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr"' in response.content.decode()


def test_each_language_has_its_own_cached_copy(client, small_programme):
    url = reverse("programme:agenda")
    french = client.get(url)
    client.cookies["django_language"] = "en"
    english = client.get(url)
    assert french["Content-Language"] == "fr"
    assert english["Content-Language"] == "en"


@pytest.fixture
def redis_cache():
    with override_settings(CACHES=REDIS):
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()


def test_page_cache_and_invalidation_work_on_redis(client, small_programme, redis_cache):
    url = reverse("programme:agenda")
    client.get(url)
    _, count = queries_for(client, url)
    assert count == 0
    session = Session.objects.of_edition(small_programme).first()
    session.title = "Changé via Redis"
    session.save()
    assert "Changé via Redis" in client.get(url).content.decode()


def test_healthz_checks_database_and_cache(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_reports_a_broken_cache_with_503(client, db):
    broken = {"default": {**REDIS["default"], "LOCATION": "redis://127.0.0.1:1/0"}}
    with override_settings(CACHES=broken):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"].startswith("error")


def test_redis_url_puts_cache_and_sessions_in_redis():
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/15"}
    code = (
        "from django.conf import settings as s; from django.core.cache import cache;"
        "cache.set('probe', 'ok'); print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE,"
        " cache.get('probe'))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "clunyevent.redis_cache.ReusingRedisCache",
        "django.contrib.sessions.backends.cache",
        "ok",
    ], result.stderr
