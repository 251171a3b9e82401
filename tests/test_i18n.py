"""The English interface: every public page in English with no French interface string left,
a complete and compiled catalogue, a language switch that is remembered, French by default."""

import datetime
import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.views.defaults import server_error

from programme import formats
from programme.models import Challenge, Day, MiniConference, Session
from programme.typography import typeset_message
from registrations import link_requests, services
from tests import factories
from tests.i18n_checks import (
    CATALOGUE,
    ROOT,
    ReadableText,
    french_left,
    po_entries,
    unfinished,
    unmarked_sentences,
)

FRENCH_CATALOGUE = CATALOGUE.parent.parent / "fr" / "LC_MESSAGES"

SOURCES = [
    "clunyevent",
    "evaluations",
    "mailqueue",
    "programme",
    "proposals",
    "registrations",
    "teams",
    "templates",
]
TEMPLATES = sorted(
    path.relative_to(ROOT)
    for directory in map(Path, settings.TEMPLATES[0]["DIRS"])
    for path in directory.rglob("*")
    if path.suffix in (".html", ".txt")
)


def participant(edition, mini_conference):
    """A registration with something in every part of the personal page."""
    registration = factories.RegistrationFactory(edition=edition, public_listing=True)
    factories.SeatFactory(registration=registration, mini_conference=mini_conference)
    for rank, challenge in enumerate(Challenge.objects.of_edition(edition)[:3], start=1):
        factories.ChallengePreferenceFactory(
            registration=registration, challenge=challenge, rank=rank
        )
    registration.meals.set(Session.objects.of_edition(edition).meals()[:2])
    first_day = Day.objects.filter(edition=edition).order_by("date").first()
    factories.AttendanceFactory(registration=registration, day=first_day, period="afternoon")
    return registration


@pytest.fixture
def world(programme):
    """The shipped programme, open for registration, with one participant, one speaker and
    one proposal."""
    now = timezone.now()
    programme.registration_opens_at = now - datetime.timedelta(days=1)
    programme.registration_closes_at = now + datetime.timedelta(days=30)
    programme.contact_email = "contact@example.org"
    programme.save()
    mini_conference = MiniConference.objects.of_edition(programme).order_by("pk").first()
    mini_conference.speakers.add(factories.PersonFactory(organisation="Ville de Mâcon"))
    session = Session.objects.of_edition(programme).filter(venue__isnull=False).first()
    session.title += " (nouvel intitulé)"
    session.save()  # A published session renamed: the changes page lists it.
    proposal = factories.ProposalFactory(
        call=factories.CallFactory(edition=programme), theme=mini_conference
    )
    factories.SpeakerFactory(proposal=proposal, order=0)
    return {
        "day": session.day,
        "session": session,
        "venue": session.venue,
        "mini_conference": mini_conference,
        "registration": participant(programme, mini_conference),
        "proposal": proposal,
    }


def personal(name):
    return lambda c, w: c.get(reverse(name, args=[w["registration"].token]))


def private(name):
    return lambda c, w: c.get(reverse(name, args=[w["proposal"].token]))


def after(session_key, world_key, name, attribute="token"):
    """A thanks page, shown to the browser that just sent the form."""

    def visit(client, world):
        session = client.session
        session[session_key] = getattr(world[world_key], attribute)
        session.save()
        return client.get(reverse(name))

    return visit


def get(name):
    return lambda c, w: c.get(reverse(name))


PAGES = {
    "home": get("programme:home"),
    "agenda": get("programme:agenda"),
    "day": lambda c, w: c.get(w["day"].get_absolute_url()),
    "session": lambda c, w: c.get(w["session"].get_absolute_url()),
    "venues": get("programme:venue-list"),
    "venue": lambda c, w: c.get(w["venue"].get_absolute_url()),
    "challenges": get("programme:challenge-list"),
    "challenge": lambda c, w: c.get(Challenge.objects.order_by("pk").first().get_absolute_url()),
    "mini-conferences": get("programme:miniconference-list"),
    "mini-conference": lambda c, w: c.get(w["mini_conference"].get_absolute_url()),
    "changes": get("programme:changes"),
    "now": get("programme:now"),
    "screen": get("programme:screen"),
    "venue-screen": lambda c, w: c.get(reverse("programme:venue-screen", args=[w["venue"].slug])),
    "offline": get("offline-page"),
    "accessibility": get("programme:accessibility"),
    "signup": get("registrations:signup"),
    "signup-errors": lambda c, w: c.post(reverse("registrations:signup"), {"email": "x"}),
    "signup-done": after(
        "registrations:signup_email", "registration", "registrations:done", attribute="email"
    ),
    "resend": get("registrations:resend"),
    "resend-sent": lambda c, w: c.post(reverse("registrations:resend"), {"email": "a@b.org"}),
    "privacy": get("registrations:privacy"),
    "participants": get("registrations:public-list"),
    "personal-page": personal("registrations:manage"),
    "change": personal("registrations:change"),
    "cancel": personal("registrations:cancel"),
    "delete": personal("registrations:delete"),
    "personal-agenda": personal("registrations:personal-programme"),
    "certificate": personal("registrations:certificate"),
    "evaluation": personal("evaluations:evaluate"),
    "cancelled": get("registrations:cancelled"),
    "deleted": get("registrations:deleted"),
    "not-found": lambda c, w: c.get("/cette-page-n-existe-pas/"),
    "speakers": get("speakers:list"),
    "proposal-form": get("proposals:submit"),
    "proposal-errors": lambda c, w: c.post(reverse("proposals:submit"), {"title": "x"}),
    "proposal-done": after("proposals:last_token", "proposal", "proposals:done"),
    "proposal": private("proposals:manage"),
    "proposal-edit": private("proposals:edit"),
    "proposal-withdraw": private("proposals:withdraw"),
}


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize("page", PAGES)
def test_page_in_english_leaves_no_french_interface_string(english, world, page):
    response = PAGES[page](english, world)

    assert response.status_code == (404 if page == "not-found" else 200)
    content = response.content.decode()
    assert '<html lang="en"' in content
    assert french_left(content) == []


