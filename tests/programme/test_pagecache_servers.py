"""Real gunicorn workers, each its own process: with Redis, an edit made elsewhere reaches every
one at once; without Redis, the database cache makes them agree on seats and rate limits."""

import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.servers import (
    Gunicorn,
    open_registration,
    post_form,
    shell,
    signup_fields,
    throwaway_site,
)

pytest.importorskip("gunicorn")
REQUESTS = 30
EDIT = """
from django.db import transaction
from programme.models import Session
with transaction.atomic():
    s = Session.objects.order_by('start', 'pk').first()
    s.title = 'Titre changé ailleurs'
    s.save()
"""


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def burst(url):
    """Concurrent requests, so that every worker gets some."""
    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        return list(pool.map(fetch, [url] * REQUESTS))


def test_an_edit_made_elsewhere_is_on_the_very_next_request_of_every_worker(redis_url):
    with throwaway_site(REDIS_URL=redis_url) as env, Gunicorn(env, workers=3) as server:
        url = f"{server.url}/programme/"
        assert all("Titre changé ailleurs" not in page for page in burst(url))
        shell(env, EDIT)
        for _ in range(3):
            assert all("Titre changé ailleurs" in page for page in burst(url))


def test_without_redis_two_servers_agree_on_seats_and_count_the_limit_once():
    with throwaway_site(DJANGO_REGISTRATION_RATE_LIMIT="2") as env:
        ids = open_registration(env, capacity=25)
        with Gunicorn(env, workers=1) as first, Gunicorn(env, workers=1) as second:
            page = f"/mini-conferences/{ids['mc']}/"
            assert "25 places restantes sur 25" in fetch(second.url + page)

            assert post_form(first.url, "/inscription/", signup_fields(1, ids)) == 302
            assert "24 places restantes sur 25" in fetch(second.url + page)
            assert "24 places restantes sur 25" in fetch(first.url + page)

            # Two posts allowed per address and window, counted in one place for both servers.
            assert post_form(second.url, "/inscription/", signup_fields(2, ids)) == 302
            assert post_form(first.url, "/inscription/", signup_fields(3, ids)) == 429
            assert post_form(second.url, "/inscription/", signup_fields(4, ids)) == 429
