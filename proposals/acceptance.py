"""What accepting proposals would change on the programme, read before anything changes.

People registered to a mini-conference chose it by its title and speakers: the admin shows
this plan and asks before applying it (see confirming.py). The plan follows the same rules as
services.accept_proposal, which applies them; each rule is written once, here.
"""

import hashlib
import json
from dataclasses import dataclass, field

from programme.models import MiniConference, Person

from .models import Proposal


def matching_person(speaker):
    """The programme Person a speaker becomes on acceptance, if one exists already: the one
    linked before, else one with the same name and organisation (or none recorded)."""
    if speaker.person_id is not None:
        return speaker.person
    same_name = Person.objects.filter(
        first_name__iexact=speaker.first_name, last_name__iexact=speaker.last_name
    )
    return (
        same_name.filter(organisation__iexact=speaker.organisation).first()
        or same_name.filter(organisation="").first()
    )


def gives_its_title(proposal, mini_conference):
    """Whether accepting gives the mini-conference the proposal's title and summary: only the
    first proposal accepted into it does."""
    others = mini_conference.accepted_proposals.exclude(pk=proposal.pk)
    return not others.filter(status=Proposal.Status.ACCEPTED).exists()


def changes_anything(proposal, mini_conference):
    """False when accepting is refused (withdrawn, another edition) or a repeat."""
    if proposal.status == Proposal.Status.WITHDRAWN:
        return False
    if mini_conference.slot.day.edition_id != proposal.call.edition_id:
        return False
    return not (
        proposal.status == Proposal.Status.ACCEPTED
        and proposal.mini_conference_id == mini_conference.pk
    )


@dataclass
class MiniConferenceChange:
    """What one mini-conference would become; new_title is None when its title stays."""

    mini_conference: MiniConference
    proposals: list = field(default_factory=list)
    new_title: str | None = None
    new_description: str | None = None
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    confirmed_seats: int = 0
    waiting_seats: int = 0
    slot_label: str = ""  # Set by the confirmation page, from the programme's admin.

    @property
    def renames(self):
        current = (self.mini_conference.title, self.mini_conference.description)
        return self.new_title is not None and (self.new_title, self.new_description) != current

    @property
    def title_changes(self):
        return self.renames and self.new_title != self.mini_conference.title

    @property
    def description_changes(self):
        return self.renames and self.new_description != self.mini_conference.description

    def __bool__(self):
        return bool(self.renames or self.added or self.removed)

    def summary(self):
        """The plan's content, to tell later whether the programme moved in between."""
        return [
            self.mini_conference.pk,
            self.mini_conference.title,
            self.new_title if self.renames else None,
            self.new_description if self.renames else None,
            self.added,
            self.removed,
        ]


class Planner:
    """Accepts proposals one after the other on paper, in the order the admin will."""

    def __init__(self):
        self.changes = {}
        self.speakers = {}

    def change_of(self, mini_conference):
        if mini_conference.pk not in self.changes:
            self.changes[mini_conference.pk] = MiniConferenceChange(mini_conference)
            self.speakers[mini_conference.pk] = set(
                mini_conference.speakers.values_list("pk", flat=True)
            )
        return self.changes[mini_conference.pk]

    def accept(self, proposal, target):
        if not changes_anything(proposal, target):
            return
        speakers = list(proposal.speakers.all())
        left = proposal.mini_conference if proposal.status == Proposal.Status.ACCEPTED else None
        if left is not None:
            self.leave(left, speakers)
        change = self.change_of(target)
        change.proposals.append(proposal)
        if change.new_title is None and gives_its_title(proposal, target):
            change.new_title, change.new_description = proposal.title, proposal.summary
        for speaker in speakers:
            person = matching_person(speaker)
            if person is None or person.pk not in self.speakers[target.pk]:
                change.added.append(str(speaker))
            if person is not None:
                self.speakers[target.pk].add(person.pk)

    def leave(self, mini_conference, speakers):
        change = self.change_of(mini_conference)
        for speaker in speakers:
            if speaker.person_id in self.speakers[mini_conference.pk]:
                change.removed.append(str(speaker.person))
                self.speakers[mini_conference.pk].discard(speaker.person_id)

    def result(self):
        changed = [change for change in self.changes.values() if change]
        seats = MiniConference.objects.with_seats().in_bulk([c.mini_conference.pk for c in changed])
        for change in changed:
            counted = seats[change.mini_conference.pk]
            change.confirmed_seats, change.waiting_seats = (
                counted.confirmed_seats,
                counted.waiting_seats,
            )
        return changed


def plan(decisions):
    """The mini-conferences that accepting each (proposal, target) in turn would change."""
    planner = Planner()
    for proposal, target in decisions:
        planner.accept(proposal, target)
    return planner.result()


def fingerprint(changes):
    """A short digest of a plan: the confirmation page carries it, so that a plan confirmed
    after someone else changed the programme is shown again rather than applied unseen."""
    text = json.dumps([change.summary() for change in changes], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
