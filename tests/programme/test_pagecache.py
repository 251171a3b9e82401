"""The page cache, in a real Redis: one cache read per hit, never a stale page after an edit,
nothing kept for made-up addresses, and each language its own copy and its own ETag."""

import gzip
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programme import content
from programme.models import Session
from tests.programme.admin_forms import submit

ROOT = Path(__file__).resolve().parents[2]
AGENDA = "/programme/"
CACHED = ["/", AGENDA, "/programme.ics", "/schedule.xml", "/lieux/", "/intervenants/"]


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def page_keys(page_cache):
    return set(page_cache.redis.scan_iter(f"{page_cache.prefix}:*:page:*"))


@pytest.mark.parametrize("url", CACHED)
def test_a_second_visit_is_one_cache_read_and_no_sql(client, small_programme, page_cache, url):
    first, _ = get(client, url)
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as reads:
        second, queries = get(client, url)
    assert queries == 0 and reads.call_count == 1
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Permissions-Policy"] == first["Permissions-Policy"]
    assert second["Content-Length"] == str(len(second.content))


def test_an_admin_edit_is_visible_on_the_next_request(
    admin_client, client, small_programme, page_cache, django_capture_on_commit_callbacks
):
    session = Session.objects.of_edition(small_programme).first()
    assert session.title in client.get(AGENDA).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = submit(
            admin_client,
            f"/admin/programme/session/{session.pk}/change/",
            {"title": "Titre corrigé"},
        )

    assert response.status_code == 302
    html = client.get(AGENDA).content.decode()
    assert "Titre corrigé" in html and session.title not in html


def test_a_query_string_is_rendered_and_never_kept(client, small_programme, page_cache):
    client.get(AGENDA)
    kept = page_keys(page_cache)
    for query in ("?utm_source=lettre", "?x=1", "?x=2"):
        response, queries = get(client, AGENDA + query)
        assert response.status_code == 200 and queries > 0
    assert page_keys(page_cache) == kept


def test_visitors_with_a_session_get_a_fresh_render(
    admin_client, client, small_programme, page_cache
):
    client.get(AGENDA)
    _, queries = get(admin_client, AGENDA)
    assert queries > 0


def test_the_cache_is_bounded_in_time(client, small_programme, page_cache):
    from programme import pagecache

    client.get(AGENDA)
    ttls = [page_cache.redis.ttl(key) for key in page_keys(page_cache)]
    assert ttls and all(0 < ttl <= pagecache.TIMEOUT for ttl in ttls)


@pytest.mark.parametrize("url", [*CACHED, "/mini-conferences/"])
@pytest.mark.parametrize("cached", [True, False], ids=["cache-on", "cache-off"])
def test_an_etag_never_answers_304_for_the_other_language(
    client, small_programme, settings, request, url, cached
):
    if cached:
        request.getfixturevalue("page_cache")
    french = client.get(url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url, HTTP_IF_NONE_MATCH=french["ETag"])
    assert english.status_code == 200
    assert english["Content-Language"] == "en" and french["Content-Language"] == "fr"
    assert english["ETag"] != french["ETag"]
    # Back in French, the French copy is still valid.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get(url, HTTP_IF_NONE_MATCH=french["ETag"]).status_code == 304


@pytest.mark.parametrize("cached", [True, False], ids=["cache-on", "cache-off"])
def test_pages_go_out_compressed_when_the_browser_accepts_it(
    client, small_programme, request, cached
):
    if cached:
        request.getfixturevalue("page_cache")
        client.get(AGENDA)  # kept, with its compressed copy
    plain = client.get(AGENDA)
    packed = client.get(AGENDA, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    etag = packed["ETag"]
    assert (
        client.get(AGENDA, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag).status_code == 304
    )


def test_cached_exports_keep_their_headers(client, small_programme, page_cache):
    first = client.get("/programme.ics")
    second = client.get("/programme.ics")
    for header in ("Content-Type", "Content-Disposition", "Last-Modified", "Content-Language"):
        assert second[header] == first[header]
    assert (
        client.get("/programme.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code
        == 304
    )


def test_the_page_cache_is_off_without_redis(client, small_programme, settings):
    assert settings.PAGE_CACHE_ENABLED is False
    client.get(AGENDA)
    _, queries = get(client, AGENDA)
    assert queries > 0


def test_an_unreachable_cache_slows_pages_down_but_serves_them(client, small_programme, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    assert client.get(AGENDA).status_code == 200
    assert content.current().number >= 1


def test_healthz_checks_database_and_cache(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_reports_a_broken_cache_with_503(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"].startswith("error")


@pytest.mark.parametrize(
    ("redis_url", "expected"),
    [
        ("redis://127.0.0.1:6379/15", ["django_redis.cache.RedisCache", "True"]),
        ("", ["django.core.cache.backends.db.DatabaseCache", "False"]),
    ],
    ids=["with-redis", "without-redis"],
)
def test_sessions_stay_in_the_database_and_the_page_cache_needs_redis(redis_url, expected):
    # Page entries can then never evict an organiser's login, and two workers without Redis
    # never keep pages of their own.
    code = (
        "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], "
        "s.SESSION_ENGINE, s.PAGE_CACHE_ENABLED)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={**env, "REDIS_URL": redis_url},
        capture_output=True,
        text=True,
        timeout=60,
    )
    backend, sessions, page_cache = result.stdout.split()
    assert [backend, page_cache] == expected, result.stderr
    assert sessions == "django.contrib.sessions.backends.db"


@pytest.mark.parametrize("url", ["/", AGENDA])
def test_english_and_french_browsers_never_get_each_others_copy(
    client, small_programme, page_cache, settings, url
):
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    english_again = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    chosen_french = client.get(
        url, HTTP_ACCEPT_LANGUAGE="en", HTTP_COOKIE=f"{settings.LANGUAGE_COOKIE_NAME}=fr"
    )

    assert b'<html lang="en"' in english.content and b'<html lang="en"' in english_again.content
    assert b'<html lang="fr"' in french.content and b'<html lang="fr"' in chosen_french.content
    assert english_again.content == english.content
    assert len(page_keys(page_cache)) == 2
