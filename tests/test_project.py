"""Project-wide safety nets: migrations, settings that fail fast, deployment checks."""

import ast
import os
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = secrets.token_urlsafe(60)


def test_no_migration_is_missing(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        pytest.fail(f"A model change has no migration:\n{out.getvalue()}")


# Each app may import the apps before it, never one after it: programme knows no participant,
# registrations knows no team nor proposal, the mail queue no registration. A cycle would make
# any of them impossible to change, or to load, alone.
LAYERS = {
    # The email queue knows none of the people it writes to (its data migration uses
    # programme.organisers to grant the organisers' rights).
    "mailqueue": {"programme"},
    "programme": set(),
    "registrations": {"programme", "mailqueue"},
    "teams": {"programme", "registrations", "mailqueue"},
    "proposals": {"programme", "registrations", "mailqueue"},
    # Evaluations read each person's programme (registrations) and send through the queue.
    "evaluations": {"programme", "registrations", "mailqueue"},
}


def imported_apps(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    names += [
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 0
    ]
    return {name.split(".")[0] for name in names if name}


@pytest.mark.parametrize("app", LAYERS)
def test_apps_import_only_the_apps_they_build_on(app):
    forbidden = set(LAYERS) - LAYERS[app] - {app}

    found = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & forbidden)
        for path in sorted((ROOT / app).rglob("*.py"))
    }

    assert {path: apps for path, apps in found.items() if apps} == {}


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "env",
    [
        {"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "example.org"},
        {"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "example.org", "DJANGO_SECRET_KEY": "short"},
        {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": GOOD_KEY},
        {"DJANGO_SETTINGS_MODULE": "clunyevent.settings.prod", "DJANGO_SECRET_KEY": GOOD_KEY},
    ],
    ids=["no-secret-key", "weak-secret-key", "no-allowed-hosts", "prod-without-hosts"],
)
def test_production_refuses_to_start_without_secrets(env):
    result = manage("check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


@pytest.mark.parametrize(
    "settings_module", ["clunyevent.settings.prod", "clunyevent.settings.dev"], ids=["prod", "dev"]
)
def test_production_settings_pass_check_deploy_without_warning(settings_module):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE=settings_module,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="universite.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("debug", ["1", "true", "on"])
def test_production_settings_keep_debug_off_whatever_the_environment(debug):
    code = (
        "from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DJANGO_SETTINGS_MODULE="clunyevent.settings.prod",
        DJANGO_DEBUG=debug,
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="universite.example.org",
    )
    assert result.stdout.split() == ["False", "True", "True", "True"], result.stderr


def test_development_starts_without_any_configuration():
    result = manage("check")
    assert result.returncode == 0, result.stderr


def test_sqlite_waits_for_concurrent_writers_instead_of_failing(settings):
    from clunyevent.settings.base import database_from_env

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "environ", env)
        config = database_from_env()
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_included_templates_hold_no_block():
    # {% include %} renders a template on its own: a {% block %} in it can never be overridden
    # by the page, so it only suggests an extension point that does not exist.
    found = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "templates").rglob("includes/*.html"))
        if "{% block " in path.read_text(encoding="utf-8")
    ]

    assert found == []
