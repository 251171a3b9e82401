import pytest
from django.http import Http404
from django.template import engines

from programme.current import current_edition, current_edition_or_404
from tests.factories import EditionFactory


def test_current_edition_is_the_latest_published_fetched_once_per_request(
    rf, db, django_assert_num_queries
):
    EditionFactory(is_published=False)
    shown = EditionFactory()
    request = rf.get("/")

    with django_assert_num_queries(1):
        first, second = current_edition(request), current_edition(request)

    assert first == second == shown


def test_no_published_edition_is_remembered_too(rf, db, django_assert_num_queries):
    request = rf.get("/")

    with django_assert_num_queries(1):
        assert current_edition(request) is None
        assert current_edition(request) is None


def test_current_edition_or_404_without_a_published_edition(rf, db):
    with pytest.raises(Http404):
        current_edition_or_404(rf.get("/"))


def test_each_request_asks_again(rf, db):
    before = rf.get("/")
    assert current_edition(before) is None
    edition = EditionFactory()

    assert current_edition(rf.get("/")) == edition


def test_memo_adds_one_public_attribute_to_the_request(rf, db):
    request = rf.get("/")
    before = set(vars(request))

    current_edition(request)

    assert set(vars(request)) - before == {"current_edition"}


def test_templates_and_views_share_the_requests_edition(rf, db, django_assert_num_queries):
    edition = EditionFactory(title="Cluny 2030")
    request = rf.get("/")
    template = engines["django"].from_string("{{ current_edition.title }}")

    with django_assert_num_queries(1):
        assert current_edition_or_404(request) == edition
        assert template.render({}, request) == "Cluny 2030"
