"""A participant evaluates their sessions on a phone; organisers read the results."""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from evaluations import services
from evaluations.models import Answer, Question, Response
from tests.browser.conftest import DESKTOP
from tests.browser.public_pages import register_someone
from tests.browser.test_accessibility import axe_violations
from tests.factories import RegistrationFactory

PHONE = {"width": 360, "height": 800}
SHOTS = Path("/tmp/shots-evaluations")


def shoot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
    page.screenshot(path=SHOTS / f"{name}-screen.png")


@pytest.fixture
def registration(edition):
    return register_someone(edition)


@pytest.fixture
def after_the_event(edition, registration, monkeypatch):
    """The clock after the last day (once the participant has signed up)."""
    moment = timezone.make_aware(datetime.datetime.combine(edition.end_date, datetime.time(23)))
    monkeypatch.setattr("programme.clock.now", lambda: moment)
    return moment


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_participant_evaluates_from_the_personal_page(
    new_page, live_server, registration, after_the_event, viewport
):
    page = new_page(viewport=viewport)
    page.goto(live_server.url + registration.get_absolute_url())

    page.get_by_role("link", name="Évaluer les séances (anonyme)").click()
    groups = page.locator("fieldset.evaluation-group")
    first, second = groups.nth(0), groups.nth(1)
    first.get_by_role("radio", name="Tout à fait d’accord").first.check()
    first.get_by_role("textbox").fill("Très claire")
    second.get_by_label("Je n’y étais pas").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    shoot(page, f"evaluation-form-{viewport['width']}")
    page.get_by_role("button", name="Envoyer mes réponses").click()

    expect(page.locator("main")).to_contain_text("Merci : vos réponses sont enregistrées.")
    expect(page.locator("main")).to_contain_text("Déjà évaluées")
    assert Response.objects.filter(registration=registration).count() == 2
    assert set(Answer.objects.values_list("value", "text")) == {(4, ""), (None, "Très claire")}
    assert axe_violations(page) == ""
    shoot(page, f"evaluation-after-{viewport['width']}")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_organisers_read_the_results_without_axe_violation(
    new_page, url, edition, after_the_event, viewport
):
    event = services.Entry(None, after_the_event, False)
    questions = Question.objects.of_edition(edition).for_event()
    for value in (1, 3, 4, 4, 4):
        answers = [
            (q, value if q.kind == "scale" else 1, "") for q in questions if q.kind != "text"
        ]
        answers += [(q, None, f"Remarque {value}") for q in questions if q.kind == "text"]
        registration = RegistrationFactory(edition=edition)
        services.record(registration=registration, entry=event, answers=answers)
    # The live server's database is flushed: the organisers' group is gone, a superuser is not.
    User.objects.create_superuser("orga@example.org", password="Cluny-2017-abbaye")
    page = new_page(viewport=viewport)
    page.goto(url("admin:login"))
    page.fill("#id_username", "orga@example.org")
    page.fill("#id_password", "Cluny-2017-abbaye")
    page.locator("input[type=submit]").click()

    page.goto(url("evaluations-staff:results"))

    expect(page.locator("main")).to_contain_text("Remarque 4")
    assert page.locator("svg.chart-svg").count() >= 3
    assert axe_violations(page) == ""
    shoot(page, f"results-{viewport['width']}")
