"""The queue's admin as organisers read it: in French, read only, with a requeue; and the
messages' bodies (personal links) for no one without the permission to view them."""

import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from post_office.models import STATUS, Attachment, Email, EmailTemplate, Log

from tests import factories
from tests.factories import OrganiserFactory
from tests.i18n_checks import po_entries

CHANGELIST = reverse("admin:post_office_email_changelist")
VENDOR_FR = Path(settings.BASE_DIR) / "locale_vendor" / "fr" / "LC_MESSAGES"


def change_page(email):
    return reverse("admin:post_office_email_change", args=[email.pk])


def requeue_url(email):
    return reverse("admin:post_office_email_requeue", args=[email.pk])


@pytest.fixture
def organiser(client, db):
    client.force_login(OrganiserFactory())
    return client


@pytest.fixture
def registrations_only(client, db):
    """Staff who may read registrations, not the emails."""
    user = User.objects.create_user("accueil", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_registration"))
    client.force_login(user)
    return client


@pytest.fixture
def failed(db):
    email = factories.EmailFactory(
        to=["camille@example.org"],
        subject="Votre inscription",
        message="Votre lien personnel : https://exemple.org/inscription/jeton-secret/",
        status=STATUS.failed,
        number_of_retries=8,
    )
    Log.objects.create(
        email=email, status=STATUS.failed, exception_type="TimeoutError", message="timed out"
    )
    return email


def test_organiser_group_may_view_and_requeue_emails(db):
    group = Group.objects.get(name="Organisateur·rice")

    codenames = group.permissions.filter(content_type__app_label="post_office")

    assert sorted(codenames.values_list("codename", flat=True)) == [
        "change_email",
        "view_email",
        "view_log",
    ]


def test_email_list_reads_in_french(organiser, failed):
    html = organiser.get(CHANGELIST).content.decode()

    for french in ("Envoi des courriels", "Courriels", "Destinataire", "Objet", "État"):
        assert french in html
    assert "camille@example.org" in html
    assert "en échec" in html
    assert "Remettre dans la file d’envoi" in html  # The action.
    for english in ("Email To", "Subject", "Status", "failed", "Requeue"):
        assert f">{english}<" not in html


def test_change_page_shows_the_message_and_its_attempts_read_only(organiser, failed):
    html = organiser.get(change_page(failed)).content.decode()

    assert "jeton-secret" in html  # Those who may view emails read them whole.
    assert "Tentatives d’envoi" in html
    assert "timed out" in html
    assert 'name="_save"' not in html
    assert f'formaction="{requeue_url(failed)}"' in html


def test_requeue_button_puts_the_message_back_for_a_full_series_of_attempts(organiser, failed):
    response = organiser.post(requeue_url(failed), follow=True)

    failed.refresh_from_db()
    assert (failed.status, failed.number_of_retries, failed.scheduled_time) == (
        STATUS.queued,
        0,
        None,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "1 courriel remis dans la file d’envoi\u00a0: il part au prochain passage."
    ]
    assert response.redirect_chain == [(change_page(failed), 302)]


def test_requeue_action_from_the_list(organiser, failed):
    other = factories.EmailFactory(status=STATUS.sent)

    organiser.post(CHANGELIST, {"action": "requeue", "_selected_action": [failed.pk]})

    statuses = dict(Email.objects.values_list("pk", "status"))
    assert statuses == {failed.pk: STATUS.queued, other.pk: STATUS.sent}


@pytest.mark.parametrize(
    ("method", "pk", "expected"),
    [("get", None, 302), ("post", 999_999, 404), ("post", "pas-un-nombre", 404)],
    ids=["get-redirects", "unknown", "garbage"],
)
def test_requeue_url_answers_clearly_whatever_is_typed(organiser, failed, method, pk, expected):
    url = requeue_url(failed) if pk is None else f"{CHANGELIST}{pk}/remettre/"

    response = getattr(organiser, method)(url)

    assert response.status_code == expected
    failed.refresh_from_db()
    assert failed.status == STATUS.failed


def test_who_may_not_view_emails_reads_no_body(registrations_only, failed):
    for url in (CHANGELIST, change_page(failed)):
        assert registrations_only.get(url).status_code == 403
    assert registrations_only.post(requeue_url(failed)).status_code == 403
    failed.refresh_from_db()
    assert failed.status == STATUS.failed


def test_viewer_without_change_cannot_requeue(client, failed):
    user = User.objects.create_user("lecture", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_email"))
    client.force_login(user)

    html = client.get(change_page(failed)).content.decode()
    response = client.post(requeue_url(failed))

    assert "formaction" not in html
    assert response.status_code == 403
    failed.refresh_from_db()
    assert failed.status == STATUS.failed


def test_list_filters_by_address_from_a_registration(organiser, failed):
    factories.EmailFactory(to=["autre@example.org"])

    response = organiser.get(CHANGELIST, {"to": "camille@example.org"})

    assert list(response.context["cl"].result_list) == [failed]


def test_unused_parts_of_post_office_are_not_shown():
    shown = [admin.site.is_registered(model) for model in (Email, Log, EmailTemplate, Attachment)]

    assert shown == [True, True, False, False]


def test_vendor_french_catalogue_is_compiled():
    with (VENDOR_FR / "django.mo").open("rb") as mo_file:
        mo = gettext.GNUTranslations(mo_file)

    entries = po_entries(VENDOR_FR / "django.po")
    wrong = [
        e["msgid"]
        for e in entries
        if (mo.pgettext(e["msgctxt"], e["msgid"]) if "msgctxt" in e else mo.gettext(e["msgid"]))
        != e["translations"][0]
    ]
    assert wrong == []
    assert all(e["translations"][0] for e in entries)
