"""Every side effect on proposals: submission, edition, withdrawal, review, decision, emails.

Each change runs in one transaction holding the proposal's row lock, so a speaker's edit and an
organiser's decision arriving together are applied one after the other, never interleaved.
Emails are queued after commit (mailqueue) and sent by the worker: a mail server that fails
or hangs never loses a proposal or a decision, nor holds the request.
"""

from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _

from programme import clock
from programme.models import Person

from . import emails
from .acceptance import gives_its_title, matching_person
from .exceptions import CallClosed, DecisionRefused, ProposalLocked
from .models import OPEN, Call, Proposal, Review, Speaker

PROPOSAL_FIELDS = ("title", "summary", "theme", "format", "email")


def submit_proposal(*, call, data, speakers, request=None):
    """Create a proposal and its speakers, then email the private link.

    data holds the PROPOSAL_FIELDS; speakers is a list of dicts of Speaker fields, the first
    being the contact person. Side effects: creates the Proposal (consent_at now) and its
    Speaker rows; after commit, queues the confirmation.
    Raises CallClosed outside the call's dates, and then nothing is saved.
    """
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if call.state() != OPEN:
            raise CallClosed
        proposal = Proposal.objects.create(call=call, consent_at=clock.now(), **data)
        _set_speakers(proposal, speakers)
        transaction.on_commit(partial(send_confirmation, proposal=proposal, request=request))
    return proposal


def update_proposal(*, proposal, data, speakers):
    """Replace the proposal's fields and speakers, as typed again by the speaker.

    Raises CallClosed once the call is closed and ProposalLocked once the proposal is decided
    or withdrawn; then nothing changes.
    """
    with transaction.atomic():
        proposal = _lock_open_proposal(proposal)
        for name, value in data.items():
            setattr(proposal, name, value)
        proposal.save()
        _set_speakers(proposal, speakers)
    return proposal


def withdraw_proposal(*, proposal):
    """Withdraw at the speaker's request: status withdrawn, withdrawn_at now.
    Raises CallClosed or ProposalLocked as update_proposal does."""
    with transaction.atomic():
        proposal = _lock_open_proposal(proposal)
        proposal.status = Proposal.Status.WITHDRAWN
        proposal.withdrawn_at = clock.now()
        proposal.save(update_fields=["status", "withdrawn_at", "updated_at"])
    return proposal


def rate_proposal(*, proposal, reviewer, score, comment=""):
    """Record the reviewer's score (1 to 5) and comment; a second rating replaces the first,
    and a score of None deletes the reviewer's review."""
    if score is None:
        Review.objects.filter(proposal=proposal, reviewer=reviewer).delete()
        return None
    review, _created = Review.objects.update_or_create(
        proposal=proposal, reviewer=reviewer, defaults={"score": score, "comment": comment}
    )
    return review


def accept_proposal(*, proposal, mini_conference=None, rename=True, request=None):
    """Accept the proposal into mini_conference (default: the one it names, see target).

    Side effects: each speaker gets a programme Person (reused when one has the same name and
    organisation) added to the mini-conference's speakers; unless rename is False, the first
    proposal accepted into a mini-conference gives it its title and description, through
    MiniConference.save() so the programme's change log sees it; a proposal moved from another
    mini-conference leaves it. Status accepted, decided_at now; the acceptance email goes
    after commit. Raises DecisionRefused for a withdrawn proposal. acceptance.plan() tells
    beforehand what this changes.
    """
    with transaction.atomic():
        proposal = _lock_for_decision(proposal)
        target = _check_target(proposal, mini_conference or proposal.target)
        if proposal.status == Proposal.Status.ACCEPTED:
            if proposal.mini_conference_id == target.pk:
                return proposal  # Accepted twice: nothing moves, nobody is emailed again.
            _detach_speakers(proposal)
        if rename and gives_its_title(proposal, target):
            target.title, target.description = proposal.title, proposal.summary
            target.save(update_fields=["title", "description"])
        target.speakers.add(*[_person_for(speaker) for speaker in proposal.speakers.all()])
        proposal.mini_conference = target
        _decide(proposal, Proposal.Status.ACCEPTED, request)
    return proposal


def decline_proposal(*, proposal, request=None):
    """Decline; a proposal accepted before leaves its mini-conference's speakers (its title
    stays, for the organisers to change). The email goes after commit."""
    with transaction.atomic():
        proposal = _lock_for_decision(proposal)
        if proposal.status == Proposal.Status.DECLINED:
            return proposal
        if proposal.status == Proposal.Status.ACCEPTED:
            _detach_speakers(proposal)
        _decide(proposal, Proposal.Status.DECLINED, request)
    return proposal


def send_confirmation(*, proposal, request=None):
    """(Re)send the confirmation with the private link: queued, the worker sends it."""
    emails.confirmation_message(proposal, request=request).send()


def send_decision(*, proposal, request=None):
    """(Re)send the accepted or declined email, queued; records notified_at, the moment it
    was handed to the queue (its delivery shows in the admin). Returns whether it was."""
    if proposal.status not in (Proposal.Status.ACCEPTED, Proposal.Status.DECLINED):
        return False
    emails.decision_message(proposal, request=request).send()
    proposal.notified_at = clock.now()
    Proposal.objects.filter(pk=proposal.pk).update(notified_at=proposal.notified_at)
    return True


def _locked(proposal):
    # Only the proposal's row: "of" keeps the call free for other speakers' submissions.
    rows = Proposal.objects.select_for_update(of=("self",)).select_related("call")
    return rows.get(pk=proposal.pk)


def _lock_open_proposal(proposal):
    proposal = _locked(proposal)
    if proposal.call.state() != OPEN:
        raise CallClosed
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ProposalLocked
    return proposal


def _lock_for_decision(proposal):
    proposal = _locked(proposal)
    if proposal.status == Proposal.Status.WITHDRAWN:
        raise DecisionRefused
    return proposal


def _check_target(proposal, mini_conference):
    if mini_conference.slot.day.edition_id != proposal.call.edition_id:
        raise DecisionRefused(
            _("La mini-conférence retenue doit appartenir à l'édition de l'appel.")
        )
    return mini_conference


def _decide(proposal, status, request):
    proposal.status, proposal.decided_at = status, clock.now()
    proposal.save(update_fields=["status", "decided_at", "mini_conference", "updated_at"])
    transaction.on_commit(partial(send_decision, proposal=proposal, request=request))


def _set_speakers(proposal, speakers):
    proposal.speakers.all().delete()
    Speaker.objects.bulk_create(
        Speaker(proposal=proposal, order=order, **fields) for order, fields in enumerate(speakers)
    )


def _person_for(speaker):
    """The programme Person for a speaker: the one linked before, else one with the same
    name and organisation (or none recorded), else a new one from what the speaker typed."""
    person = matching_person(speaker) or Person(
        first_name=speaker.first_name, last_name=speaker.last_name
    )
    speaker.person = person
    for name in ("organisation", "job_title", "biography"):
        # Fill what the programme lacks; never overwrite what organisers wrote.
        if not getattr(person, name):
            setattr(person, name, getattr(speaker, name))
    person.save()
    speaker.save(update_fields=["person"])
    return person


def _detach_speakers(proposal):
    persons = [s.person_id for s in proposal.speakers.all() if s.person_id is not None]
    if proposal.mini_conference is not None and persons:
        proposal.mini_conference.speakers.remove(*persons)
