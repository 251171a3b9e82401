"""Counting the SQL queries of a page, as the query-count tests do."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from programme import content


def count_queries(client, url):
    """The queries of a page in the steady state: the content version is already in the cache
    (after a cache clear, the first page also reads it from the database, once)."""
    content.current()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)
