"""« Recevoir à nouveau mon lien »: the page records the address, the mail worker answers.

Looking the address up during the request would let anyone learn whether it is registered from
the time of the answer alone: a registered address costs a language update and the rendering of
an email that an unknown one does not (11 ms against 25 ms, measured from outside). So the page
does the same work whatever the address — one row written — and answers at once; the worker,
at its next pass, sends the personal link to a registered address and nothing to any other.
This is what OWASP's advice on « forgotten password » forms comes to: the same message, in the
same time, by handling the request asynchronously.

Nothing goes to an address that is not registered: it never asked the site for anything (the
page may have been filled in by anyone), and the page already says to check the address typed.
"""

import logging

from django.db import transaction

from . import services
from .models import LinkRequest, Registration

logger = logging.getLogger(__name__)

# Requests answered in one pass, at most: a burst never holds the emails behind it for long.
BATCH = 200


def request_link(*, edition, email, language):
    """Record that `email` asked for its personal link: one INSERT, whatever the address."""
    LinkRequest.objects.create(edition=edition, email=email, language=language)


def send_requested_links():
    """The mail worker's task at each pass: answer the pending requests, oldest first, and
    forget them. Side effects: a registered address gets its confirmation email again (queued,
    sent in the same pass) and the language of the page it asked from becomes its own; a
    request that fails is logged and dropped (asking again is one click)."""
    with transaction.atomic():
        # skip_locked: two workers passing at once never answer one request twice.
        pending = LinkRequest.objects.select_for_update(skip_locked=True).order_by("pk")
        pending = list(pending.select_related("edition")[:BATCH])
        for link_request in pending:
            try:
                with transaction.atomic():
                    answer(link_request)
            except Exception:
                logger.exception("Demande de lien personnel %s non traitée", link_request.pk)
        LinkRequest.objects.filter(pk__in=[r.pk for r in pending]).delete()
    return len(pending)


def answer(link_request):
    registration = (
        Registration.objects.active()
        .of_edition(link_request.edition)
        .filter(email__iexact=link_request.email)
        .first()
    )
    if registration is None:
        return
    # Asking again is the participant's latest word on their language.
    if registration.language != link_request.language:
        registration.language = link_request.language
        registration.save(update_fields=["language"])
    services.send_confirmation(registration=registration)