def test_server_error_page_in_english(rf, db):
    with translation.override("en"):
        content = server_error(rf.get("/")).content.decode()

    assert '<html lang="en"' in content
    assert french_left(content) == []


def test_confirmation_email_in_english(english, world, mailoutbox):
    english.post(reverse("registrations:resend"), {"email": world["registration"].email})
    link_requests.send_requested_links()  # The mail worker's task answers the request.

    (message,) = mailoutbox
    assert "Your registration" in message.subject
    assert french_left(f"{message.subject}\n{message.body}") == []


def test_signup_again_email_in_english(english, world, mailoutbox):
    registration = world["registration"]
    registration.language = "en"
    registration.save()

    services.tell_already_registered(edition=registration.edition, email=registration.email)

    (message,) = mailoutbox
    assert "Your registration already exists" in message.subject
    assert french_left(f"{message.subject}\n{message.body}") == []


@pytest.fixture(autouse=True)
def french_afterwards():
    # The language middleware activates the visitor's language for the thread and leaves it:
    # later tests must not inherit English.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.parametrize(
    ("render", "expected"),
    [
        (lambda: formats.long_date(datetime.date(2017, 7, 10)), "Monday 10 July 2017"),
        (lambda: formats.long_date(datetime.date(2017, 7, 1)), "Saturday 1 July 2017"),
        (lambda: formats.short_time(factories.paris(datetime.date(2017, 7, 10), 9)), "09:00"),
        (
            lambda: formats.time_range(
                factories.paris(datetime.date(2017, 7, 10), 14, 30),
                factories.paris(datetime.date(2017, 7, 10), 15, 30),
            ),
            "14:30 – 15:30",
        ),
        (
            lambda: formats.time_range(factories.paris(datetime.date(2017, 7, 10), 19, 30), None),
            "from 19:30",
        ),
    ],
    ids=["long-date", "first-of-month", "short-time", "time-range", "open-end"],
)
def test_dates_and_times_in_english(render, expected):
    with translation.override("en"):
        assert render() == expected


def test_catalogue_has_no_untranslated_or_fuzzy_entry():
    assert unfinished(po_entries(CATALOGUE / "django.po")) == []


def compiled(mo, entry):
    """What the compiled catalogue answers for a .po entry, in the .po's own shape."""
    if "msgid_plural" in entry:
        return [mo.ngettext(entry["msgid"], entry["msgid_plural"], n) for n in (1, 2)]
    if "msgctxt" in entry:
        return [mo.pgettext(entry["msgctxt"], entry["msgid"])]
    return [mo.gettext(entry["msgid"])]


