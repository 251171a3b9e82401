"""This process's copy of the shared content version, kept current by Redis messages.

Reading the version from Redis on every request is a round trip that costs a cached page a
quarter of its speed. Instead each process subscribes to a channel named like the version
key; whoever sets a new version publishes on it (`announce_change`). A request then only looks,
without waiting, whether the socket holds a message, and reads the version again if so.

Why this is not stale: the editor's save publishes before its own answer is sent, and Redis
writes the message to every subscriber in the same turn of its loop, so by the time anyone
can ask for the page again the message is in every subscriber's socket (microseconds ahead).
Two things could still hide a message: a connection that died without closing (a network cut)
and a PUBLISH that failed after the SET. So the version is also read again once it is older
than REREAD_AFTER, whatever the socket says: one small read per second and per process at
most. Any error (redis-py raises after it reconnects) drops the subscription, and the version
is then read on every request until RETRY_AFTER has passed.
"""

import contextlib
import logging
import os
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

SUBSCRIBE_TIMEOUT = 2.0  # seconds to wait for Redis to confirm a new subscription
REREAD_AFTER = 1.0  # seconds a version is trusted on the strength of silence alone
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


def server_of(client):
    # Django keeps one cache object, hence one client, per thread: compare where they point.
    kwargs = client.connection_pool.connection_kwargs
    return tuple(kwargs.get(name) for name in ("host", "port", "path", "db"))


class VersionWatch:
    def __init__(self, key):
        self.key = key
        self.lock = threading.Lock()
        self.retry_at = 0.0
        self.close()

    def current(self, read):
        """The version, read with `read()` when new, announced as changed, or a second old."""
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
        if self.pubsub is None or server_of(client) != self.server or self.pid != os.getpid():
            self.subscribe(client)
            self.reread(read)
        elif self.announced() or time.monotonic() - self.read_at > REREAD_AFTER:
            self.reread(read)
        return self.version

    def reread(self, read):
        self.read_at = time.monotonic()
        self.version = read()

    def subscribe(self, client):
        self.close()
        self.server, self.pid = server_of(client), os.getpid()
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
        if getattr(self, "pubsub", None) is not None and self.pid == os.getpid():
            # A broken connection is what is being dropped: its own error does not matter.
            with contextlib.suppress(Exception):
                self.pubsub.close()
        self.server = self.pubsub = self.pid = self.version = None
        self.read_at = 0.0
