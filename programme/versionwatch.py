"""This process's copy of the shared content version, kept current by Redis messages.

Reading the version from Redis on every request is a round trip that costs a cached page a
quarter of its speed. Instead each process subscribes to a channel named like the version
key; whoever sets a new version publishes on it (`announce_change`). A request then only looks,
without waiting, whether the socket holds a message, and reads the version again only if so.

Why this is never stale: the editor's save publishes before its own answer leaves Redis, so
by the time anyone can ask for the page again, the message is already in every subscriber's
socket. Any message counts, including the confirmation redis-py's reconnection sends when it
subscribes again, so changes made while a subscriber was cut off are read afterwards too; any
error drops the subscription and the version is read directly, on every request, for a while.
"""

import contextlib
import logging
import os
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

SUBSCRIBE_TIMEOUT = 2.0  # seconds to wait for Redis to confirm a new subscription
RETRY_AFTER = 30.0  # seconds of direct reads after a failed watch, before subscribing again
logger = logging.getLogger(__name__)


def redis_client():
    """The redis-py client behind the default cache, or None when the cache is not Redis."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    return backend._cache.get_client(write=True)


def channel(key):
    return caches["default"].make_key(key)


def announce_change(key):
    """Tell every watching process that the value under `key` has just been replaced."""
    client = redis_client()
    if client is not None:
        client.publish(channel(key), b"changed")


class VersionWatch:
    def __init__(self, key):
        self.key = key
        self.lock = threading.Lock()
        self.client = self.pubsub = self.pid = self.version = None
        self.retry_at = 0.0

    def current(self, read):
        """The version, read with `read()` only when the watch is new or a change was announced."""
        client = redis_client()
        if client is None or time.monotonic() < self.retry_at:
            return read()
        with self.lock:
            try:
                return self.watched(client, read)
            except Exception:
                # A Redis that refuses or drops subscriptions still serves the version itself.
                logger.warning("Version watch unavailable: reading the version.", exc_info=True)
                self.close()
                self.retry_at = time.monotonic() + RETRY_AFTER
                return read()

    def watched(self, client, read):
        if self.pubsub is None or client is not self.client or self.pid != os.getpid():
            self.subscribe(client)
            self.version = read()
        elif self.announced():
            self.version = read()
        return self.version

    def subscribe(self, client):
        self.close()
        self.client, self.pid = client, os.getpid()
        self.pubsub = client.pubsub()
        self.pubsub.subscribe(channel(self.key))
        # Only once Redis has confirmed is every later change sure to be announced here.
        message = self.pubsub.get_message(timeout=SUBSCRIBE_TIMEOUT)
        if message is None or message["type"] != "subscribe":
            raise ConnectionError("Redis did not confirm the subscription.")

    def announced(self):
        seen = False
        while self.pubsub.get_message(timeout=0) is not None:
            seen = True
        return seen

    def close(self):
        if self.pubsub is not None and self.pid == os.getpid():
            # A broken connection is what is being dropped: its own error does not matter.
            with contextlib.suppress(Exception):
                self.pubsub.close()
        self.client = self.pubsub = self.pid = self.version = None
