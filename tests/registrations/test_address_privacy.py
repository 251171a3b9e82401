"""Whether an address is registered cannot be learned from the sign-up or the resend page:
the same answer, and the same work done in the request, for an address known or not."""

import html
import re

import pytest
from django.core import mail
from django.db import connection
from django.forms.models import model_to_dict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from post_office.models import STATUS, Email

from registrations import link_requests
from registrations.models import LinkRequest, Registration

SIGNUP = reverse("registrations:signup")
RESEND = reverse("registrations:resend")
REGISTERED = "camille.bernard@example.org"
UNKNOWN = "dominique.roux@example.org"
# As typed by someone trying the address: the rule ignores case.
ADDRESSES = {"registered": "Camille.BERNARD@example.org", "unknown": UNKNOWN}


@pytest.fixture
def existing(register, meals):
    """The registration holding REGISTERED, in English, with a meal and its choices."""
    return register(data={"email": REGISTERED, "language": "en"}, meals=meals[:1])


def state(registration):
    """Everything a sign-up could change about a registration."""
    registration = Registration.objects.get(pk=registration.pk)
    return {
        **model_to_dict(registration, exclude=["meals"]),
        "updated_at": registration.updated_at,
        "meals": list(registration.meals.values_list("pk", flat=True)),
        "seat": (registration.seat.mini_conference_id, registration.seat.status),
        "preferences": list(registration.challenge_preferences.values_list("rank", "challenge")),
    }


def page(response, typed):
    """What a response shows, apart from the per-response CSRF token and the address typed."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    body = html.unescape(body)
    return body.replace(typed, "ADRESSE").replace(typed.lower(), "ADRESSE")


def answer(client, response, typed):
    """Status, redirect, templates and page; for a redirect, those of the page it leads to."""
    followed = client.get(response["Location"]) if response.status_code == 302 else response
    return (
        response.status_code,
        response.get("Location"),
        [t.name for t in followed.templates],
        page(followed, typed),
    )


def sign_up(signup_data, typed, **fields):
    client = Client()
    return client, client.post(SIGNUP, signup_data(email=typed, **fields))


def test_signup_with_a_registered_address_answers_as_a_new_signup(existing, signup_data, committed):
    before = state(existing)

    with committed():
        answers = {
            case: answer(*sign_up(signup_data, typed), typed) for case, typed in ADDRESSES.items()
        }

    assert answers["registered"] == answers["unknown"]
    status, location, _templates, done = answers["registered"]
    assert (status, location) == (302, reverse("registrations:done"))
    assert "Un courriel avec votre lien personnel va être envoyé à ADRESSE." in done
    new = Registration.objects.get(email=UNKNOWN)
    assert existing.token not in done and new.token not in done
    assert state(existing) == before
    assert Registration.objects.count() == 2


def test_signup_with_a_registered_address_emails_its_owner_their_link(
    existing, signup_data, committed
):
    with committed():
        sign_up(signup_data, ADDRESSES["registered"])

    # In the language of the person registered, not of whoever typed their address.
    [message] = mail.outbox
    assert message.to == [REGISTERED]
    assert message.subject.startswith("Your registration already exists")
    assert "Someone — perhaps you — tried to register you again" in message.body
    assert existing.get_absolute_url() in message.body


@pytest.mark.parametrize(
    "fields",
    [{"consent": None}, {"first_name": "", "consent": None}, {"challenge_2": ""}],
    ids=["no-consent", "no-consent-nor-name", "missing-challenge"],
)
def test_form_errors_are_the_same_for_any_address(existing, signup_data, fields):
    answers = {
        case: answer(*sign_up(signup_data, typed, **fields), typed)
        for case, typed in ADDRESSES.items()
    }

    assert answers["registered"] == answers["unknown"]
    assert answers["registered"][0] == 200
    assert "Une inscription existe déjà" not in answers["registered"][3]
    assert mail.outbox == []


def test_a_full_mini_conference_refuses_any_address_alike(
    existing, register, signup_data, mini_conferences
):
    full = mini_conferences[0]
    register(mini_conference=full)  # With `existing`, its two places are taken.

    answers = {
        case: answer(*sign_up(signup_data, typed, mini_conference=full.pk), typed)
        for case, typed in ADDRESSES.items()
    }

    assert answers["registered"] == answers["unknown"]
    assert "Cette mini-conférence est complète" in answers["registered"][3]
    assert mail.outbox == []


@pytest.mark.parametrize("case", ADDRESSES)
def test_signup_answers_without_waiting_for_the_mail_server(
    existing, signup_data, queued, committed, case
):
    with committed():
        _client, response = sign_up(signup_data, ADDRESSES[case])

    # Queued in both cases, sent by the worker later: the mail server never times the answer.
    assert response.status_code == 302
    assert mail.outbox == []
    to = REGISTERED if case == "registered" else UNKNOWN
    assert [(e.to, e.status) for e in Email.objects.all()] == [([to], STATUS.queued)]


def post_resend(typed):
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(RESEND, {"email": typed})
    # The statements, without the values they carry.
    statements = [re.sub(r"'[^']*'|\b\d+\b", "?", q["sql"]) for q in queries.captured_queries]
    return answer(client, response, typed), statements


def test_resend_does_the_same_work_for_a_registered_address_and_an_unknown_one(existing):
    before = state(existing)
    Client().get(RESEND)  # The edition and the content version read into the cache first.

    (known, known_sql), (unknown, unknown_sql) = (
        post_resend(ADDRESSES[case]) for case in ("registered", "unknown")
    )

    assert known == unknown
    assert known[0] == 200
    assert "Si une inscription existe pour cette adresse" in known[3]
    # The same statements, so the same time: nothing is looked up nor sent during the request.
    assert known_sql == unknown_sql
    assert not [sql for sql in known_sql if '"registrations_registration"' in sql]
    assert [sql.split()[0] for sql in known_sql] == ["SELECT", "INSERT"]  # edition, request
    assert Email.objects.count() == 0
    assert LinkRequest.objects.count() == 2
    assert state(existing) == before


def test_the_worker_sends_the_link_to_a_registered_address_only(existing, client):
    client.get("/langue/fr/")
    for typed in ADDRESSES.values():
        client.post(RESEND, {"email": typed})

    assert link_requests.send_requested_links() == 2

    [message] = mail.outbox
    assert message.to == [REGISTERED]
    assert existing.get_absolute_url() in message.body
    # Asked for from the French page: the language of their emails from now on.
    assert message.subject.startswith("Votre inscription")
    assert Registration.objects.get(pk=existing.pk).language == "fr"
    assert LinkRequest.objects.count() == 0


def test_a_request_that_fails_does_not_hold_the_others(existing, register, client, monkeypatch):
    other = register(data={"email": "alix@example.org"})
    real = link_requests.services.send_confirmation

    def fail_for_existing(*, registration, request=None):
        if registration.pk == existing.pk:
            raise RuntimeError("gabarit cassé")
        real(registration=registration, request=request)

    monkeypatch.setattr(link_requests.services, "send_confirmation", fail_for_existing)
    for typed in (REGISTERED, other.email):
        client.post(RESEND, {"email": typed})

    link_requests.send_requested_links()

    assert [m.to for m in mail.outbox] == [[other.email]]
    assert LinkRequest.objects.count() == 0
