import datetime
import re

import pytest
from django.urls import reverse

from proposals.models import Proposal
from tests import factories
from tests.proposals.conftest import management, moved, speaker_fields

PAGES = ["manage", "edit", "withdraw"]


def url(name, proposal):
    return reverse(f"proposals:{name}", kwargs={"token": proposal.token})


def edit_post(proposal, **overrides):
    """The edit form as sent back unchanged, with one speaker; overrides replace fields."""
    speaker = proposal.speakers.first()
    data = {
        "title": proposal.title,
        "summary": proposal.summary,
        "theme": str(proposal.theme_id),
        "format": proposal.format,
        "email": proposal.email,
        **management(total=3, initial=1),
        **speaker_fields(
            0,
            first_name=speaker.first_name,
            last_name=speaker.last_name,
            organisation=speaker.organisation,
        ),
        **speaker_fields(1),
        **speaker_fields(2),
    }
    data.update(overrides)
    return data


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_private_page_shows_the_proposal_and_what_can_be_done(client, submitted):
    response = client.get(submitted.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert submitted.title in html
    assert "Camille Petit" in html
    assert url("edit", submitted) in html
    assert url("withdraw", submitted) in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("suffix", ["", "modifier/", "retirer/"], ids=PAGES)
@pytest.mark.parametrize(
    "token",
    ["x" * 43, "n-existe-pas", "%3Cscript%3E"],
    ids=["well-formed", "short", "markup"],
)
def test_a_wrong_private_link_is_the_site_404(client, submitted, suffix, token):
    response = client.get(f"/appel-a-propositions/{token}/{suffix}")

    assert response.status_code == 404
    assert submitted.title not in response.content.decode()


def test_edit_while_the_call_is_open_changes_the_proposal_and_its_speakers(client, submitted):
    data = edit_post(
        submitted,
        title="Un titre plus précis",
        **speaker_fields(1, first_name="Lou", last_name="Garnier", organisation="Région"),
    )

    response = client.post(url("edit", submitted), data)

    submitted.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == submitted.get_absolute_url()
    assert submitted.title == "Un titre plus précis"
    assert [str(s) for s in submitted.speakers.all()] == ["Camille Petit", "Lou Garnier"]
    assert messages_of(client.get(response["Location"])) == ["Vos modifications sont enregistrées."]


def test_edit_can_remove_a_co_speaker(client, submitted):
    factories.SpeakerFactory(proposal=submitted, first_name="Lou", last_name="Garnier", order=1)
    data = edit_post(submitted, **management(3, 2))
    data.update(speaker_fields(1, first_name="Lou", last_name="Garnier", organisation="CC"))
    data["speakers-1-DELETE"] = "on"

    client.post(url("edit", submitted), data)

    assert [str(s) for s in submitted.speakers.all()] == ["Camille Petit"]


def test_edit_with_a_bad_field_changes_nothing(client, submitted):
    response = client.post(url("edit", submitted), edit_post(submitted, email="pas-une-adresse"))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    assert Proposal.objects.get().email == submitted.email


@pytest.fixture
def after_closing(submitted):
    moved(submitted.call, closes_in=-datetime.timedelta(minutes=1))
    return submitted


@pytest.mark.parametrize("page", ["edit", "withdraw"])
def test_after_the_call_closes_nothing_changes(client, after_closing, page):
    shown = client.get(url(page, after_closing))
    sent = client.post(url(page, after_closing), edit_post(after_closing, title="Trop tard"))

    after_closing.refresh_from_db()
    assert shown.status_code == sent.status_code == 302
    assert sent["Location"] == after_closing.get_absolute_url()
    assert after_closing.status == "submitted"
    assert after_closing.title != "Trop tard"
    assert (
        messages_of(client.get(sent["Location"]))
        == ["L’appel à propositions est clos\xa0: plus rien ne peut être envoyé ni modifié."] * 2
    )


def test_after_the_call_closes_the_private_page_still_shows_the_proposal(client, after_closing):
    response = client.get(after_closing.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert after_closing.title in html
    assert url("edit", after_closing) not in html


def test_withdrawal_asks_for_confirmation_then_withdraws(client, submitted):
    confirmation = client.get(url("withdraw", submitted))

    response = client.post(url("withdraw", submitted))

    submitted.refresh_from_db()
    assert confirmation.status_code == 200
    assert "Confirmer le retrait" in confirmation.content.decode()
    assert response.status_code == 302
    assert (submitted.status, submitted.withdrawn_at is not None) == ("withdrawn", True)
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert "Vous avez retiré cette proposition le" in page
    assert url("edit", submitted) not in page


@pytest.mark.parametrize("status", ["withdrawn", "accepted", "declined"])
def test_a_withdrawn_or_decided_proposal_cannot_be_changed(client, submitted, status):
    Proposal.objects.filter(pk=submitted.pk).update(status=status)

    response = client.post(url("edit", submitted), edit_post(submitted, title="Autre titre"))

    submitted.refresh_from_db()
    assert response.status_code == 302
    assert submitted.title != "Autre titre"
    assert messages_of(client.get(response["Location"])) == [
        "Cette proposition a déjà reçu une réponse ou a été retirée\xa0: elle ne peut plus être "
        "modifiée."
    ]


@pytest.mark.parametrize(
    "page",
    [
        lambda proposal: reverse("proposals:submit"),
        lambda proposal: reverse("proposals:done"),
        lambda proposal: url("manage", proposal),
        lambda proposal: url("edit", proposal),
        lambda proposal: url("withdraw", proposal),
        lambda proposal: reverse("speakers:list"),
    ],
    ids=["submit", "done", "manage", "edit", "withdraw", "speakers"],
)
def test_every_page_of_the_call_has_one_h1_in_french(client, submitted, page):
    response = client.get(page(submitted))

    html = response.content.decode()
    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert '<html lang="fr"' in html
