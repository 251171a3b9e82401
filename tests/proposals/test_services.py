import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError
from post_office.models import STATUS, Email

from programme import content
from programme.models import Person
from proposals import placeholders, services
from proposals.exceptions import CallClosed, DecisionRefused, ProposalLocked
from proposals.models import Proposal, Review
from tests import factories
from tests.proposals.conftest import moved


@pytest.fixture
def decide(django_capture_on_commit_callbacks):
    """Run a decision service and the emails it sends after commit."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def speaker_names(mini_conference):
    return sorted(str(person) for person in mini_conference.speakers.all())


def test_accepting_attaches_speakers_title_and_summary(submitted, mini_conferences, decide):
    factories.SpeakerFactory(proposal=submitted, first_name="Lou", last_name="Garnier", order=1)

    decide(services.accept_proposal, proposal=submitted)

    theme = mini_conferences[0]
    theme.refresh_from_db()
    submitted.refresh_from_db()
    assert (theme.title, theme.description) == (submitted.title, submitted.summary)
    assert speaker_names(theme) == ["Camille Petit", "Lou Garnier"]
    assert (submitted.status, submitted.mini_conference) == ("accepted", theme)
    assert submitted.decided_at is not None
    assert [s.person.organisation for s in submitted.speakers.all()] == [
        "Département de Saône-et-Loire"
    ] * 2


@pytest.mark.parametrize(
    ("existing_organisation", "reused"),
    [("département de saône-et-loire", True), ("", True), ("Ville de Lyon", False)],
    ids=["same-organisation", "organisation-unknown", "other-organisation"],
)
def test_accepting_reuses_a_person_of_the_same_name_and_organisation(
    submitted, decide, existing_organisation, reused
):
    existing = factories.PersonFactory(
        first_name="camille", last_name="PETIT", organisation=existing_organisation
    )

    decide(services.accept_proposal, proposal=submitted)

    person = submitted.speakers.get().person
    assert (person.pk == existing.pk) is reused
    assert Person.objects.count() == (1 if reused else 2)


def test_accepting_fills_only_what_the_programme_lacks(submitted, decide):
    existing = factories.PersonFactory(
        first_name="Camille", last_name="Petit", organisation="", biography="Écrite par l’équipe."
    )
    submitted.speakers.update(biography="Écrite par la personne.", job_title="Cheffe de projet")

    decide(services.accept_proposal, proposal=submitted)

    existing.refresh_from_db()
    assert (existing.organisation, existing.job_title, existing.biography) == (
        "Département de Saône-et-Loire",
        "Cheffe de projet",
        "Écrite par l’équipe.",
    )


def test_a_second_accepted_proposal_adds_speakers_but_keeps_the_title(
    submitted, mini_conferences, decide
):
    second = factories.ProposalFactory(call=submitted.call, theme=mini_conferences[0])
    factories.SpeakerFactory(proposal=second, first_name="Lou", last_name="Garnier")
    decide(services.accept_proposal, proposal=submitted)

    decide(services.accept_proposal, proposal=second)

    mini_conferences[0].refresh_from_db()
    assert mini_conferences[0].title == submitted.title
    assert speaker_names(mini_conferences[0]) == ["Camille Petit", "Lou Garnier"]


def test_accepting_without_renaming_keeps_the_title_and_adds_the_speakers(
    submitted, mini_conferences, decide
):
    decide(services.accept_proposal, proposal=submitted, rename=False)

    mini_conferences[0].refresh_from_db()
    assert (mini_conferences[0].title, mini_conferences[0].description) == (
        "Les usages des technologies",
        "",
    )
    assert speaker_names(mini_conferences[0]) == ["Camille Petit"]
    assert Proposal.objects.get().status == "accepted"


def test_accepting_elsewhere_moves_the_speakers(submitted, mini_conferences, decide, mailoutbox):
    first, other = mini_conferences
    decide(services.accept_proposal, proposal=submitted)

    decide(services.accept_proposal, proposal=submitted, mini_conference=other)

    assert (speaker_names(first), speaker_names(other)) == ([], ["Camille Petit"])
    assert Proposal.objects.get().mini_conference == other
    assert len(mailoutbox) == 2


def test_accepting_twice_changes_nothing_and_emails_once(submitted, decide, mailoutbox):
    decide(services.accept_proposal, proposal=submitted)

    decide(services.accept_proposal, proposal=submitted)

    assert len(mailoutbox) == 1


def test_declining_an_accepted_proposal_removes_its_speakers(submitted, mini_conferences, decide):
    decide(services.accept_proposal, proposal=submitted)

    decide(services.decline_proposal, proposal=submitted)

    assert speaker_names(mini_conferences[0]) == []
    assert Proposal.objects.get().status == "declined"


@pytest.mark.parametrize("service", [services.accept_proposal, services.decline_proposal])
def test_a_withdrawn_proposal_cannot_be_decided(submitted, decide, mailoutbox, service):
    Proposal.objects.filter(pk=submitted.pk).update(status="withdrawn")

    with pytest.raises(DecisionRefused):
        decide(service, proposal=submitted)

    assert Proposal.objects.get().status == "withdrawn"
    assert mailoutbox == []


def test_a_mini_conference_of_another_edition_is_refused(submitted, decide):
    elsewhere = factories.MiniConferenceFactory()

    with pytest.raises(DecisionRefused):
        decide(services.accept_proposal, proposal=submitted, mini_conference=elsewhere)

    assert elsewhere.speakers.count() == 0


def test_acceptance_email_fills_the_call_text(submitted, decide, mailoutbox):
    call = submitted.call
    call.accepted_subject = "Retenue : {{ titre }}\n(à lire)"
    call.accepted_body = "{{prenom}} {{ nom }} — {{ mini_conference }} — {{ quand }} — {{ salle }}"
    call.save()

    decide(services.accept_proposal, proposal=submitted)

    message = mailoutbox[0]
    theme = Proposal.objects.get().mini_conference
    assert message.subject == f"Retenue : {submitted.title} (à lire)"
    assert message.body == (
        f"Camille Petit — {theme} — Lundi 8 juillet 2030, 11\u00a0h\u00a030 – 12\u00a0h\u00a030"
        f" — {theme.venue.name}"
    )
    assert message.to == [submitted.email]
    assert message.message()["Reply-To"] == "contact@example.org"


def test_decline_email_uses_the_decline_text(submitted, decide, mailoutbox):
    decide(services.decline_proposal, proposal=submitted)

    assert mailoutbox[0].subject == f"Votre proposition « {submitted.title} »"
    assert "ne pouvons malheureusement pas retenir" in mailoutbox[0].body
    assert Proposal.objects.get().notified_at is not None


def test_markup_in_a_proposal_stays_plain_text_in_emails(submitted, decide, mailoutbox):
    Proposal.objects.filter(pk=submitted.pk).update(title="<script>alert(1)</script> & co")

    decide(services.accept_proposal, proposal=submitted)

    message = mailoutbox[0]
    assert "«\xa0<script>alert(1)</script> & co\xa0»" in message.body
    assert "&lt;" not in message.body
    assert message.content_subtype == "plain"
    assert not isinstance(message, EmailMultiAlternatives)


def test_a_failing_mail_server_loses_nothing(submitted, decide, failing_mail_server):
    decide(services.accept_proposal, proposal=submitted)

    proposal = Proposal.objects.get()
    assert proposal.status == "accepted"
    email = Email.objects.get()
    assert (email.to, email.status) == ([proposal.email], STATUS.failed)
    assert "Relais SMTP injoignable" in email.logs.get().message


def test_rating_again_replaces_the_review_and_no_score_removes_it(submitted):
    reviewer = factories.StaffUserFactory()
    services.rate_proposal(proposal=submitted, reviewer=reviewer, score=2, comment="Flou")

    services.rate_proposal(proposal=submitted, reviewer=reviewer, score=4, comment="Précisé")

    assert list(Review.objects.values_list("score", "comment")) == [(4, "Précisé")]
    services.rate_proposal(proposal=submitted, reviewer=reviewer, score=None)
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("same_reviewer", "score"), [(True, 3), (False, 6), (False, 0)], ids=["twice", "6", "0"]
)
def test_database_holds_one_review_per_reviewer_scored_1_to_5(submitted, same_reviewer, score):
    reviewer = factories.StaffUserFactory()
    factories.ReviewFactory(proposal=submitted, reviewer=reviewer, score=1)
    other = reviewer if same_reviewer else factories.StaffUserFactory()

    with pytest.raises(IntegrityError):
        Review.objects.create(proposal=submitted, reviewer=other, score=score)


def test_services_refuse_changes_once_the_call_is_closed(submitted):
    moved(submitted.call, closes_in=-datetime.timedelta(seconds=1))

    with pytest.raises(CallClosed):
        services.update_proposal(proposal=submitted, data={"title": "Tard"}, speakers=[])
    with pytest.raises(CallClosed):
        services.withdraw_proposal(proposal=submitted)
    with pytest.raises(CallClosed):
        services.submit_proposal(call=submitted.call, data={}, speakers=[])


def test_the_call_closes_on_the_sites_clock(submitted, fixed_clock):
    fixed_clock(submitted.call.closes_at)

    with pytest.raises(CallClosed):
        services.withdraw_proposal(proposal=submitted)


def test_services_refuse_changes_once_decided(submitted, decide):
    decide(services.decline_proposal, proposal=submitted)

    with pytest.raises(ProposalLocked):
        services.withdraw_proposal(proposal=submitted)


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("accepted_subject", "Bravo {{ prénom }}"),
        ("accepted_body", "{{ titre }} {{ lien_secret }}"),
        ("declined_subject", "{{ nom }}{{ x }}"),
        ("declined_body", "{{ date }}"),
    ],
)
def test_call_refuses_unknown_placeholders_at_the_field(call, field, text):
    setattr(call, field, text)

    with pytest.raises(ValidationError) as error:
        call.full_clean()

    assert list(error.value.message_dict) == [field]
    assert "Champ de remplacement inconnu" in error.value.message_dict[field][0]


def test_call_refuses_closing_before_opening(call):
    call.closes_at = call.opens_at - datetime.timedelta(hours=1)

    with pytest.raises(ValidationError) as error:
        call.full_clean()

    assert error.value.message_dict["closes_at"] == [
        "La clôture doit suivre l’ouverture de l’appel."
    ]


def test_placeholders_fill_only_known_names():
    text = "{{ titre }} {{titre}} {{ inconnu }} {% debug %}"

    assert placeholders.fill(text, {"titre": "T"}) == "T T {{ inconnu }} {% debug %}"
    assert placeholders.unknown(text) == ["inconnu"]


def test_default_texts_use_only_known_placeholders(call):
    call.full_clean()


def test_a_decline_that_removes_speakers_refreshes_cached_pages(submitted, decide):
    decide(services.accept_proposal, proposal=submitted)
    before = content.current().number

    decide(services.decline_proposal, proposal=submitted)

    assert content.current().number == before + 1
