"""Accepting never renames a mini-conference, nor changes its speakers, without the organiser
seeing it first: the confirmation page of the change form's button and of the list's action."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from programme.models import MiniConference
from proposals.models import Proposal
from tests import factories
from tests.i18n_checks import french_left
from tests.programme.admin_forms import change_url, form_data, submit
from tests.proposals.conftest import press

CHANGELIST = reverse("admin:proposals_proposal_changelist")
NBSP = "\u00a0"
RENAME, KEEP_TITLE = "_rename", "_keep_title"


def accept_url(proposal):
    return reverse("admin:proposals_proposal_accept", args=[proposal.pk])


def accept_all(client, *proposals):
    return client.post(
        CHANGELIST,
        {"action": "accept_selected", "_selected_action": [p.pk for p in proposals]},
    )


def stored(mini_conference):
    """What participants see of a mini-conference: its title, summary and speakers."""
    mini_conference = MiniConference.objects.get(pk=mini_conference.pk)
    speakers = sorted(str(person) for person in mini_conference.speakers.all())
    return mini_conference.title, mini_conference.description, speakers


def statuses():
    return sorted(Proposal.objects.values_list("title", "status"))


@pytest.fixture
def registered(mini_conferences):
    """Two confirmed seats and one on the waiting list in the first mini-conference."""
    first = mini_conferences[0]
    factories.SeatFactory.create_batch(2, mini_conference=first)
    factories.SeatFactory(mini_conference=first, status="waiting")
    return first


def test_accept_button_shows_what_changes_and_saves_nothing_yet(
    admin_client, submitted, registered, mailoutbox
):
    before = stored(registered)

    response = submit(admin_client, change_url(submitted), {"_accept": "1"})
    page = admin_client.get(response["Location"])

    assert (response.status_code, response["Location"]) == (302, accept_url(submitted))
    (change,) = page.context["changes"]
    assert (change.mini_conference, change.new_title, change.added, change.removed) == (
        registered,
        submitted.title,
        ["Camille Petit"],
        [],
    )
    html = page.content.decode()
    assert f"actuel{NBSP}: «{NBSP}Les usages des technologies{NBSP}»</span>" in html
    assert f"→ nouveau{NBSP}: «{NBSP}{submitted.title}{NBSP}»</span>" in html
    assert "2 places confirmées" in html
    assert "1 en liste d’attente" in html
    assert form_data(page)["plan"] == page.context["plan"] != ""
    assert (stored(registered), statuses(), mailoutbox) == (
        before,
        [(submitted.title, "submitted")],
        [],
    )


@pytest.mark.parametrize(
    ("button", "title_kept"), [(RENAME, False), (KEEP_TITLE, True)], ids=["rename", "keep-title"]
)
def test_each_choice_accepts_with_or_without_the_title(
    admin_client, submitted, registered, committed, mailoutbox, button, title_kept
):
    page = admin_client.get(accept_url(submitted))

    with committed():
        response = press(admin_client, page, button)

    assert (response.status_code, response["Location"]) == (302, change_url(submitted))
    kept = ("Les usages des technologies", "")
    expected = kept if title_kept else (submitted.title, submitted.summary)
    assert stored(registered) == (*expected, ["Camille Petit"])
    assert (statuses(), len(mailoutbox)) == ([(submitted.title, "accepted")], 1)


def test_cancel_goes_back_to_the_proposal_and_changes_nothing(
    admin_client, submitted, registered, mailoutbox
):
    before = stored(registered)
    page = admin_client.get(accept_url(submitted))

    cancel = page.context["cancel_url"]
    back = admin_client.get(cancel)

    assert f'href="{cancel}" class="button cancel-link">Annuler</a>' in page.content.decode()
    assert (cancel, back.status_code) == (change_url(submitted), 200)
    assert (stored(registered), statuses(), mailoutbox) == (
        before,
        [(submitted.title, "submitted")],
        [],
    )


def test_bulk_action_asks_once_for_every_mini_conference(
    admin_client, call, mini_conferences, committed, mailoutbox
):
    first, second = mini_conferences
    older = factories.ProposalFactory(call=call, theme=first, title="Les données ouvertes")
    factories.SpeakerFactory(proposal=older, first_name="Lou", last_name="Garnier")
    newer = factories.ProposalFactory(call=call, theme=first, title="Le code source public")
    factories.SpeakerFactory(proposal=newer, first_name="Ali", last_name="Roux")
    other = factories.ProposalFactory(call=call, theme=second, title="Les tiers-lieux")

    page = accept_all(admin_client, older, newer, other)

    # The list shows the newest first and accepts in that order: of the two proposals for
    # the first mini-conference, the newer one would give it its title.
    assert [(c.mini_conference, c.new_title, c.added) for c in page.context["changes"]] == [
        (second, "Les tiers-lieux", []),
        (first, "Le code source public", ["Ali Roux", "Lou Garnier"]),
    ]
    assert {p.status for p in Proposal.objects.all()} == {"submitted"}
    with committed():
        done = press(admin_client, page, KEEP_TITLE)
    assert done.status_code == 302
    assert [stored(mc) for mc in mini_conferences] == [
        ("Les usages des technologies", "", ["Ali Roux", "Lou Garnier"]),
        ("L'innovation sociale", "", []),
    ]
    assert ({p.status for p in Proposal.objects.all()}, len(mailoutbox)) == ({"accepted"}, 3)


def test_bulk_action_renames_each_mini_conference_once_confirmed(
    admin_client, call, mini_conferences, committed
):
    first, second = mini_conferences
    proposals = [
        factories.ProposalFactory(call=call, theme=mc, title=f"Sujet {mc.number}")
        for mc in mini_conferences
    ]

    with committed():
        press(admin_client, accept_all(admin_client, *proposals), RENAME)

    assert [stored(mc)[0] for mc in mini_conferences] == ["Sujet 1", "Sujet 2"]


def already_in_place(proposal, mini_conference):
    """The mini-conference already bears the proposal's title, summary and speaker."""
    MiniConference.objects.filter(pk=mini_conference.pk).update(
        title=proposal.title, description=proposal.summary
    )
    speaker = proposal.speakers.get()
    speaker.person = factories.PersonFactory(first_name="Camille", last_name="Petit")
    speaker.save()
    mini_conference.speakers.add(speaker.person)


