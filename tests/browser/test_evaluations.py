"""A participant evaluates their sessions on a phone; organisers read the results."""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from evaluations import follow_up, services, summary
from evaluations.models import Answer, Question, Response
from programme.models import Person
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


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_next_steps_on_the_last_day_then_the_questionnaire_a_froid(
    new_page, live_server, edition, registration, monkeypatch, viewport
):
    registration.learning_intention = "Apprendre à animer un atelier"
    registration.save()
    last_morning = timezone.make_aware(
        datetime.datetime.combine(edition.end_date, datetime.time(10, 30))
    )
    monkeypatch.setattr("programme.clock.now", lambda: last_morning)
    page = new_page(viewport=viewport)
    page.goto(live_server.url + registration.get_absolute_url())

    # Next is « Accélération de son propre projet »: the intention is shown there.
    expect(page.locator(".next-step")).to_contain_text("Apprendre à animer un atelier")
    page.get_by_label("Ce que je ferai en rentrant").fill(
        "Tester le prototype avec le service jeunesse"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.locator("section[aria-labelledby=intention]").screenshot(
        path=SHOTS / f"intention-section-{viewport['width']}.png"
    )
    page.locator(".next-step").screenshot(path=SHOTS / f"next-step-{viewport['width']}.png")
    at_session = page.locator("li.session").filter(has=page.locator(".intention-reminder"))
    expect(at_session).to_have_count(2)  # the two flagged sessions of the 2017 programme
    at_session.first.screenshot(path=SHOTS / f"flagged-session-{viewport['width']}.png")
    page.get_by_role("button", name="Enregistrer mes prochains pas").click()

    expect(page.locator("main")).to_contain_text("Vos prochains pas sont enregistrés.")
    registration.refresh_from_db()
    assert registration.next_steps == "Tester le prototype avec le service jeunesse"

    monkeypatch.setattr("programme.clock.now", lambda: follow_up.sent_at(edition))
    page.goto(live_server.url + f"/inscription/{registration.token}/evaluation/a-froid/")
    expect(page.locator("main")).to_contain_text("Tester le prototype avec le service jeunesse")
    page.get_by_role("radio", name="Plutôt d’accord").check()
    page.get_by_role("textbox").first.fill("Un atelier par mois")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    shoot(page, f"follow-up-{viewport['width']}")
    page.get_by_role("button", name="Envoyer mes réponses").click()

    expect(page.locator("main")).to_contain_text("vous avez répondu au questionnaire à froid")
    assert Response.objects.filter(registration=registration, follow_up=True).count() == 1
    assert set(Answer.objects.values_list("value", "text")) == {
        (3, ""),
        (None, "Un atelier par mois"),
    }


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_speaker_reads_their_summary(new_page, live_server, edition, viewport):
    session = edition.days.order_by("date").first().sessions.filter(kind="plenary").first()
    speaker = Person.objects.create(first_name="Aïcha", last_name="Benali")
    session.speakers.add(speaker)
    for question in Question.objects.of_edition(edition).for_sessions():
        for value in (2, 3, 4, 4, 4):
            text = "Très claire" if question.kind == "text" else ""
            value = None if question.kind == "text" else value
            Answer.objects.create(question=question, session=session, value=value, text=text)
    page = new_page(viewport=viewport)

    page.goto(live_server.url + summary.summary_path(speaker, edition))

    expect(page.locator("main h2")).to_have_count(1)  # their one session
    expect(page.locator("main")).to_contain_text("Aïcha Benali")
    assert page.locator("svg.chart-svg").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    shoot(page, f"summary-{viewport['width']}")
