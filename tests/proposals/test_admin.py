import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from proposals.models import Call, Proposal, Review
from tests import factories
from tests.programme.admin_forms import add_url, change_url, field_errors, submit
from tests.proposals.conftest import press

CHANGELIST = reverse("admin:proposals_proposal_changelist")


def listed(response):
    return sorted(p.title for p in response.context["cl"].result_list)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def reviewed(call, mini_conferences, admin_user):
    """Three proposals: one rated 2 and 5 (once by the admin), one rated 4, one not rated."""
    first, second = mini_conferences
    rated = factories.ProposalFactory(call=call, theme=first, title="Données", format="workshop")
    factories.SpeakerFactory(proposal=rated, last_name="Ardent", organisation="Ville de Mâcon")
    factories.ReviewFactory(proposal=rated, reviewer=admin_user, score=2)
    factories.ReviewFactory(proposal=rated, score=5)
    once = factories.ProposalFactory(call=call, theme=second, title="Agilité", status="declined")
    factories.ReviewFactory(proposal=once, score=4)
    factories.ProposalFactory(call=call, theme=second, title="Résilience")
    return {"rated": rated, "once": once}


def test_changelist_shows_average_rating_and_number_of_reviews(admin_client, reviewed):
    response = admin_client.get(CHANGELIST)

    rows = {p.title: (p.average_score, p.review_count) for p in response.context["cl"].result_list}
    assert rows == {"Données": (3.5, 2), "Agilité": (4, 1), "Résilience": (None, 0)}
    assert "3,5" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status__exact": "declined"}, ["Agilité"]),
        ({"status__exact": "submitted"}, ["Données", "Résilience"]),
        ({"mon_evaluation": "faite"}, ["Données"]),
        ({"mon_evaluation": "a-faire"}, ["Agilité", "Résilience"]),
        ({"format__exact": "workshop"}, ["Données"]),
        ({"q": "ardent"}, ["Données"]),
        ({"q": "mâcon"}, ["Données"]),
        ({"o": "-5"}, ["Agilité", "Données", "Résilience"]),
    ],
    ids=["declined", "submitted", "rated-by-me", "to-rate", "format", "speaker", "org", "sort"],
)
def test_changelist_filters_and_search(admin_client, reviewed, params, expected):
    response = admin_client.get(CHANGELIST, params)

    assert response.status_code == 200
    assert listed(response) == expected


def test_changelist_filters_by_mini_conference_and_sorts_by_average(
    admin_client, reviewed, mini_conferences
):
    by_theme = admin_client.get(CHANGELIST, {"theme__id__exact": mini_conferences[1].pk})
    by_average = admin_client.get(CHANGELIST, {"o": "-5"})

    assert listed(by_theme) == ["Agilité", "Résilience"]
    assert [p.title for p in by_average.context["cl"].result_list] == [
        "Agilité",
        "Données",
        "Résilience",
    ]


def test_changelist_counts_proposals_per_status(admin_client, reviewed):
    html = admin_client.get(CHANGELIST).content.decode()

    assert "Soumise (2)" in html
    assert "Non retenue (1)" in html


@pytest.mark.parametrize("count", [1, 3], ids=["one", "three"])
def test_changelist_query_count_does_not_grow_with_proposals(
    admin_client, call, mini_conferences, count, django_assert_num_queries
):
    for _index in range(count):
        proposal = factories.ProposalFactory(call=call, theme=mini_conferences[0])
        factories.SpeakerFactory.create_batch(2, proposal=proposal)
        factories.ReviewFactory.create_batch(2, proposal=proposal)
        # Each row's latest email comes from the queue, in the page's query.
        factories.EmailFactory.create_batch(2, to=[proposal.email])

    with django_assert_num_queries(23):
        response = admin_client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == count


def test_rating_from_the_change_form_is_one_review_per_organiser(
    admin_client, admin_user, submitted
):
    factories.ReviewFactory(proposal=submitted, score=1, comment="D'une collègue")
    submit(admin_client, change_url(submitted), {"my_score": "3", "my_comment": "Bien"})

    response = submit(admin_client, change_url(submitted), {"my_score": "5"})

    assert response.status_code == 302
    mine = Review.objects.get(reviewer=admin_user)
    assert (mine.score, mine.comment) == (5, "Bien")
    assert Review.objects.count() == 2
    page = admin_client.get(change_url(submitted)).content.decode()
    assert "D&#x27;une collègue" in page


def test_a_comment_without_a_score_is_refused_at_the_field(admin_client, submitted):
    response = submit(admin_client, change_url(submitted), {"my_comment": "Sans note"})

    assert field_errors(response) == {
        "my_score": ["Donnez une note de 1 à 5 avec votre commentaire."]
    }
    assert not Review.objects.exists()


