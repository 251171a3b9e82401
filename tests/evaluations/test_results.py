import csv
import io

import pytest
from django.urls import reverse

from evaluations import services
from evaluations.models import Question
from programme.models import Session, SessionKind
from tests import factories


def answer_event(world, count, value=3, text=""):
    """`count` participants answer the whole event's first scale question with `value`."""
    scale = Question.objects.of_edition(world.edition).for_event().filter(kind="scale").first()
    comment = Question.objects.of_edition(world.edition).for_event().filter(kind="text").first()
    for _ in range(count):
        registration = factories.RegistrationFactory(edition=world.edition)
        entry = services.Entry(None, world.after_everything, False)
        answers = [(scale, value, "")] + ([(comment, None, text)] if text else [])
        services.record(registration=registration, entry=entry, answers=answers)
    return scale


@pytest.fixture
def organiser_client(client, db):
    client.force_login(factories.OrganiserFactory())
    return client


@pytest.mark.parametrize(("count", "shown"), [(4, False), (5, True)])
def test_nothing_is_shown_under_the_minimum_number_of_answers(
    world, organiser_client, count, shown
):
    answer_event(world, count, text="Un secret")

    page = organiser_client.get(reverse("evaluations-staff:results")).content.decode()
    rows = list(
        csv.reader(
            io.StringIO(
                organiser_client.get(reverse("evaluations-staff:results-csv")).content.decode(
                    "utf-8-sig"
                )
            ),
            delimiter=";",
        )
    )

    assert ("Un secret" in page) is shown
    assert ("trop peu pour être montrées" in page) is not shown
    assert (len(rows) > 1) is shown


def test_the_results_give_the_distribution_and_mean_as_a_chart_and_a_table(world, organiser_client):
    scale = answer_event(world, 3, value=4)
    answer_event(world, 2, value=1)

    page = organiser_client.get(reverse("evaluations-staff:results")).content.decode()

    assert '<svg class="chart-svg"' in page and 'role="img"' in page
    assert "Moyenne\xa0: 2,80 sur 4" in page
    assert "<td>3</td><td>60 %</td>" in page
    assert scale.text in page


def test_the_csv_export_parses_and_holds_counts_means_and_comments(world, organiser_client):
    scale = answer_event(world, 5, value=2, text="Merci\xa0; à l’an prochain")

    response = organiser_client.get(reverse("evaluations-staff:results-csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))

    assert response["Content-Disposition"].startswith("attachment;")
    assert rows[0] == ["Séance", "Question", "Réponse", "Nombre", "Moyenne"]
    labels = scale.option_list
    assert ["Ensemble de l’événement", scale.text, labels[1], "5", "2,0"] in rows
    assert ["Ensemble de l’événement", scale.text, labels[0], "0", "2,0"] in rows
    assert any(row[2] == "Merci\xa0; à l’an prochain" and row[3] == "1" for row in rows)


def test_each_mini_conference_has_its_own_results(world, organiser_client, settings):
    settings.EVALUATION_MIN_ANSWERS = 1
    slot = world.mine.slot
    entry = next(
        e for e in services.entries(world.registration) if e.item and e.item.session == slot
    )
    scale = Question.objects.of_edition(world.edition).for_sessions().filter(kind="scale").first()
    services.record(registration=world.registration, entry=entry, answers=[(scale, 4, "")])

    page = organiser_client.get(reverse("evaluations-staff:results")).content.decode()

    assert str(world.mine) in page and str(world.other) not in page
    assert Session.objects.get(pk=slot.pk).kind == SessionKind.MINI_CONFERENCES
