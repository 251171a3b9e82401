"""Remembered URLs are the ones reverse() gives, under any script prefix."""

import pytest
from django.urls import reverse, set_script_prefix

from programme.urlcache import cached_reverse


@pytest.fixture
def prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("programme:agenda", {}),
        ("programme:session-detail", {"pk": 7}),
        ("programme:day-detail", {"date": "2017-07-11"}),
        ("set-language", {"language": "en"}),
    ],
)
@pytest.mark.parametrize("script_prefix", ["/", "/cluny/"])
def test_cached_reverse_gives_what_reverse_gives(prefix, name, kwargs, script_prefix):
    prefix(script_prefix)
    for _ in range(2):  # the second answer comes from memory
        assert cached_reverse(name, **kwargs) == reverse(name, kwargs=kwargs or None)
    assert cached_reverse(name, **kwargs).startswith(script_prefix)
