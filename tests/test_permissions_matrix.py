"""Who may open each organiser page and take each organiser action.

Five identities (anonymous, a participant with a personal link and no account, or with an
account that is not staff, a staff account without any permission, an organiser, a superuser)
against every organiser URL. TOOLS is the table; the URL resolver is the truth: an organiser
URL added without its row here fails the first test.
"""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.urls import URLResolver, get_resolver, reverse
from import_export.admin import ExportMixin

from programme.management.commands.create_organiser import ORGANISER_GROUP, create_organiser
from registrations import attendance, presence_codes
from registrations.models import Attendance
from registrations.resources import RegistrationResource
from teams import services as teams
from tests import factories

ORGANISER_NAMESPACES = {"registrations-staff", "teams", "evaluations-staff"}
# Django's own admin pages check the model permissions themselves: the pages the project adds
# to the admin (its get_urls) are the ones to check here.
DJANGO_ADMIN_PAGES = {"changelist", "add", "change", "delete", "history"}
DJANGO_ADMIN_NAMES = {"index", "login", "logout", "password_change", "password_change_done"}
DJANGO_ADMIN_NAMES |= {"autocomplete", "jsi18n", "view_on_site", "app_list", None}
# The export form with every column ticked, as an organiser sends it.
EXPORT = {"format": "0", "resource": "0"}
EXPORT |= {
    f"registrationresource_{field}": "on" for field in RegistrationResource().get_export_order()
}
# What a browser sends with nobody ticked: the CSRF token alone.
NOBODY = {"csrfmiddlewaretoken": "jeton"}


def half_day(world):
    return [world.half_day.day.date, world.half_day.slug]


def show_code(world):
    date, period = half_day(world)
    return {"action": "show", "date": date.isoformat(), "period": period}


# URL name -> (its arguments, the requests to send, and for the admin's pages the permissions
# they check; the organiser pages say theirs in `organiser_needs`).
TOOLS = {
    "registrations-staff:dashboard": (None, [("get", None)]),
    "registrations-staff:notices": (None, [("get", None)]),
    "registrations-staff:notice-action": (None, [("post", {"action": "hold"})]),
    "registrations-staff:sheet-index": (None, [("get", None)]),
    "registrations-staff:sheet-half-day": (half_day, [("get", None)]),
    "registrations-staff:sheet-mini-conference": (
        lambda world: [world.mini_conference.pk],
        [("get", None)],
    ),
    # Nobody ticked: saved, it erases the half-day's presences.
    "registrations-staff:attendance-half-day": (half_day, [("get", None), ("post", NOBODY)]),
    "registrations-staff:attendance-mini-conference": (
        lambda world: [world.mini_conference.pk],
        [("get", None), ("post", NOBODY)],
    ),
    # Outside any half-day (the real clock), the POST records nothing.
    "registrations-staff:scan": (
        lambda world: [presence_codes.reference(world.registration)],
        [("get", None), ("post", {})],
    ),
    "registrations-staff:sign-codes": (None, [("get", None)]),
    # Data the world gives: its first half-day's code goes on the hall screens.
    "registrations-staff:sign-codes-action": (None, [("post", show_code)]),
    "registrations-staff:sign-code-print": (half_day, [("get", None)]),
    "teams:index": (None, [("get", None)]),
    "teams:run": (lambda world: ["defis"], [("post", {"defis-keep_locked": "on"})]),
    "teams:allocation-detail": (lambda world: [world.allocation.pk], [("get", None)]),
    "teams:publish": (lambda world: [world.allocation.pk], [("post", {})]),
    "teams:unpublish": (lambda world: [world.allocation.pk], [("post", {})]),
    "teams:team-lists": (lambda world: [world.allocation.pk], [("get", None)]),
    "teams:badges": (None, [("get", None)]),
    "evaluations-staff:results": (None, [("get", None)]),
    "evaluations-staff:results-csv": (None, [("get", None)]),
    "admin:registrations_registration_export": (
        None,
        [("get", None), ("post", EXPORT)],
        ["registrations.export_registration"],
    ),
    "admin:proposals_proposal_accept": (
        lambda world: [world.proposal.pk],
        [("get", None), ("post", {})],
        ["proposals.change_proposal", "programme.change_miniconference"],
    ),
    # The copy lands on dates no edition of the test holds, far ahead.
    "admin:programme_edition_copy": (
        lambda world: [world.registration.edition_id],
        [("get", None), ("post", {"first_day": "2040-07-09", "name": "Copie"})],
        ["programme.add_edition"],
    ),
    "admin:post_office_email_requeue": (
        lambda world: [world.email.pk],
        [("post", {})],
        ["post_office.change_email"],
    ),
}
# Like the admin's index, the organisers' home is open to every staff account: it lists only
# the tools the account may use, and shows no figure nor name (tests/registrations/
# test_workspace.py checks what each account sees there).
OPEN_TO_STAFF = {"registrations-staff:home"}
CASES = [(name, method, data) for name, (_args, sent, *_) in TOOLS.items() for method, data in sent]
CASE_IDS = [f"{method}-{name}" for name, method, _data in CASES]


def walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, pattern.namespace or namespace)
        else:
            yield namespace, pattern


