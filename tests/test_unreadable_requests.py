"""Requests no view can read get the site's own 400 page, in French, never a 500: a form sent
in another charset than UTF-8 (Django refuses it, and its error views would read it again),
a NUL character in an address (PostgreSQL refuses it in any comparison)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories

LATIN1 = "application/x-www-form-urlencoded; charset=iso-8859-1"


@pytest.fixture
def personal(db):
    return factories.RegistrationFactory(edition=factories.EditionFactory())


def post_in_latin1(client, url):
    client.get(url)
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else "x"
    body = f"csrfmiddlewaretoken={token}&email=caf%E9%40example.org&last_name=Bern%E9".encode()
    return client.post(url, data=body, content_type=LATIN1)


@pytest.mark.parametrize(
    "url",
    [
        "/inscription/",
        "/inscription/lien/",
        "/appel-a-propositions/",
        "/admin/login/",
        "personal:registrations:change",
        "personal:registrations:cancel",
        "personal:registrations:delete",
    ],
)
def test_a_form_in_another_charset_gets_the_sites_400(personal, url):
    if url.startswith("personal:"):
        url = reverse(url.removeprefix("personal:"), args=[personal.token])
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = post_in_latin1(client, url)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Demande illisible" in page and "Rien n’a été enregistré" in page
    assert '<html lang="fr"' in page  # the site's layout, its headers with it
    assert response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/registrations/registration/?status__exact=%00",
        "/admin/autocomplete/?app_label=programme&model_name=session&field_name=slot&term=%00",
        "/programme/?x=%00",
    ],
)
def test_a_nul_in_an_address_gets_the_sites_400(admin_client, db, url):
    response = admin_client.get(url)
    assert response.status_code == 400
    assert "Demande illisible" in response.content.decode()


def test_a_form_in_utf8_still_goes_through(client, db):
    response = client.post(
        "/inscription/lien/",
        data=b"email=caf%C3%A9%40example.org",
        content_type="application/x-www-form-urlencoded; charset=utf-8",
    )
    assert response.status_code != 400