@pytest.mark.parametrize("way", ["button", "action"])
def test_no_confirmation_when_nothing_changes(
    admin_client, submitted, mini_conferences, committed, mailoutbox, way
):
    already_in_place(submitted, mini_conferences[0])

    with committed():
        if way == "button":
            response = submit(admin_client, change_url(submitted), {"_accept": "1"})
        else:
            response = accept_all(admin_client, submitted)

    assert response.status_code == 302
    assert response["Location"] == (change_url(submitted) if way == "button" else CHANGELIST)
    assert (statuses(), len(mailoutbox)) == ([(submitted.title, "accepted")], 1)


def test_a_plan_changed_since_it_was_shown_is_shown_again(
    admin_client, submitted, registered, mailoutbox
):
    page = admin_client.get(accept_url(submitted))
    MiniConference.objects.filter(pk=registered.pk).update(title="Renommée entre-temps")

    again = press(admin_client, page, RENAME)

    assert again.status_code == 200
    assert again.context["stale"] is True
    assert "Le programme a changé depuis l’affichage de cette page" in again.content.decode()
    assert (stored(registered)[0], statuses(), mailoutbox) == (
        "Renommée entre-temps",
        [(submitted.title, "submitted")],
        [],
    )


def test_moving_an_accepted_proposal_shows_speakers_leaving_and_joining(
    admin_client, submitted, mini_conferences, committed
):
    first, second = mini_conferences
    with committed():
        press(admin_client, admin_client.get(accept_url(submitted)), KEEP_TITLE)

    response = submit(admin_client, change_url(submitted), {"mini_conference": str(second.pk)})
    page = admin_client.get(response["Location"])

    assert [(c.mini_conference, c.added, c.removed) for c in page.context["changes"]] == [
        (first, [], ["Camille Petit"]),
        (second, ["Camille Petit"], []),
    ]
    assert Proposal.objects.get().mini_conference == first
    with committed():
        press(admin_client, page, RENAME)
    assert (stored(first)[2], stored(second)) == (
        [],
        (submitted.title, submitted.summary, ["Camille Petit"]),
    )
    assert Proposal.objects.get().mini_conference == second


@pytest.mark.parametrize(
    "url",
    [
        lambda p: accept_url(p) + "?mini_conference=abc",
        lambda p: accept_url(p) + "?mini_conference=999999",
        lambda p: reverse("admin:proposals_proposal_accept", args=["999999"]),
        lambda p: reverse("admin:proposals_proposal_accept", args=["abc"]),
    ],
    ids=["garbage-target", "unknown-target", "unknown-proposal", "garbage-proposal"],
)
def test_a_tampered_address_gets_a_message_not_an_error(admin_client, submitted, url):
    response = admin_client.get(url(submitted), follow=True)

    assert response.status_code == 200
    assert len(list(response.context["messages"])) == 1
    assert statuses() == [(submitted.title, "submitted")]


@pytest.fixture
def reviewer(client, db):
    """Staff allowed to change proposals, not mini-conferences."""
    user = factories.StaffUserFactory()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_proposal", "change_proposal"])
    )
    client.force_login(user)
    return client


def test_without_the_right_to_change_mini_conferences_the_page_is_refused(
    reviewer, submitted, registered
):
    before = stored(registered)

    answers = [
        reviewer.get(accept_url(submitted)).status_code,
        reviewer.post(accept_url(submitted), {RENAME: "1"}).status_code,
        submit(reviewer, change_url(submitted), {"title": "Changé", "_accept": "1"}).status_code,
    ]
    action = accept_all(reviewer, submitted)

    assert answers == [403, 403, 403]
    assert action.status_code == 302  # The action is not offered: Django says none was chosen.
    assert (stored(registered), statuses()) == (before, [(submitted.title, "submitted")])
    assert "_accept" not in reviewer.get(change_url(submitted)).content.decode()


def test_confirmation_page_in_english(admin_client, submitted, registered):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = admin_client.get(accept_url(submitted)).content.decode()

    assert "Accept and rename" in html
    assert french_left(html) == []