@pytest.mark.parametrize("catalogue", [CATALOGUE, FRENCH_CATALOGUE], ids=["en", "fr"])
def test_compiled_catalogue_is_the_po_file(catalogue):
    with (catalogue / "django.mo").open("rb") as mo_file:
        mo = gettext.GNUTranslations(mo_file)

    entries = po_entries(catalogue / "django.po")
    assert [e["msgid"] for e in entries if compiled(mo, e) != e["translations"]] == []


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs gettext: apt-get install gettext")
def test_catalogue_holds_every_string_of_the_source(tmp_path):
    """makemessages on a copy of the sources: any string marked since the last update comes
    out untranslated, any changed one fuzzy."""
    for name in SOURCES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    shutil.copy(ROOT / "manage.py", tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-location"],
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "clunyevent.settings.test"},
        check=True,
        capture_output=True,
    )

    assert unfinished(po_entries(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po")) == []


def test_french_catalogue_is_every_string_typeset():
    """locale/fr holds the same strings as the English catalogue (which the test above keeps
    current with the sources), each translated into its own typeset form."""
    french = po_entries(FRENCH_CATALOGUE / "django.po")
    english = po_entries(CATALOGUE / "django.po")

    assert sorted((e.get("msgctxt", ""), e["msgid"]) for e in french) == sorted(
        (e.get("msgctxt", ""), e["msgid"]) for e in english
    )
    expected = {
        e["msgid"]: [typeset_message(e["msgid"])]
        + ([typeset_message(e["msgid_plural"])] if "msgid_plural" in e else [])
        for e in french
    }
    assert [e["msgid"] for e in french if e["translations"] != expected[e["msgid"]]] == []
    assert [e["msgid"] for e in french if "fuzzy" in e["flags"]] == []


def test_french_catalogue_counts_zero_in_the_singular():
    french = translation.trans_real.translation("fr")

    singular = "%(count)d personne passe de la liste d'attente à une place confirmée : %(names)s."
    plural = "%(count)d personnes passent de la liste d'attente à une place confirmée : %(names)s."

    assert french.ngettext(singular, plural, 0) == typeset_message(singular)
    assert french.ngettext(singular, plural, 2) == typeset_message(plural)


@pytest.mark.parametrize(
    ("accept_language", "cookie", "expected"),
    [
        ("en-GB,en;q=0.9", None, "en"),
        ("de-DE,de;q=0.9,en;q=0.5", None, "en"),
        ("fr-FR,fr;q=0.9,en;q=0.8", None, "fr"),
        ("fr", None, "fr"),
        ("de-DE", None, "fr"),
        ("", None, "fr"),
        ("en-GB,en;q=0.9", "fr", "fr"),
        ("fr-FR", "en", "en"),
    ],
    ids=[
        "browser-english",
        "english-before-french",
        "browser-french-first",
        "browser-french",
        "neither",
        "no-header",
        "switcher-french-wins",
        "switcher-english-wins",
    ],
)
def test_the_browser_language_is_followed_until_the_switcher_says_otherwise(
    client, programme, accept_language, cookie, expected
):
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie

    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    content = response.content.decode()
    assert f'<html lang="{expected}"' in content
    assert ("Skip to content" if expected == "en" else "Aller au contenu") in content
    assert response["Content-Language"] == expected
    assert {"accept-language", "cookie"} <= {v.strip().lower() for v in response["Vary"].split(",")}


def test_no_hreflang_alternates_for_one_address_serving_both_languages(client, programme):
    # Alternates would have to be addresses serving one language; see programme/language.py.
    assert 'rel="alternate" hreflang' not in client.get("/").content.decode()


def test_switch_to_english_is_remembered(client, programme):
    response = client.get(reverse("set-language", args=["en"]), {"next": "/programme/"})

    assert (response.status_code, response["Location"]) == (302, "/programme/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME]["max-age"] == 365 * 24 * 3600
    for path in ("/programme/", "/lieux/"):
        content = client.get(path).content.decode()
        assert '<html lang="en"' in content
        assert "Skip to content" in content


def test_switch_back_to_french(english, programme):
    english.get(reverse("set-language", args=["fr"]), {"next": "/"})

    assert '<html lang="fr"' in english.get("/").content.decode()


def test_switch_offers_the_other_language_in_its_own_language(english, programme):
    content = english.get("/").content.decode()

    assert 'lang="fr" hreflang="fr">Français</a>' in content
    assert f'href="{reverse("set-language", args=["fr"])}?next=/"' in content


@pytest.mark.parametrize("template", TEMPLATES, ids=str)
def test_template_has_no_unmarked_sentence(template):
    assert unmarked_sentences(template) == []


# What French typography forbids in a French page's text: the keyboard's apostrophe in a word,
# an ordinary (breakable) space before « : ; ! ? » or inside « ».
UNTYPESET = re.compile(r"\w'\w|[ \t\r\n]+[:;!?](?!\w)|«[ \t\r\n]|[ \t\r\n]»")


def untypeset(content):
    parser = ReadableText()
    parser.feed(content)
    # Addresses keep their characters (a query string may hold « ? »).
    text = re.sub(r"\S*(?:https?://|@)\S*", " ", "".join(parser.parts))
    return sorted({text[max(m.start() - 30, 0) : m.end() + 10] for m in UNTYPESET.finditer(text)})


@pytest.mark.parametrize("page", PAGES)
def test_page_in_french_is_in_french_typography(client, world, page):
    response = PAGES[page](client, world)

    assert '<html lang="fr"' in response.content.decode()
    assert untypeset(response.content.decode()) == []