def organiser_urls():
    """Name -> view of every organiser page, and of every page the project adds to the admin."""
    found = {}
    for namespace, pattern in walk(get_resolver().url_patterns):
        if namespace == "admin":
            name = pattern.name
            if name in DJANGO_ADMIN_NAMES or name.rsplit("_", 1)[-1] in DJANGO_ADMIN_PAGES:
                continue
        elif namespace not in ORGANISER_NAMESPACES:
            continue
        found[f"{namespace}:{pattern.name}"] = pattern.callback
    return found


def needs(name):
    """The permissions a tool checks, each one of them."""
    _args, _sent, *admin_needs = TOOLS[name]
    if admin_needs:
        return set(admin_needs[0])
    needed = organiser_urls()[name].organiser_needs
    return {*needed.read, *needed.act}


def tool_permissions():
    exported = [
        f"{model._meta.app_label}.export_{model._meta.model_name}"
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ExportMixin)
    ]
    return set().union(*(needs(name) for name in TOOLS), exported)


@pytest.fixture
def world(db):
    edition = factories.edition_with_half_days()
    registration = factories.RegistrationFactory(edition=edition)
    challenge = factories.ChallengeFactory(edition=edition)
    factories.ChallengePreferenceFactory(registration=registration, challenge=challenge)
    first = attendance.half_days(edition)[0]
    factories.AttendanceFactory(registration=registration, day=first.day, period=first.period)
    mini_conference = factories.MiniConferenceFactory(slot__day=first.day)
    factories.SeatFactory(registration=registration, mini_conference=mini_conference, attended=True)
    return SimpleNamespace(
        registration=registration,
        half_day=first,
        mini_conference=mini_conference,
        allocation=teams.run_challenge_allocation(edition=edition),
        proposal=factories.ProposalFactory(call__edition=edition, theme=mini_conference),
        email=factories.EmailFactory(),
    )


def log_in(client, who, world):
    users = get_user_model().objects
    if who == "participant":
        assert client.get(world.registration.get_absolute_url()).status_code == 200
    elif who == "not-staff":
        client.force_login(users.create_user("participante", password="x"))
    elif who == "staff-without-permission":
        client.force_login(factories.StaffUserFactory())
    elif who == "organiser":
        identity = {"email": "orga@cnfpt.example", "first_name": "Claude", "last_name": "Petit"}
        client.force_login(create_organiser(**identity, password="x"))
    elif who == "superuser":
        client.force_login(users.create_superuser("admin", password="x"))


def send(client, name, method, data, world):
    args, _sent, *_ = TOOLS[name]
    url = reverse(name, args=args(world) if args else None)
    data = data(world) if callable(data) else data
    return client.post(url, data) if method == "post" else client.get(url)


def snapshot():
    """Every row the site keeps, but the sessions (a login writes one)."""
    labels = ["auth", "programme", "registrations", "teams", "proposals", "post_office"]
    labels += ["evaluations"]
    return {
        model._meta.label: serializers.serialize("python", model.objects.order_by("pk"))
        for label in labels
        for model in apps.get_app_config(label).get_models()
    }


def test_the_table_names_every_organiser_url(db):
    assert sorted(organiser_urls()) == sorted([*TOOLS, *OPEN_TO_STAFF])


@pytest.mark.parametrize("name", sorted(TOOLS))
def test_every_organiser_tool_names_its_permissions(db, name):
    assert needs(name)


@pytest.mark.parametrize(("name", "method", "data"), CASES, ids=CASE_IDS)
@pytest.mark.parametrize("who", ["anonymous", "participant", "not-staff"])
def test_outsiders_are_sent_to_the_login_page(client, world, who, name, method, data):
    log_in(client, who, world)
    before = snapshot()

    response = send(client, name, method, data, world)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login") + "?next=")
    assert snapshot() == before


@pytest.mark.parametrize(("name", "method", "data"), CASES, ids=CASE_IDS)
def test_staff_without_permission_gets_the_403_page_and_changes_nothing(
    client, world, name, method, data
):
    log_in(client, "staff-without-permission", world)
    before = snapshot()

    response = send(client, name, method, data, world)

    assert response.status_code == 403
    assert "<h1>Accès refusé</h1>" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(("name", "method", "data"), CASES, ids=CASE_IDS)
@pytest.mark.parametrize("who", ["organiser", "superuser"])
def test_organisers_and_superusers_use_every_tool(client, world, who, name, method, data):
    log_in(client, who, world)

    response = send(client, name, method, data, world)

    assert response.status_code in (200, 302)
    assert not response.get("Location", "").startswith(reverse("admin:login"))


def test_the_export_gives_the_organiser_the_file(client, world):
    log_in(client, "organiser", world)

    response = send(client, "admin:registrations_registration_export", "post", EXPORT, world)

    assert response["Content-Disposition"].startswith('attachment; filename="inscriptions-')
    assert world.registration.email in response.content.decode("utf-8-sig")


@pytest.mark.parametrize(("who", "left"), [("staff-without-permission", 1), ("organiser", 0)])
def test_saving_nobody_present_erases_presences_only_for_an_organiser(client, world, who, left):
    log_in(client, who, world)

    send(client, "registrations-staff:attendance-half-day", "post", NOBODY, world)

    assert Attendance.objects.count() == left


def test_the_organiser_group_holds_every_permission_the_tools_check(db):
    group = Group.objects.get(name=ORGANISER_GROUP)
    held = {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }

    assert sorted(tool_permissions() - held) == []


def test_the_readme_names_the_permission_of_every_tool(settings):
    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")

    assert sorted(p for p in tool_permissions() if f"`{p}`" not in readme) == []