def test_accept_button_attaches_to_the_mini_conference_chosen(
    admin_client, submitted, mini_conferences, mailoutbox, django_capture_on_commit_callbacks
):
    chosen = mini_conferences[1]

    with django_capture_on_commit_callbacks(execute=True):
        asked = submit(
            admin_client, change_url(submitted), {"mini_conference": str(chosen.pk), "_accept": "1"}
        )
        response = press(admin_client, admin_client.get(asked["Location"]), "_rename")

    assert response.status_code == 302
    assert response["Location"] == change_url(submitted)
    assert (Proposal.objects.get().status, [str(p) for p in chosen.speakers.all()]) == (
        "accepted",
        ["Camille Petit"],
    )
    assert len(mailoutbox) == 1


def test_changing_the_mini_conference_of_an_accepted_proposal_moves_its_speakers(
    admin_client, submitted, mini_conferences, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = mini_conferences
    with django_capture_on_commit_callbacks(execute=True):
        for changes in ({"_accept": "1"}, {"mini_conference": str(second.pk)}):
            asked = submit(admin_client, change_url(submitted), changes)
            press(admin_client, admin_client.get(asked["Location"]), "_rename")

    assert (first.speakers.count(), second.speakers.count()) == (0, 1)
    assert Proposal.objects.get().mini_conference == second
    assert len(mailoutbox) == 2


def test_decline_button_notifies(
    admin_client, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(admin_client, change_url(submitted), {"_decline": "1"})

    assert Proposal.objects.get().status == "declined"
    assert len(mailoutbox) == 1


def test_deciding_a_withdrawn_proposal_is_refused_with_a_message(
    admin_client, submitted, mailoutbox
):
    Proposal.objects.filter(pk=submitted.pk).update(status="withdrawn")

    response = admin_client.post(
        CHANGELIST,
        {"action": "accept_selected", "_selected_action": [submitted.pk]},
        follow=True,
    )

    assert messages_of(response) == [
        f"«\xa0{submitted.title}\xa0»\xa0: "
        "Une proposition retirée ne peut être ni retenue ni refusée."
    ]
    assert Proposal.objects.get().status == "withdrawn"
    assert mailoutbox == []


def test_markup_is_escaped_in_the_admin(admin_client, submitted):
    Proposal.objects.filter(pk=submitted.pk).update(title="<script>alert(1)</script>")
    submitted.speakers.update(last_name="<b>Petit</b>")

    pages = [admin_client.get(CHANGELIST), admin_client.get(change_url(submitted))]

    for page in pages:
        html = page.content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "<b>Petit</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_proposals_cannot_be_added_by_hand(admin_client, call):
    assert admin_client.get(add_url(Proposal)).status_code == 403


def test_call_admin_refuses_an_unknown_placeholder_at_the_field(admin_client, call):
    response = submit(admin_client, change_url(call), {"declined_body": "{{ note_moyenne }}"})

    assert list(field_errors(response)) == ["declined_body"]
    assert Call.objects.get().declined_body != "{{ note_moyenne }}"


def test_call_changelist_shows_state_and_number_of_proposals(admin_client, submitted):
    response = admin_client.get(reverse("admin:proposals_call_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "ouvert" in html
    link = f"{CHANGELIST}?call__id__exact={submitted.call.pk}"
    assert f'href="{link}">1</a>' in html
    assert listed(admin_client.get(link)) == [submitted.title]


@pytest.fixture
def organiser(client, db):
    user = factories.StaffUserFactory()
    user.groups.add(Group.objects.get(name="Organisateur·rice"))
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        lambda proposal: CHANGELIST,
        lambda proposal: change_url(proposal),
        lambda proposal: change_url(proposal.call),
        lambda proposal: reverse("admin:proposals_call_add"),
    ],
    ids=["proposals", "proposal", "call", "add-call"],
)
def test_organiser_group_may_review_and_run_the_call(organiser, submitted, url):
    assert organiser.get(url(submitted)).status_code == 200


def test_organiser_may_rate(organiser, submitted):
    submit(organiser, change_url(submitted), {"my_score": "2"})

    assert Review.objects.get().score == 2


def test_change_form_offers_only_the_mini_conferences_of_the_call(
    admin_client, submitted, mini_conferences
):
    factories.MiniConferenceFactory(slot__day__edition__is_published=False)

    form = admin_client.get(change_url(submitted)).context["adminform"].form

    assert list(form.fields["theme"].queryset) == mini_conferences
    assert list(form.fields["mini_conference"].queryset) == mini_conferences


def test_changelist_shows_and_filters_the_state_of_the_latest_email(admin_client, reviewed):
    factories.EmailFactory(to=[reviewed["rated"].email], status=0)  # sent, then…
    factories.EmailFactory(to=[reviewed["rated"].email], status=1)  # …the decision failed.

    failed = admin_client.get(CHANGELIST, {"courriel": "failed"})
    html = admin_client.get(CHANGELIST).content.decode()

    assert listed(failed) == ["Données"]
    assert ">en échec</a>" in html
