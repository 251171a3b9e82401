import smtplib
from functools import partial

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

FAILING_BACKEND = "tests.conftest.FailingEmailBackend"


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that refuses everything, as an unreachable SMTP relay does."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("Relais SMTP injoignable")


@pytest.fixture(scope="session", autouse=True)
def mail_through_the_queue(django_test_environment):
    """Django's test set-up puts its outbox in EMAIL_BACKEND: the queue goes back in front of
    it, as in production, and post-office sends to the outbox at once (settings/test.py)."""
    from django.conf import settings

    from clunyevent.settings import base

    settings.EMAIL_BACKEND = base.EMAIL_BACKEND


@pytest.fixture
def failing_mail_server(settings):
    """From now on, the mail server behind the queue refuses everything."""
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": FAILING_BACKEND}}


@pytest.fixture
def queued(settings):
    """Emails wait in the queue, as in production, until the worker sends them."""
    settings.POST_OFFICE = {**settings.POST_OFFICE, "DEFAULT_PRIORITY": "medium"}


@pytest.fixture
def programme(db):
    """The shipped programme fixtures, loaded as `make setup` loads them."""
    call_command("load_programme", verbosity=0)
    from programme.models import Edition

    return Edition.objects.current()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (emails, the content version) as a real commit would: the tests
    run inside a transaction that is never committed."""
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no page, version or rate-limit count carried over."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def redis_url():
    """A real Redis (see tests/servers.py): skipped with a message where there is none."""
    from tests.servers import redis_server

    with redis_server() as url:
        yield url


@pytest.fixture
def page_cache(redis_url, settings):
    """The page cache on, in Redis, under a key prefix of this test's own: nothing another test
    run (or another checkout's) keeps in the same Redis is seen or removed."""
    import uuid
    from types import SimpleNamespace

    import redis
    from django.core.cache import caches

    prefix = f"tests-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    client = redis.Redis.from_url(redis_url)
    yield SimpleNamespace(cache=caches["default"], redis=client, prefix=prefix)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries):
    """pytest-django's, counting a page as it is served in the steady state: the content
    version is read into the cache first (after a cache clear, the first page also reads it
    from the database, once)."""
    from contextlib import contextmanager

    from programme import content

    @contextmanager
    def counting(*args, **kwargs):
        content.current()
        with django_assert_num_queries(*args, **kwargs) as captured:
            yield captured

    return counting


@pytest.fixture
def fixed_clock(monkeypatch):
    """Fix the site's one clock (programme.clock.now) at the moment given."""

    def fix(moment):
        monkeypatch.setattr("programme.clock.now", lambda: moment)
        return moment

    return fix
