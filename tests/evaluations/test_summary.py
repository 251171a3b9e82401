"""The summary of their own sessions' results that speakers and challenge owners receive, by a
signed private link the results page lists for the organisers to pass on."""

import pytest
from django.urls import reverse

from evaluations import summary
from evaluations.models import Answer, Question
from programme.models import Session, SessionKind
from tests import factories


def answer(world, count, *, session, mini_conference=None, text="Très clair"):
    """`count` anonymous answers to the first session scale question and the comment one."""
    questions = Question.objects.of_edition(world.edition).for_sessions()
    scale, comment = questions.filter(kind="scale").first(), questions.filter(kind="text").first()
    for _ in range(count):
        Answer.objects.create(
            question=scale, session=session, mini_conference=mini_conference, value=4
        )
        Answer.objects.create(
            question=comment, session=session, mini_conference=mini_conference, text=text
        )


def page_of(client, person, edition):
    return client.get(summary.summary_path(person, edition)).content.decode()


@pytest.mark.parametrize(("count", "shown"), [(4, False), (5, True)])
def test_a_speaker_sees_their_mini_conference_only_above_the_threshold(world, client, count, shown):
    speaker = factories.PersonFactory()
    world.mine.speakers.add(speaker)
    answer(world, count, session=world.mine.slot, mini_conference=world.mine, text="Le mien")
    answer(world, 5, session=world.other.slot, mini_conference=world.other, text="L’autre")

    page = page_of(client, speaker, world.edition)

    assert "La mienne" in page and "L’autre" not in page
    assert ("Le mien" in page) is shown
    assert ("trop peu pour être montrées" in page) is not shown


def test_a_challenge_owner_sees_the_challenge_work_sessions(world, client):
    owner = factories.PersonFactory()
    factories.ChallengeFactory(edition=world.edition, owner=owner)
    steps = Session.objects.of_edition(world.edition).filter(kind=SessionKind.CHALLENGE_STEP)
    plenary = Session.objects.of_edition(world.edition).get(kind=SessionKind.PLENARY)
    answer(world, 5, session=steps.first(), text="Bon rythme")
    answer(world, 5, session=plenary, text="Hors sujet pour elle")

    page = page_of(client, owner, world.edition)

    assert "Bon rythme" in page and "Hors sujet pour elle" not in page


@pytest.mark.parametrize("tamper", [lambda s: s[:-2] + "xx", lambda s: "nimportequoi"])
def test_a_tampered_link_finds_nothing(world, client, tamper):
    speaker = factories.PersonFactory()
    world.mine.speakers.add(speaker)
    signed = summary.signed(speaker, world.edition)

    response = client.get(reverse("evaluations:summary", args=[tamper(signed)]))

    assert response.status_code == 404


def test_the_results_page_lists_each_persons_private_link(world, client):
    speaker = factories.PersonFactory(first_name="Aïcha", last_name="Benali")
    world.mine.speakers.add(speaker)
    nobody = factories.PersonFactory(first_name="Sans", last_name="Séance")
    client.force_login(factories.OrganiserFactory())

    page = client.get(reverse("evaluations-staff:results")).content.decode()

    assert "Aïcha Benali" in page and "Sans Séance" not in page
    assert "http://testserver" + summary.summary_path(speaker, world.edition) in page
    assert nobody.pk  # a person in no session of the edition gets no link
