"""A copy of the programme to try the site on: dates a few weeks ahead, registration open.

On a fresh clone, the shipped edition has long been over and its registration closed: nobody
could try the sign-up, the personal link, the waiting list or the organisers' tools without
editing dates by hand. The trial copy (programme/copying.py) is the same programme a few weeks
ahead, published, so the site shows it (the latest published edition is the current one),
with registration open until the eve of its first day. The edition it copies is not touched.

There is only ever one trial copy, found by its identifier: preparing it again reopens it, or,
once its dates have come, replaces it (with whatever was tried on it) by a copy further ahead.
"""

import contextlib
import datetime
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import clock
from .copying import copy_edition
from .models import Challenge, Edition
from .organisers import ORGANISER_GROUP

TRIAL_SLUG = "essai"
WEEKS_AHEAD = 4
DEMO_ORGANISER = {
    "username": "organisation.essai@example.org",
    "email": "organisation.essai@example.org",
    "first_name": "Camille",
    "last_name": "Essai",
}


def trial_first_day(source, today):
    """A few weeks ahead, on the source's weekday: a programme written for a Monday stays on
    a Monday (its texts may say « lundi soir »)."""
    day = today + datetime.timedelta(weeks=WEEKS_AHEAD)
    return day + datetime.timedelta(days=(source.start_date.weekday() - day.weekday()) % 7)


def trial_title(source):
    """The source's title, marked: every page and email of the copy says it is one."""
    title = _("%(title)s (copie d’essai)") % {"title": source.title}
    return title[: Edition._meta.get_field("title").max_length]


def default_source():
    """The latest published edition that is not the trial copy itself."""
    editions = Edition.objects.published().exclude(slug=TRIAL_SLUG)
    return editions.order_by("-start_date", "pk").first()


def registration_closes_at(edition):
    """The eve of the first day, 23 h 59, in the site's time zone."""
    eve = edition.start_date - datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(eve, datetime.time(23, 59)))


@transaction.atomic
def prepare_trial(*, source=None):
    """The trial copy, made or refreshed, and whether it was made now.

    Side effects: creates the copy (published, registration open) if there is none; replaces
    it if its registration can no longer be open (its registrations are deleted with it);
    otherwise reopens its registration. The source edition is left as it is."""
    now = clock.now()
    trial = Edition.objects.filter(slug=TRIAL_SLUG).first()
    if trial is not None and registration_closes_at(trial) <= now:
        discard(trial)
        trial = None
    created = trial is None
    if created:
        source = source or default_source()
        if source is None:
            return None, False
        first_day = trial_first_day(source, timezone.localdate(now))
        trial = copy_edition(
            source,
            first_day=first_day,
            name=trial_title(source),
            slug=TRIAL_SLUG,
            number=source.number,
        )
    open_registration(trial, now)
    return trial, created


def open_registration(trial, now):
    opens = trial.registration_opens_at
    trial.registration_opens_at = opens if opens is not None and opens <= now else now
    trial.registration_closes_at = registration_closes_at(trial)
    trial.is_published = True
    trial.full_clean()
    trial.save(update_fields=["registration_opens_at", "registration_closes_at", "is_published"])


def discard(trial):
    """Delete the trial copy and all that was tried on it. Unpublished first: removing its
    sessions is no programme change to log or to tell anybody about."""
    Edition.objects.filter(pk=trial.pk).update(is_published=False)
    trial.is_published = False
    # Registrations protect their edition, and proposals and challenges its themes: they go
    # first, with what hangs on them (seats, preferences, teams, reviews).
    trial.registrations.all().delete()
    with contextlib.suppress(ObjectDoesNotExist):  # an edition may have no call
        trial.call.delete()
    Challenge.objects.of_edition(trial).delete()
    trial.delete()


def demo_organiser():
    """An organiser's account to try the organisers' tools with, and its password: a new
    random one at each call (only its hash is stored, so it cannot be shown again)."""
    password = secrets.token_urlsafe(12)
    user, _ = get_user_model().objects.get_or_create(
        username=DEMO_ORGANISER["username"], defaults=DEMO_ORGANISER
    )
    user.is_staff = True
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=ORGANISER_GROUP))
    return user, password
