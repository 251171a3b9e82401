"""Generated bodies posted to every public form: whatever arrives, an answer, never a 500.

For each form, Hypothesis builds EXAMPLES bodies: the form's own field names and others, the
valid values and odd ids, any unicode, control characters, bytes that are not UTF-8, huge
values, repeated and missing keys, broken encodings, often starting from a valid body so that
the deeper paths (saving, the services) are reached too. The test client raises what a view
raises, so any exception fails the example as a 500 would; Hypothesis then shrinks it to the
smallest body that fails and prints it.

Each example runs in a savepoint that is rolled back: every body meets the same data (the
registration a cancellation cancels is there again for the next one), and with derandomize
the bodies are the same at every run, on every machine.
"""

import datetime
import os
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote_plus

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programme.models import Edition, Session
from registrations import attendance
from tests import factories

# 1,000 per form is the rule, met on SQLite; a quick local run may ask for fewer (the page
# renders are most of the time: about 5 minutes of CPU for the ten forms). On PostgreSQL, which
# CI runs the whole suite on as well, a quarter of them: they are there for what PostgreSQL
# alone refuses (NUL bytes, out-of-range integers), which the same strategies reach early.
DEFAULT_EXAMPLES = "250" if connection.vendor == "postgresql" else "1000"
EXAMPLES = int(os.environ.get("GENERATED_INPUT_EXAMPLES", DEFAULT_EXAMPLES))
GENERATED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PASSWORD = "Un-mot-de-passe-long"

# Ids no checkbox sends, numbers beyond 64 bits, and words where a number is expected.
ODD_IDS = ["²", "①", "--5", "٣", "١٢", "99999999999999999999", "-1", "0", "1e3", "0x1f"]
ODD_IDS += ["1.0", " 1 ", "", " ", "NaN", "None", "[]", "on", "true", "2030-02-30"]
# Control and format characters, markup, template and formula syntax, odd letters.
ODD_TEXT = ["\x00", "Du\x0cpont", "\x1b[31m", "\x7f\x85\x9f", "\r\n", "\t", "\u202eabc"]
ODD_TEXT += ["\ufeff", "\ufffe", "\u2028", "<script>alert(1)</script>", "{{ x }}", "{% x %}"]
ODD_TEXT += ["=1+1", "'; DROP TABLE x; --", "../../etc/passwd", "İı", "ﬁ", "𝟙", "🎉" * 5, "a@b"]
# Beyond every max_length of the forms (the longest: the summary, 3,000 characters).
HUGE = ["x" * 3001, "é" * 1200, "9" * 400, "\x0c" * 300, "<b>" * 400, "a@" + "b" * 300 + ".fr"]
# Names any form may meet: Django's own, the honeypot, formset management, admin buttons.
ODD_NAMES = ["csrfmiddlewaretoken", "website", "next", "_save", "this_is_the_login_form"]
ODD_NAMES += ["speakers-TOTAL_FORMS", "speakers-INITIAL_FORMS", "speakers-9-title", "", "="]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-8",
    "application/x-www-form-urlencoded; charset=iso-8859-1",
    "application/x-www-form-urlencoded; charset=nope",
    "text/plain",
]
# Broken or odd encodings appended to a body, as a hand-made request may carry them.
TAILS = ["", "", "", "&", "&&=", "%zz", "%", "=&=", "a=%ff%fe", ";x=1", "+=+", "%00=%00"]


@dataclass
class Form:
    """A form: where it posts, the names and values of a valid body, who posts it."""

    url: str
    valid: list
    values: list = field(default_factory=list)
    client: Client = None

    @property
    def names(self):
        return sorted({name for name, _value in self.valid})


def odd_values(valid):
    # Mostly picked from lists: drawing long or rare strings character by character would
    # cost more than the request it is for.
    return st.one_of(
        st.sampled_from(valid + ODD_IDS + ODD_TEXT + HUGE),
        st.text(max_size=16),
        st.binary(max_size=8),  # Percent-encoded as they are: often not UTF-8.
    )


def encode(pairs):
    return "&".join(f"{quote_plus(name)}={quote_plus(value)}" for name, value in pairs)


@st.composite
def bodies(draw, form):
    pairs = list(form.valid) if draw(st.booleans()) else []
    names = st.one_of(st.sampled_from(form.names + ODD_NAMES), st.text(max_size=8))
    changes = st.lists(st.tuples(names, odd_values(form.values)), max_size=8)
    for name, value in draw(changes):
        action = draw(st.sampled_from(["replace", "add", "drop"]))
        kept = [(n, v) for n, v in pairs if n != name] if action != "add" else pairs
        pairs = kept if action == "drop" else [*kept, (name, value)]
    return encode(pairs) + draw(st.sampled_from(TAILS)), draw(st.sampled_from(CONTENT_TYPES))


