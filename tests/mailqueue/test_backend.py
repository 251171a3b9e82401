"""The site's EMAIL_BACKEND: every message goes into the queue as it was written."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from post_office.models import STATUS, Email

from mailqueue import services
from tests import factories


def test_a_message_is_queued_not_sent(queued, db):
    EmailMessage("Objet", "Texte", to=["camille@example.org"], reply_to=["contact@cnfpt.fr"]).send()

    email = Email.objects.get()
    assert (email.to, email.subject, email.message, email.status) == (
        ["camille@example.org"],
        "Objet",
        "Texte",
        STATUS.queued,
    )
    assert email.headers == {"Reply-To": "contact@cnfpt.fr"}
    assert mail.outbox == []


@pytest.mark.parametrize(
    "typed", ["{{ settings.SECRET_KEY }}", "{% load static %}{% bad", "{# caché #}", "{{{x}}}"]
)
def test_what_people_type_is_sent_as_typed_never_as_a_template(db, typed):
    EmailMessage(f"Proposition {typed}", f"Titre : {typed}", to=["camille@example.org"]).send()

    (message,) = mail.outbox
    assert (message.subject, message.body) == (f"Proposition {typed}", f"Titre : {typed}")
    assert Email.objects.get().status == STATUS.sent


def test_attachments_are_refused_rather_than_dropped(db):
    message = EmailMessage("Objet", "Texte", to=["camille@example.org"])
    message.attach("programme.txt", "contenu", "text/plain")

    with pytest.raises(ValueError, match="pièces jointes"):
        message.send()
    assert Email.objects.count() == 0


def test_forgetting_an_address_deletes_its_messages_and_their_logs(db):
    kept = factories.EmailFactory(to=["autre@example.org"])
    gone = factories.EmailFactory(to=["camille@example.org"])
    gone.logs.create(status=STATUS.sent, message="")

    services.forget_addresses(["camille@example.org"])

    assert list(Email.objects.all()) == [kept]
