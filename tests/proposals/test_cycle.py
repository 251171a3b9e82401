"""The call from end to end, as its users live it: the speaker, the organisers, the public."""

import re

import pytest
from django.urls import reverse

from proposals.models import Proposal, Review
from tests.programme.admin_forms import change_url, submit
from tests.proposals.conftest import press, proposal_post

CHANGELIST = reverse("admin:proposals_proposal_changelist")


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Emails leave after commit: run what each step queues, as a real request would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def private_link_in(message):
    links = re.findall(r"http://testserver(/appel-a-propositions/\S+)", message.body)
    assert len(links) == 1, message.body
    return links[0]


def test_submit_review_accept_publish_notify(
    client, admin_client, admin_user, call, mini_conferences, mailoutbox, run_on_commit
):
    # A participant proposes a topic and receives the private link.
    run_on_commit(client.post, reverse("proposals:submit"), proposal_post(call))
    proposal = Proposal.objects.get()
    confirmation = mailoutbox[0]
    assert confirmation.to == ["camille.petit@example.org"]
    assert confirmation.subject == (
        "Votre proposition « Ouvrir les données du territoire » est enregistrée"
    )
    assert private_link_in(confirmation) == proposal.get_absolute_url()
    assert client.get(private_link_in(confirmation)).status_code == 200

    # An organiser rates it in the admin, then accepts it from the list, renaming the
    # mini-conference once shown what changes.
    submit(admin_client, change_url(proposal), {"my_score": "4", "my_comment": "Concret."})
    assert list(Review.objects.values_list("reviewer", "score", "comment")) == [
        (admin_user.pk, 4, "Concret.")
    ]
    confirmation = admin_client.post(
        CHANGELIST, {"action": "accept_selected", "_selected_action": [proposal.pk]}
    )
    assert [c.new_title for c in confirmation.context["changes"]] == [proposal.title]
    run_on_commit(press, admin_client, confirmation, "_rename")

    # The public pages show it.
    mini_conference = mini_conferences[0]
    page = client.get(mini_conference.get_absolute_url()).content.decode()
    assert "<h1>Mini-conférence 1\xa0: Ouvrir les données du territoire</h1>" in page
    assert "Deux ans d’ouverture des données" in page
    assert "Camille Petit</a>, Chargée de mission numérique" in page
    speakers = client.get(reverse("speakers:list")).content.decode()
    assert "Camille Petit" in speakers
    assert "Vingt ans de service public local." in speakers
    assert mini_conference.get_absolute_url() in speakers

    # The speaker is told, from the call's text.
    notification = mailoutbox[1]
    assert notification.to == ["camille.petit@example.org"]
    assert notification.subject == (
        "Votre proposition « Ouvrir les données du territoire » est retenue"
    )
    assert "Mini-conférence 1\xa0: Ouvrir les données du territoire" in notification.body
    assert private_link_in(notification) == proposal.get_absolute_url()
    assert len(mailoutbox) == 2


def test_declined_speaker_is_notified_and_nothing_is_published(
    client, admin_client, submitted, mini_conferences, mailoutbox, run_on_commit
):
    run_on_commit(
        admin_client.post,
        CHANGELIST,
        {"action": "decline_selected", "_selected_action": [submitted.pk]},
    )

    assert Proposal.objects.get().status == "declined"
    assert [m.subject for m in mailoutbox] == [f"Votre proposition « {submitted.title} »"]
    assert "ne pouvons malheureusement pas retenir la vôtre" in mailoutbox[0].body
    assert mini_conferences[0].speakers.count() == 0
    assert "Camille Petit" not in client.get(reverse("speakers:list")).content.decode()
