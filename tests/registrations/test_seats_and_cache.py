"""A sign-up changes seats, not content: cached pages (and their ETags) stay as they were, and
the pages that show seats, which are never cached, show the new count at once."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.registrations.conftest import words


def test_a_signup_leaves_the_agenda_alone_and_updates_the_seats(
    client, page_cache, signup_data, mini_conferences, committed
):
    agenda = client.get("/programme/")
    page = mini_conferences[0].get_absolute_url()
    assert "2 places restantes sur 2" in words(client.get(page))

    with committed():
        assert client.post("/inscription/", signup_data()).status_code == 302

    # Another visitor: the one who signed up now has a session, which bypasses the cache.
    visitor = Client()
    with CaptureQueriesContext(connection) as queries:
        again = visitor.get("/programme/", HTTP_IF_NONE_MATCH=agenda["ETag"])
    assert again.status_code == 304 and len(queries) == 0
    assert "1 place restante sur 2" in words(visitor.get(page))
