import pytest
from django.test import RequestFactory
from django.urls import reverse

from registrations.models import Registration
from registrations.ratelimit import client_address

from .conftest import words

SIGNUP = reverse("registrations:signup")
RESEND = reverse("registrations:resend")
MESSAGE = "Trop de formulaires ont été envoyés depuis votre adresse en peu de temps."


@pytest.fixture
def limit(settings):
    settings.REGISTRATION_RATE_LIMIT = {"requests": 3, "seconds": 600, "proxies": 0}
    return settings.REGISTRATION_RATE_LIMIT


@pytest.mark.parametrize("url", [SIGNUP, RESEND], ids=["signup", "resend"])
def test_posts_over_the_limit_get_429_in_french(client, limit, signup_data, url):
    for _ in range(limit["requests"]):
        assert client.post(url, {}).status_code == 200

    response = client.post(url, signup_data())

    assert response.status_code == 429
    assert MESSAGE in words(response)
    assert "patienter 10 minutes" in words(response)
    assert response["Retry-After"] == "600"
    assert Registration.objects.count() == 0


def test_reading_the_form_is_not_limited(client, limit, edition):
    for _ in range(limit["requests"] + 2):
        assert client.get(SIGNUP).status_code == 200


def test_limit_is_per_address_and_per_form(client, limit, signup_data):
    for _ in range(limit["requests"]):
        client.post(SIGNUP, {})

    other_address = client.post(SIGNUP, signup_data(), REMOTE_ADDR="192.0.2.7")
    other_form = client.post(RESEND, {"email": "camille@example.org"})

    assert other_address.status_code == 302
    assert other_form.status_code == 200


def test_forged_forwarded_header_does_not_escape_the_limit(client, limit, edition):
    for n in range(limit["requests"]):
        client.post(SIGNUP, {}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")

    response = client.post(SIGNUP, {}, HTTP_X_FORWARDED_FOR="198.51.100.99")

    assert response.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.1"),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.1"),
    ],
    ids=["no-proxy", "one-proxy", "one-proxy-forged", "two-proxies", "too-few-hops"],
)
def test_client_address_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.REGISTRATION_RATE_LIMIT = {"requests": 3, "seconds": 600, "proxies": proxies}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == expected


def test_limit_holds_across_servers_sharing_redis(client, settings, edition, page_cache):
    settings.REGISTRATION_RATE_LIMIT = {"requests": 2, "seconds": 60, "proxies": 0}
    from django.core.cache import caches

    client.post(SIGNUP, {})
    client.post(SIGNUP, {})
    # A fresh cache connection stands for another app server with the same settings.
    del caches["default"]

    assert client.post(SIGNUP, {}).status_code == 429
