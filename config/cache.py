"""Django's Redis cache backend, keeping one redis.Redis client per connection pool.

Django builds a new redis.Redis object for every cache call, and each one fills a table of about 170
response callbacks: a dozen cache calls per page cost more than their round trips. redis.Redis objects are
thread-safe and share the pool's connections, so one per pool does the same work.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
