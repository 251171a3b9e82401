import datetime

from django.urls import reverse

from evaluations.models import Question, Scope
from programme.copying import copy_edition
from tests import factories


def test_a_new_edition_gets_the_default_questionnaire(db):
    edition = factories.EditionFactory()

    questions = Question.objects.of_edition(edition)

    assert questions.for_sessions().filter(kind="scale").exists()
    assert questions.for_sessions().filter(kind="text").exists()
    assert {q.kind for q in questions.for_event()} == {"scale", "choice", "text"}
    assert all(len(q.option_list) >= 2 for q in questions.exclude(kind="text"))


def test_the_copy_of_an_edition_asks_what_its_source_asked(db):
    edition = factories.EditionFactory()
    Question.objects.of_edition(edition).delete()
    Question.objects.create(
        edition=edition, scope=Scope.EVENT, kind="choice", text="Café ?", options="Oui\nNon"
    )

    copy = copy_edition(edition, first_day=datetime.date(2041, 7, 8))

    assert list(Question.objects.of_edition(copy).values_list("text", "options")) == [
        ("Café ?", "Oui\nNon")
    ]
    assert Question.objects.of_edition(edition).count() == 1


def test_organisers_edit_questions_in_the_admin_and_a_choice_needs_two_options(admin_client, db):
    edition = factories.EditionFactory()
    url = reverse("admin:evaluations_question_add")
    data = {"edition": edition.pk, "scope": "event", "kind": "choice", "text": "Q", "order": 9}

    refused = admin_client.post(url, {**data, "options": "Seule"})
    accepted = admin_client.post(url, {**data, "options": "Une\nDeux"})

    assert refused.status_code == 200 and "au moins deux réponses" in refused.content.decode()
    assert accepted.status_code == 302
    assert Question.objects.filter(edition=edition, text="Q").count() == 1
