"""Security headers and cookie flags under the production settings, and the admin lock-out."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("prod")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="clunyevent.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="universite.example.org",
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp / "static"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "tests.security_probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_plain_http_is_redirected_to_https(production):
    assert production["redirect"] == [301, "https://universite.example.org/programme/"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload"),
        ("Referrer-Policy", "same-origin"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        (
            "Permissions-Policy",
            "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
            "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()",
        ),
    ],
)
def test_security_header(production, header, expected):
    assert production["status"] == 200
    assert production["headers"][header] == expected


def test_content_security_policy_allows_only_the_site_itself(production):
    policy = dict(
        part.strip().split(" ", 1)
        for part in production["headers"]["Content-Security-Policy"].split(";")
    )
    assert "'unsafe-inline'" not in production["headers"]["Content-Security-Policy"]
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"


@pytest.mark.parametrize("cookie", ["csrftoken", "sessionid", "django_language"])
def test_cookies_are_secure_httponly_and_samesite(production, cookie):
    assert production["cookies"][cookie] == {"secure": True, "httponly": True, "samesite": "Lax"}


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_admin_login_locks_out_after_repeated_failures(client, django_user_model):
    from axes.models import AccessAttempt

    django_user_model.objects.create_superuser("orga", "orga@example.org", "Le-bon-mot-de-passe")
    url = reverse("admin:login")
    for _ in range(3):
        client.post(url, {"username": "orga", "password": "faux"})

    response = client.post(url, {"username": "orga", "password": "Le-bon-mot-de-passe"})

    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    # Stored in the database, shared by every app server.
    assert AccessAttempt.objects.get(username="orga").failures_since_start >= 3


@override_settings(
    AXES_ENABLED=True,
    AXES_FAILURE_LIMIT=3,
    REGISTRATION_RATE_LIMIT={"requests": 100, "seconds": 600, "proxies": 1},
)
def test_behind_the_proxy_a_lock_out_holds_for_one_address_only(client, django_user_model):
    """Six wrong passwords sent from anywhere used to lock the organiser out everywhere: the
    proxy's own address was the one recorded for every attempt."""
    django_user_model.objects.create_superuser("orga", "orga@example.org", "Le-bon-mot-de-passe")
    url = reverse("admin:login")
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(4):
        client.post(
            url,
            {"username": "orga", "password": "faux"},
            HTTP_X_FORWARDED_FOR="203.0.113.5",
            **proxy,
        )
    attacker = client.post(
        url,
        {"username": "orga", "password": "Le-bon-mot-de-passe"},
        HTTP_X_FORWARDED_FOR="203.0.113.5",
        **proxy,
    )
    assert attacker.status_code == 429

    organiser = type(client)().post(
        url,
        {"username": "orga", "password": "Le-bon-mot-de-passe", "next": "/admin/"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    assert organiser.status_code == 302 and organiser["Location"] == "/admin/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", ""])
def test_an_admin_login_with_an_unsafe_next_lands_on_the_admin(client, django_user_model, target):
    django_user_model.objects.create_superuser("orga", "orga@example.org", "Le-bon-mot-de-passe")
    response = client.post(
        f"{reverse('admin:login')}?next={target}",
        {"username": "orga", "password": "Le-bon-mot-de-passe", "next": target},
    )
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")


def test_the_attestation_is_never_kept_by_a_browser_or_a_proxy(client, db):
    from tests import factories

    registration = factories.RegistrationFactory()
    response = client.get(reverse("registrations:certificate", args=[registration.token]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
