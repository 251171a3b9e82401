"""What erasing or anonymising people does beyond their registrations' rows: the other places
that repeat their names or addresses.

- The admin's history (« Actions récentes »): the label of each entry about the registration
  or an object attached to it (seat, presences, team memberships…), and any other entry whose
  label or message names the person — a change made through an inline is logged against the
  parent with the child's label, e.g. a team's « Camille Bernard — Équipe 3 ».
- The queue's copies of emails: those to the person go; those to others that name the person
  (the team emails list every member) have the name replaced.

The site's own logs hold neither names nor addresses (personal links are masked there:
clunyevent/logs.py), so there is nothing to rewrite in them.
"""

import json
import re
from collections import defaultdict

from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import NestedObjects
from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.db.models import Q

from mailqueue.services import forget_addresses, redact

from .models import Registration, RegistrationChange

ANONYMOUS = "Anonyme"
# Registrations handled per query: each brings a few OR terms, and SQLite refuses a WHERE
# deeper than 1,000 terms.
CHUNK = 20
SHORTEST_MENTION = 3


def forget(registrations, *, emails_before=None):
    """Rewrite the admin's history and the emails queued about `registrations`, and delete the
    emails to their addresses (created before `emails_before`, if given).

    Call it before the rows are deleted or neutralised: it reads the names they hold.
    """
    registrations = list(registrations)
    forgotten = {registration.pk for registration in registrations}
    for start in range(0, len(registrations), CHUNK):
        chunk = registrations[start : start + CHUNK]
        texts = set().union(*(mentions(registration) for registration in chunk))
        pattern = as_pattern(texts)
        for entry in attached_entries(chunk):
            entry.object_repr = ANONYMOUS
            scrub(entry, pattern)
        for entry in entries_naming(texts, forgotten):
            scrub(entry, pattern)
        redact(texts, replacement=ANONYMOUS, created_before=emails_before)
    # The corrections hold earlier names and needs: read above for the mentions, gone now.
    RegistrationChange.objects.filter(registration__in=forgotten).delete()
    forget_addresses([r.email for r in registrations], created_before=emails_before)


def mentions(registration):
    """How the history and emails name the person: « Prénom Nom », with the employer as the
    team emails write it, the address, and the labels the admin logged under earlier names."""
    name = str(registration)
    texts = {name, f"{name} ({registration.employer})", registration.email}
    texts |= set(
        entries_about(Registration, [registration.pk]).values_list("object_repr", flat=True)
    )
    texts |= earlier_names(registration)
    return {text for text in texts if len(text.strip()) >= SHORTEST_MENTION}


def earlier_names(registration):
    """« Prénom Nom » under the names the person had before correcting them."""
    history = RegistrationChange.objects.filter(registration=registration)
    first = {registration.first_name} | {c.old for c in history if c.field == "first_name"}
    last = {registration.last_name} | {c.old for c in history if c.field == "last_name"}
    return {f"{f} {la}" for f in first for la in last}


def as_pattern(texts):
    # Longest first: « Camille Bernard (Ville de Mâcon) » goes whole, not just its name.
    alternatives = sorted(texts, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, alternatives)), re.IGNORECASE)


def entries_about(model, pks):
    content_type = ContentType.objects.get_for_model(model)
    return LogEntry.objects.filter(content_type=content_type, object_id__in=[str(pk) for pk in pks])


def attached_entries(registrations):
    """The entries about the registrations and about every object deleting them would delete."""
    collector = NestedObjects(using=router.db_for_write(Registration))
    collector.collect(registrations)
    about = Q(pk__in=[])
    for model, instances in collector.data.items():
        about |= Q(pk__in=entries_about(model, [instance.pk for instance in instances]))
    return list(LogEntry.objects.filter(about))


def entries_naming(texts, forgotten):
    """Other entries whose label or message holds a mention, except those about someone else
    of the same name (a namesake, or the same person registered to another edition)."""
    named = Q(pk__in=[])
    for text in texts:
        # The messages are JSON, where « Mâcon » is written « M\u00e2con ».
        for form in {text, json.dumps(text)[1:-1]}:
            named |= Q(object_repr__icontains=form) | Q(change_message__icontains=form)
    entries = list(LogEntry.objects.filter(named))
    kept = someone_elses(entries, forgotten)
    return [e for e in entries if (e.content_type_id, e.object_id) not in kept]


def someone_elses(entries, forgotten):
    """(content type, object id) of the entries about a registration not being forgotten, or
    about an object still attached to one."""
    ids_by_type = defaultdict(set)
    for entry in entries:
        if entry.content_type_id and entry.object_id.isdigit():
            ids_by_type[entry.content_type_id].add(int(entry.object_id))
    kept = set()
    for type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        owner = "pk" if model is Registration else owner_field(model)
        if owner is None:
            continue
        rows = model._default_manager.filter(pk__in=ids).values_list("pk", owner)
        kept |= {(type_id, str(pk)) for pk, whose in rows if whose not in forgotten}
    return kept


def owner_field(model):
    """The name of the model's foreign key to Registration, if it has one."""
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is Registration:
            return field.attname
    return None


def scrub(entry, pattern):
    entry.object_repr = pattern.sub(ANONYMOUS, entry.object_repr)
    entry.change_message = scrub_message(entry.change_message, pattern)
    entry.save(update_fields=["object_repr", "change_message"])


def scrub_message(message, pattern):
    """The message with every mention replaced: inside the JSON the admin writes, or as
    plain text (older entries, or entries other code logged)."""
    try:
        data = json.loads(message)
    except ValueError:
        return pattern.sub(ANONYMOUS, message)
    return json.dumps(scrub_values(data, pattern))


def scrub_values(data, pattern):
    if isinstance(data, str):
        return pattern.sub(ANONYMOUS, data)
    if isinstance(data, list):
        return [scrub_values(item, pattern) for item in data]
    if isinstance(data, dict):
        return {key: scrub_values(value, pattern) for key, value in data.items()}
    return data
