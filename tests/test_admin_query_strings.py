"""Odd filters in the address of an admin list, autocomplete or export (typed, pasted, or left
by a bookmark): the unfiltered list, an empty answer or the site's 400 page, never a 500, on
SQLite as on PostgreSQL (`DATABASE_URL=postgres://…`: the NUL and regex cases fail only there).
"""

from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse
from import_export.admin import ExportMixin

from tests import factories

HUGE = "9" * 20  # Beyond 64 bits: SQLite cannot bind it.
EXPORT_FORM = {"format": "0", "resource": "0"}
# {date} and {text} stand for a date and a text field of each list's model.
ODD_FILTERS = [
    "status__exact=%00",
    "q=%00",
    "id__in=abc",
    "id__in=",
    "id__exact=" + HUGE,
    "pk__gt=" + HUGE,
    "created_at__year=abc",
    "{date}__year=abc",
    "{date}__year=99999",
    "{date}__year=0",
    "{date}__year=" + HUGE,
    "{date}__month=" + HUGE,
    "{date}__date=abc",
    "{text}__regex=(",
    "{text}__iregex=[",
    "o=abc",
    "p=abc",
    "p=" + HUGE,
]
ODD_TERMS = ["term=%00", "term=(", "term=%ff%fe", "page=abc", "page=" + HUGE, "term=" + "a" * 2000]


def field_of(model, kinds, default):
    names = [field.name for field in model._meta.concrete_fields if isinstance(field, kinds)]
    return names[0] if names else default


def filled(query, model):
    return query.format(
        date=field_of(model, (models.DateField,), "created_at"),
        text=field_of(model, (models.CharField, models.TextField), "id"),
    )


def list_and_export_urls():
    """Each admin list with its model, and each admin export."""
    for model, model_admin in admin.site._registry.items():
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        yield "get", reverse(f"admin:{info}_changelist"), model
        if isinstance(model_admin, ExportMixin):
            yield "get", reverse(f"admin:{info}_export"), model
            yield "post", reverse(f"admin:{info}_export"), model


def autocomplete_urls():
    """The admin's autocomplete, for every field that uses it (inlines' included)."""
    for model_admin in admin.site._registry.values():
        for source in [model_admin, *model_admin.inlines]:
            for field in source.autocomplete_fields:
                query = {
                    "app_label": source.model._meta.app_label,
                    "model_name": source.model._meta.model_name,
                    "field_name": field,
                }
                yield f"{reverse('admin:autocomplete')}?{urlencode(query)}"


def send(client, method, address):
    # The test client's get() would replace the address's query string with its data.
    return client.post(address, EXPORT_FORM) if method == "post" else client.get(address)


@pytest.fixture
def rows(db):
    """One row in the main lists, so that filters have something to run on."""
    registration = factories.RegistrationFactory()
    factories.SeatFactory(registration=registration)
    factories.ProposalFactory(call__edition=registration.edition)
    factories.EmailFactory()


def test_every_autocomplete_is_found(admin_client, rows):
    urls = list(autocomplete_urls())

    assert len(urls) >= 6
    assert [admin_client.get(url).status_code for url in urls] == [200] * len(urls)


@pytest.mark.parametrize("query", ODD_FILTERS)
def test_odd_filters_never_give_a_server_error(admin_client, rows, query):
    answers = []
    for method, url, model in list_and_export_urls():
        address = f"{url}?{filled(query, model)}"
        response = send(admin_client, method, address)
        answers.append((method, address, response.status_code))

    assert [answer for answer in answers if answer[2] >= 500] == []


@pytest.mark.parametrize("query", ODD_TERMS)
def test_odd_autocomplete_searches_never_give_a_server_error(admin_client, rows, query):
    statuses = {url: admin_client.get(f"{url}&{query}").status_code for url in autocomplete_urls()}

    assert {url: status for url, status in statuses.items() if status >= 500} == {}


@pytest.mark.parametrize(
    "query",
    [
        "id__in=abc",
        "created_at__year=abc",
        "created_at__year=99999",
        "created_at__year=" + HUGE,
        "last_name__regex=(",
        "status__exact=%00",
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_export_with_an_impossible_filter_gets_the_400_page(admin_client, rows, method, query):
    url = f"{reverse('admin:registrations_registration_export')}?{query}"

    response = send(admin_client, method, url)

    assert response.status_code == 400
    assert "<h1>Demande illisible</h1>" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["created_at__year=99999", "created_at__year=" + HUGE, "last_name__regex=("]
)
def test_a_list_with_an_impossible_filter_goes_back_to_the_whole_list(admin_client, rows, query):
    url = reverse("admin:registrations_registration_changelist")

    response = admin_client.get(f"{url}?{query}")

    assert (response.status_code, response["Location"]) == (302, f"{url}?e=1")
