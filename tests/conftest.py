import pytest
from django.core.management import call_command


@pytest.fixture
def programme(db):
    """The shipped programme fixtures, loaded as `make setup` loads them."""
    call_command("load_programme", verbosity=0)
    from programme.models import Edition

    return Edition.objects.current()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no page, version or rate-limit count carried over."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fixed_clock(monkeypatch):
    """Fix the site's one clock (programme.clock.now) at the moment given."""

    def fix(moment):
        monkeypatch.setattr("programme.clock.now", lambda: moment)
        return moment

    return fix
