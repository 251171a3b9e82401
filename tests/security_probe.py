"""Run under the production settings by tests/test_security.py, in its own process (production
settings refuse to load without their environment). Prints what a browser would receive."""

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clunyevent.settings.prod")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def cookie_flags(response):
    return {
        name: {
            "secure": bool(morsel["secure"]),
            "httponly": bool(morsel["httponly"]),
            "samesite": morsel["samesite"],
        }
        for name, morsel in response.cookies.items()
    }


def main():
    setup_test_environment()
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("load_programme", verbosity=0)
    get_user_model().objects.create_superuser("admin", "admin@example.org", "Un-mot-de-passe-long")
    client = Client(HTTP_HOST="universite.example.org")
    plain = client.get("/programme/")
    page = client.get("/programme/", secure=True)
    form = client.get("/inscription/", secure=True)
    login = client.post(
        "/admin/login/?next=/admin/",
        {"username": "admin", "password": "Un-mot-de-passe-long"},
        secure=True,
    )
    language = client.get("/langue/en/?next=/", secure=True)
    print(
        json.dumps(
            {
                "redirect": [plain.status_code, plain.get("Location", "")],
                "status": page.status_code,
                "headers": dict(page.headers),
                "cookies": {**cookie_flags(form), **cookie_flags(login), **cookie_flags(language)},
            }
        )
    )


if __name__ == "__main__":
    main()
