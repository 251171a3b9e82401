"""The summary that speakers and challenge owners receive of their own sessions' results.

People in the programme (programme.Person) have no email address in the site: the results page
lists, for each, a private link that the organisers pass on. The link is signed
(django.core.signing) with the person and the edition, so it needs no account, cannot be
guessed, and leads to their sessions only: the sessions and mini-conferences where they speak,
and for a challenge owner the challenge work sessions (their answers are not split by
challenge). The threshold applies as on the results page: a small group shows nothing.
"""

from collections import defaultdict

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from programme.models import Challenge, Edition, MiniConference, Person, Session, SessionKind

from . import results

SALT = "evaluations.summary"


def signed(person, edition):
    return signing.dumps([person.pk, edition.pk], salt=SALT)


def summary_path(person, edition):
    return reverse("evaluations:summary", kwargs={"signed": signed(person, edition)})


def keys_by_person(edition):
    """Person pk -> the keys of the results groups that are theirs (results.GroupResult.key),
    in four queries whatever the size of the programme."""
    keys = defaultdict(set)
    sessions = Session.speakers.through.objects.filter(session__day__edition=edition)
    for session, person in sessions.values_list("session_id", "person_id"):
        keys[person].add((session, None))
    minis = MiniConference.speakers.through.objects.filter(
        miniconference__slot__day__edition=edition
    )
    for mc, slot, person in minis.values_list(
        "miniconference_id", "miniconference__slot_id", "person_id"
    ):
        keys[person].add((slot, mc))
    owners = Challenge.objects.of_edition(edition).exclude(owner=None)
    owners = set(owners.values_list("owner_id", flat=True))
    if owners:
        steps = Session.objects.of_edition(edition).filter(kind=SessionKind.CHALLENGE_STEP)
        step_keys = {(pk, None) for pk in steps.values_list("pk", flat=True)}
        for person in owners:
            keys[person] |= step_keys
    return keys


def people(edition):
    """(person, path of their summary), by name, for the results page."""
    keys = keys_by_person(edition)
    found = Person.objects.filter(pk__in=keys).order_by("last_name", "first_name", "pk")
    return [(person, summary_path(person, edition)) for person in found]


def person_and_edition(value):
    try:
        person_pk, edition_pk = signing.loads(value, salt=SALT)
        return Person.objects.get(pk=person_pk), Edition.objects.get(pk=edition_pk)
    except (signing.BadSignature, ValueError, TypeError, Person.DoesNotExist, Edition.DoesNotExist):
        raise Http404(_("Ce lien de résumé n’est pas ou plus valable.")) from None


@never_cache
def summary_page(request, signed):
    person, edition = person_and_edition(signed)
    keys = keys_by_person(edition).get(person.pk, set())
    groups = [
        group
        for group in results.computed(edition)
        if group.key in keys and group.scope == "session"
    ]
    context = {
        "person": person,
        "edition": edition,
        "groups": groups,
        "minimum": settings.EVALUATION_MIN_ANSWERS,
        "chart_width": results.WIDTH,
        "label_width": results.LABELS,
    }
    return render(request, "evaluations/summary.html", context)
