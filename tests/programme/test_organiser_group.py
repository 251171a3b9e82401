import io
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests import factories
from tests.programme.admin_forms import change_url, submit

GROUP = "Organisateur·rice"
PASSWORD = "Cluny-abbaye-2017!"
PROGRAMME_MODELS = [
    "challenge",
    "challengetheme",
    "challengetype",
    "day",
    "edition",
    "miniconference",
    "organisation",
    "partnership",
    "person",
    "programmechange",
    "session",
    "venue",
]
EXPECTED_PERMISSIONS = sorted(
    [
        *(
            f"programme.{action}_{model}"
            for model in PROGRAMME_MODELS
            for action in ("add", "change", "delete", "view")
        ),
        "registrations.view_registration",
        "registrations.change_registration",
        "registrations.export_registration",
        "registrations.view_seat",
        "registrations.change_seat",
        "registrations.add_attendance",
        "registrations.change_attendance",
        "registrations.delete_attendance",
        "registrations.view_attendance",
        "registrations.view_challengepreference",
        "registrations.change_challengepreference",
        "registrations.delete_challengepreference",
        "registrations.view_noticeround",
        "registrations.send_notices",
        # On-site sign-in (registrations 0011): organisers scan and close lists like
        # facilitators, see the closed lists and their log, and reopen one by deleting it.
        "registrations.record_presence",
        "registrations.view_listclosing",
        "registrations.delete_listclosing",
        "registrations.view_attendancelog",
    ]
)


def create_organiser(email="claude.bernard@cnfpt.example", **options):
    out = io.StringIO()
    call_command(
        "create_organiser",
        email=email,
        first_name="Claude",
        last_name="Bernard",
        interactive=False,
        stdout=out,
        **options,
    )
    return out.getvalue()


@pytest.fixture
def organiser_client(db, client, monkeypatch):
    monkeypatch.setenv("DJANGO_ORGANISER_PASSWORD", PASSWORD)
    create_organiser()
    assert client.login(username="claude.bernard@cnfpt.example", password=PASSWORD)
    return client


def labels_answered_here():
    """Programme, registrations, and every third-party app: Django's own (accounts, sessions,
    log entries) must grant nothing. The project's later apps extend the group with their own
    migration and check their part in their own tests, post-office's too (mailqueue)."""
    base = Path(settings.BASE_DIR)
    return [
        config.label
        for config in apps.get_app_configs()
        if config.label in ("programme", "registrations")
        or (Path(config.path).parent != base and config.label != "post_office")
    ]


def test_organiser_group_has_exactly_the_permissions_organisers_need(db):
    group = Group.objects.get(name=GROUP)

    codenames = [
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.filter(
            content_type__app_label__in=labels_answered_here()
        ).values_list("content_type__app_label", "codename")
    ]

    assert sorted(codenames) == EXPECTED_PERMISSIONS


def test_create_organiser_makes_a_staff_account_in_the_group(db, monkeypatch):
    monkeypatch.setenv("DJANGO_ORGANISER_PASSWORD", PASSWORD)

    output = create_organiser(email="Claude.Bernard@CNFPT.example")

    user = get_user_model().objects.get()
    assert (user.username, user.email, user.get_full_name()) == (
        "Claude.Bernard@cnfpt.example",
        "Claude.Bernard@cnfpt.example",
        "Claude Bernard",
    )
    assert (user.is_staff, user.is_superuser) == (True, False)
    assert [group.name for group in user.groups.all()] == [GROUP]
    assert user.check_password(PASSWORD)
    assert output == (
        "Compte créé pour Claude Bernard (Claude.Bernard@cnfpt.example), "
        f"dans le groupe «\xa0{GROUP}\xa0».\n"
    )


def test_create_organiser_asks_for_the_password(db, monkeypatch):
    monkeypatch.delenv("DJANGO_ORGANISER_PASSWORD", raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt: PASSWORD)

    call_command(
        "create_organiser",
        email="camille@cnfpt.example",
        first_name="Camille",
        last_name="Petit",
        stdout=io.StringIO(),
    )

    assert get_user_model().objects.get().check_password(PASSWORD)


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        (
            "CLAUDE.BERNARD@cnfpt.example",
            PASSWORD,
            "Un compte existe déjà pour l’adresse CLAUDE.BERNARD@cnfpt.example\xa0: "
            "rien n’a été créé.",
        ),
        (
            "pas-une-adresse",
            PASSWORD,
            "«\xa0pas-une-adresse\xa0» n’est pas une adresse électronique valide.",
        ),
        (
            "nouvelle@cnfpt.example",
            "",
            "Définissez DJANGO_ORGANISER_PASSWORD pour créer un compte sans rien demander.",
        ),
        ("nouvelle@cnfpt.example", "123", "Ce mot de passe est trop court."),
    ],
    ids=["existing-address", "invalid-address", "no-password", "weak-password"],
)
def test_create_organiser_refuses(db, monkeypatch, email, password, message):
    factories.PersonFactory()  # Unrelated data stays untouched.
    get_user_model().objects.create_user(
        username="claude.bernard@cnfpt.example", email="claude.bernard@cnfpt.example"
    )
    monkeypatch.setenv("DJANGO_ORGANISER_PASSWORD", password)

    with pytest.raises(CommandError) as refused:
        create_organiser(email=email)

    assert str(refused.value).startswith(message)
    assert get_user_model().objects.count() == 1


def test_organiser_sees_the_programme_in_the_admin(organiser_client):
    response = organiser_client.get(reverse("admin:index"))

    apps = {app["app_label"]: app for app in response.context["app_list"]}
    assert sorted(model["object_name"] for model in apps["programme"]["models"]) == [
        "Challenge",
        "ChallengeTheme",
        "ChallengeType",
        "Day",
        "Edition",
        "MiniConference",
        "Organisation",
        "Person",
        "ProgrammeChange",
        "Session",
        "Venue",
    ]
    assert "auth" not in apps


def test_organiser_can_change_a_session(organiser_client):
    session = factories.SessionFactory(title="Ouverture")

    response = submit(organiser_client, change_url(session), {"title": "Ouverture officielle"})

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Ouverture officielle"


@pytest.mark.parametrize("name", ["user", "group"])
def test_organiser_cannot_manage_accounts(organiser_client, name):
    response = organiser_client.get(reverse(f"admin:auth_{name}_changelist"))

    assert response.status_code == 403