@pytest.fixture
def world(db, settings):
    """An edition open for registration and for proposals, with something to choose."""
    settings.REGISTRATION_RATE_LIMIT = {**settings.REGISTRATION_RATE_LIMIT, "requests": 10**9}
    # The admin login as in production, with its brute-force lock (rolled back per example).
    settings.AXES_ENABLED = True
    now = timezone.now()
    edition = factories.edition_with_half_days(
        registration_opens_at=now - datetime.timedelta(days=1),
        registration_closes_at=now + datetime.timedelta(days=30),
        contact_email="contact@example.org",
    )
    slot = Session.objects.of_edition(edition).get(kind="mini_conferences")
    minis = [factories.MiniConferenceFactory(slot=slot, number=n, capacity=2) for n in (1, 2)]
    challenges = factories.ChallengeFactory.create_batch(4, edition=edition)
    call = factories.CallFactory(edition=edition)
    proposal = factories.ProposalFactory(call=call, theme=minis[0])
    factories.SpeakerFactory(proposal=proposal, order=0)
    registration = factories.RegistrationFactory(edition=edition)
    factories.SeatFactory(registration=registration, mini_conference=minis[0])
    get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
    return {
        "edition": edition,
        "minis": minis,
        "challenges": challenges,
        "meals": list(Session.objects.of_edition(edition).meals()),
        "proposal": proposal,
        "registration": registration,
    }


def ids(objects):
    return [str(o.pk) for o in objects]


def choice_pairs(w):
    return [
        ("mini_conference", str(w["minis"][1].pk)),
        ("join_waiting_list", "on"),
        *[(f"challenge_{rank}", str(w["challenges"][rank - 1].pk)) for rank in (1, 2, 3)],
        *[("meals", pk) for pk in ids(w["meals"])],
    ]


def signup(w):
    person = [("first_name", "Camille"), ("last_name", "Bernard"), ("country", "France")]
    person += [("email", "camille@example.org"), ("employer", "Ville de Mâcon")]
    person += [("category", "trainee"), ("civil_service_category", "A"), ("consent", "on")]
    person += [("job_title", "Cheffe"), ("cadre_emplois", "Attachés"), ("dietary_needs", "")]
    person += [("accessibility_needs", ""), ("public_listing", "on")]
    values = ["trainee", "guest", "A", "C", *ids(w["minis"]), *ids(w["challenges"])]
    return Form(reverse("registrations:signup"), person + choice_pairs(w), values)


def personal(name):
    def build(w):
        url = reverse(f"registrations:{name}", args=[w["registration"].token])
        values = [*ids(w["minis"]), *ids(w["challenges"]), *ids(w["meals"])]
        return Form(url, choice_pairs(w) if name == "change" else [("confirm", "1")], values)

    return build


def resend(w):
    return Form(reverse("registrations:resend"), [("email", w["registration"].email)])


def proposal_pairs(w, *, speakers):
    pairs = [("title", "Ouvrir les données"), ("summary", "Deux ans."), ("format", "talk")]
    pairs += [("theme", str(w["minis"][0].pk)), ("email", "camille@example.org")]
    pairs += [("speakers-TOTAL_FORMS", "3"), ("speakers-INITIAL_FORMS", str(speakers))]
    pairs += [("speakers-MIN_NUM_FORMS", "1"), ("speakers-MAX_NUM_FORMS", "3")]
    for index in range(3):
        for name in ("first_name", "last_name", "organisation", "job_title", "biography"):
            pairs.append((f"speakers-{index}-{name}", "Camille" if index == 0 else ""))
    return pairs


def proposal_submit(w):
    pairs = [*proposal_pairs(w, speakers=0), ("consent", "on")]
    return Form(reverse("proposals:submit"), pairs, ["talk", "experience", *ids(w["minis"])])


def proposal_edit(w):
    url = reverse("proposals:edit", args=[w["proposal"].token])
    pairs = [*proposal_pairs(w, speakers=1), ("speakers-0-DELETE", "")]
    return Form(url, pairs, ["talk", "experience", "on", *ids(w["minis"])])


def proposal_withdraw(w):
    return Form(reverse("proposals:withdraw", args=[w["proposal"].token]), [("confirm", "1")])


def presences(w):
    half_day = attendance.half_days(Edition.objects.get())[0]
    url = reverse(
        "registrations-staff:attendance-half-day", args=[half_day.day.date, half_day.slug]
    )
    staff = Client()
    staff.force_login(get_user_model().objects.get())
    return Form(url, [("present", str(w["registration"].pk))], client=staff)


def admin_login(w):
    pairs = [("username", "admin"), ("password", PASSWORD), ("next", "/admin/")]
    return Form(reverse("admin:login"), pairs, ["admin", PASSWORD, "//evil.example/", "/"])


FORMS = {
    "signup": signup,
    "change": personal("change"),
    "cancel": personal("cancel"),
    "delete": personal("delete"),
    "resend": resend,
    "proposal-submit": proposal_submit,
    "proposal-edit": proposal_edit,
    "proposal-withdraw": proposal_withdraw,
    "attendance": presences,
    "admin-login": admin_login,
}


@pytest.mark.parametrize("name", FORMS)
def test_generated_bodies_never_give_a_server_error(world, name):
    form = FORMS[name](world)
    client = form.client or Client()
    statuses = Counter()

    @GENERATED
    @given(bodies(form))
    def post(generated):
        body, content_type = generated
        cache.clear()  # Nothing one example leaves in the cache reaches the next.
        with transaction.atomic():
            # generic(): post() would re-encode the body into the charset named.
            response = client.generic("POST", form.url, body, content_type=content_type)
            transaction.set_rollback(True)
        statuses[response.status_code] += 1
        assert response.status_code < 500, body

    post()

    # Valid bodies, among the others, went through: the deep paths were reached.
    assert sum(statuses.values()) >= EXAMPLES
    assert set(statuses) & {200, 302}
    assert max(statuses) < 500
