"""Django's Redis cache, reusing its redis-py client.

Django builds a new redis.Redis object around the connection pool at every cache call, and
redis-py fills a table of ~170 response callbacks in each constructor: a measurable share of a
page served from the cache. The client is thread-safe and its pool is the same every time, so
one client per pool does the same work.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
