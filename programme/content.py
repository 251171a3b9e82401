"""The site's content version: one number that changes, once per committed transaction,
whenever something public pages show is saved or deleted.

Everything that depends on "has the public content changed?" reads this one value: the page
cache (programme/pagecache.py) keeps pages under it, exports give its date as Last-Modified,
pages carry it for the offline copy's staleness notice. Seats are deliberately not content:
the pages that show them are not cached, so a sign-up leaves every cached page as it was.
"""

import logging
import threading
from functools import partial
from typing import NamedTuple

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import clock

logger = logging.getLogger(__name__)
KEY = "content-version"
# What public pages show: apps whose every model is content, and single models.
CONTENT = ("programme", "teams", "proposals.Call")
_tickets = threading.local()


class Version(NamedTuple):
    """What the cache keeps of ContentVersion: a plain pair, quick to read at every hit."""

    number: int
    changed_at: object


def current():
    """The version (its number and date): one cache read, or the database if the cache lost it."""
    try:
        version = cache.get(KEY)
    except Exception:  # an unreachable cache slows the site down, never takes it down
        logger.exception("Cache unavailable: content version read from the database.")
        return _stored()
    if version is None:
        version = _stored()
        cache.add(KEY, version, None)
    return version


def _stored():
    from .models import ContentVersion

    # Made by migration; made again here if a database was emptied since.
    row, _ = ContentVersion.objects.get_or_create(pk=1, defaults={"changed_at": clock.now()})
    return Version(row.number, row.changed_at)


def changed():
    """Public content changed: a new version when the current transaction commits (at once
    outside a transaction). However many saves a transaction makes, it is numbered once."""
    _tickets.issued = getattr(_tickets, "issued", 0) + 1
    transaction.on_commit(partial(_publish, _tickets.issued), robust=True)


def _publish(ticket):
    # A transaction's callbacks all run at its commit, in order, in this thread: the first one
    # publishes for every ticket issued so far, the others find themselves covered.
    if ticket <= getattr(_tickets, "published", 0):
        return
    _tickets.published = _tickets.issued
    cache.set(KEY, _next_version(), None)


def _next_version():
    from .models import ContentVersion

    _stored()
    # F(): the database numbers concurrent commits one after the other, never twice the same.
    rows = ContentVersion.objects.filter(pk=1)
    rows.update(number=F("number") + 1, changed_at=clock.now())
    return Version(*rows.values_list("number", "changed_at").get())


def _on_save_or_delete(sender, raw=False, **kwargs):
    # Fixtures and restored backups (raw) bring their own version; load_programme calls
    # changed() itself once its files are in.
    if not raw:
        changed()


def content_models():
    from .models import ContentVersion

    for label in CONTENT:
        if "." in label:
            yield apps.get_model(label)
        else:
            # The version itself is not content: numbering it would number it again.
            yield from (
                m for m in apps.get_app_config(label).get_models() if m is not ContentVersion
            )


def connect():
    for model in content_models():
        uid = f"content-{model._meta.label_lower}"
        post_save.connect(_on_save_or_delete, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_save_or_delete, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_on_save_or_delete, sender=through, dispatch_uid=f"{uid}-{field}")
