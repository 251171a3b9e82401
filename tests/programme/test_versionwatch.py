"""Each process learns of a new content version from Redis messages, never by going stale."""

import threading

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from programme import pagecache, versionwatch
from programme.models import Session
from programme.versionwatch import VersionWatch
from tests.programme.test_pagecache import REDIS


@pytest.fixture
def redis_cache():
    with override_settings(CACHES=REDIS):
        caches["default"].clear()
        pagecache.current_version()  # as on a running site: the version exists already
        yield caches["default"]
        caches["default"].clear()


@pytest.fixture
def reads(monkeypatch):
    """Every read of the shared version, counted."""
    counted = []
    real = pagecache.current_version

    def counting():
        counted.append(1)
        return real()

    monkeypatch.setattr(pagecache, "current_version", counting)
    return counted


def test_unchanged_version_is_not_read_again(redis_cache, reads):
    watch = VersionWatch(pagecache.VERSION_KEY)
    first = watch.current(pagecache.current_version)
    assert [watch.current(pagecache.current_version) for _ in range(5)] == [first] * 5
    assert len(reads) == 1


def test_a_new_version_reaches_every_watching_process(db, redis_cache, reads):
    watches = [VersionWatch(pagecache.VERSION_KEY) for _ in range(3)]
    before = {watch.current(pagecache.current_version) for watch in watches}

    pagecache.bump_version()

    after = {watch.current(pagecache.current_version) for watch in watches}
    assert len(before) == len(after) == 1
    assert after == {redis_cache.get(pagecache.VERSION_KEY)} != before


def test_a_cut_subscription_does_not_hide_a_change(db, redis_cache):
    watch = VersionWatch(pagecache.VERSION_KEY)
    watch.current(pagecache.current_version)
    host, port = watch.pubsub.connection._sock.getsockname()[:2]
    redis.Redis.from_url(REDIS["default"]["LOCATION"]).client_kill_filter(addr=f"{host}:{port}")

    pagecache.bump_version()

    assert watch.current(pagecache.current_version) == redis_cache.get(pagecache.VERSION_KEY)


def test_without_subscriptions_every_request_reads_the_version(db, redis_cache, reads, monkeypatch):
    def refused(self, client):
        raise redis.ResponseError("unknown command 'SUBSCRIBE'")

    monkeypatch.setattr(VersionWatch, "subscribe", refused)
    watch = VersionWatch(pagecache.VERSION_KEY)
    first = watch.current(pagecache.current_version)
    pagecache.bump_version()

    assert watch.current(pagecache.current_version) != first
    assert len(reads) == 2


def test_a_cached_hit_reads_no_version_until_an_edit(client, small_programme, redis_cache, reads):
    url = reverse("programme:agenda")
    client.get(url)
    reads.clear()
    for _ in range(3):
        client.get(url)
    assert reads == []

    Session.objects.filter(pk=Session.objects.first().pk).update(title="Nouveau titre")
    pagecache.bump_version()  # as the signals do on save

    assert "Nouveau titre" in client.get(url).content.decode()
    assert reads


def test_a_process_copy_expires_like_the_shared_entry(client, small_programme, monkeypatch):
    url = reverse("programme:agenda")
    client.get(url)
    Session.objects.filter(pk=Session.objects.first().pk).update(title="Changé sans signal")
    now = pagecache.time.time()
    assert "Changé sans signal" not in client.get(url).content.decode()

    monkeypatch.setattr(pagecache.time, "time", lambda: now + pagecache.TIMEOUT + 1)

    assert "Changé sans signal" in client.get(url).content.decode()


@pytest.fixture
def later(monkeypatch):
    """Moves this process's monotonic clock forward by the given seconds."""
    real = versionwatch.time.monotonic
    offset = [0.0]
    monkeypatch.setattr(versionwatch.time, "monotonic", lambda: real() + offset[0])
    return lambda seconds: offset.__setitem__(0, offset[0] + seconds)


def test_a_lost_announcement_is_made_up_for_within_a_second(db, redis_cache, monkeypatch, later):
    watch = VersionWatch(pagecache.VERSION_KEY)
    watch.current(pagecache.current_version)
    monkeypatch.setattr(pagecache, "announce_change", lambda key: None)  # a network cut

    pagecache.bump_version()
    later(versionwatch.REREAD_AFTER + 0.1)

    assert watch.current(pagecache.current_version) == redis_cache.get(pagecache.VERSION_KEY)


def test_a_version_key_made_anew_is_announced(redis_cache):
    watch = VersionWatch(pagecache.VERSION_KEY)
    old = watch.current(pagecache.current_version)
    redis_cache.delete(pagecache.VERSION_KEY)  # evicted, or Redis flushed

    new = pagecache.current_version()  # another process meets the empty key first

    assert new != old
    assert watch.current(pagecache.current_version) == new


def test_threads_share_one_subscription(redis_cache, monkeypatch):
    watch = VersionWatch(pagecache.VERSION_KEY)
    subscriptions = []
    real = VersionWatch.subscribe
    monkeypatch.setattr(
        VersionWatch, "subscribe", lambda self, c: subscriptions.append(1) or real(self, c)
    )
    watch.current(pagecache.current_version)

    def in_a_thread():
        # Each thread has its own cache object and client, pointing at the same server.
        with override_settings(CACHES=REDIS):
            watch.current(pagecache.current_version)

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert len(subscriptions) == 1


def test_the_version_changes_again_when_the_edit_commits(
    db, redis_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pagecache.bump_version()
        during = pagecache.current_version()
    assert callbacks
    assert pagecache.current_version() != during
