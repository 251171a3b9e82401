"""Staff pages (run, review, publish, lists, badges) and the participant's personal page."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from programme.models import Session, SessionKind
from teams import services
from teams.models import Allocation
from tests import factories

from .conftest import words


@pytest.fixture
def placed(challenges, register):
    """Two participants in Défi A and Défi B, one challenge run, one learning run, unpublished."""
    a, b, _c = challenges
    alice = register(a, first_name="Alice", last_name="Aubrac", employer="Ville de Mâcon")
    bruno = register(b, first_name="Bruno", last_name="Berger", employer="Département du Jura")
    challenge_run = services.run_challenge_allocation(edition=a.edition)
    learning_run = services.run_learning_allocation(edition=a.edition, team_size=2)
    return {"alice": alice, "bruno": bruno, "challenge": challenge_run, "learning": learning_run}


def staff_urls(placed):
    pk = placed["challenge"].pk
    return [
        ("get", reverse("teams:index")),
        ("get", reverse("teams:allocation-detail", args=[pk])),
        ("get", reverse("teams:team-lists", args=[pk])),
        ("get", reverse("teams:badges")),
        ("post", reverse("teams:run", args=["defis"])),
        ("post", reverse("teams:publish", args=[pk])),
    ]


@pytest.mark.parametrize("who", ["anonymous", "not-staff"])
def test_team_pages_are_for_staff_only(client, placed, who):
    if who == "not-staff":
        client.force_login(User.objects.create_user("curieux", password="x"))

    responses = [getattr(client, method)(url) for method, url in staff_urls(placed)]

    assert [r.status_code for r in responses] == [302] * 6
    assert all(r["Location"].startswith("/admin/login/") for r in responses)
    assert Allocation.objects.published().count() == 0
    assert "Aubrac" not in "".join(r.content.decode() for r in responses)


def test_staff_without_the_permission_cannot_run_or_publish(client, placed):
    client.force_login(User.objects.create_user("benevole", password="x", is_staff=True))
    pk = placed["challenge"].pk

    run = client.post(reverse("teams:run", args=["defis"]))
    publish = client.post(reverse("teams:publish", args=[pk]))

    assert (run.status_code, publish.status_code) == (403, 403)
    assert Allocation.objects.count() == 2


def test_organiser_runs_a_challenge_allocation(organiser_client, placed):
    response = organiser_client.post(
        reverse("teams:run", args=["defis"]), {"defis-keep_locked": "on"}
    )

    run = Allocation.objects.latest_of(placed["challenge"].edition, "challenge")
    assert run.pk != placed["challenge"].pk
    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()
    assert run.kept_locked is True


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ("1", "Une équipe compte au moins 2 personnes."),
        ("dix", "Indiquez un nombre entier de personnes."),
        ("", "Indiquez la taille des équipes."),
    ],
    ids=["too-small", "not-a-number", "missing"],
)
def test_learning_run_with_a_bad_size_says_why(organiser_client, placed, size, message):
    response = organiser_client.post(
        reverse("teams:run", args=["apprenantes"]), {"apprenantes-team_size": size}
    )

    assert response.status_code == 400
    assert message in words(response)
    assert Allocation.objects.count() == 2


def test_unknown_kind_of_team_is_not_found(organiser_client, placed):
    response = organiser_client.post(reverse("teams:run", args=["autres"]))

    assert response.status_code == 404


def test_index_lists_runs_and_offers_both_runs(organiser_client, placed):
    response = organiser_client.get(reverse("teams:index"))

    page = response.content.decode()
    assert page.count("<h1") == 1
    assert re.findall(r'action="(/organisation/equipes/[^"]+)"', page) == [
        "/organisation/equipes/calcul/defis/",
        "/organisation/equipes/calcul/apprenantes/",
    ]
    assert "Équipes apprenantes, " in words(response)


def test_review_page_shows_shares_teams_and_who_is_left_out(organiser_client, challenges, register):
    a = challenges[0]
    for index in range(7):
        register(a, last_name=f"Personne{index}")
    run = services.run_challenge_allocation(edition=a.edition)

    response = organiser_client.get(run.get_absolute_url())

    text = words(response)
    assert "1er choix 2 28,6 %" in text
    assert "Un défi non choisi (choix complets ou aucun choix) 4 57,1 %" in text
    assert "Sans équipe 1 14,3 %" in text
    assert re.search(
        r"Sans équipe Dominique\d+ Personne\d \(Communauté de communes du Clunisois\) : "
        r"Les défis choisis sont complets et il ne reste de place dans aucun défi\. Équipes",
        text,
    )
    assert "Défi A (2 / 2)" in text


def test_publishing_from_the_review_page(organiser_client, placed):
    run = placed["challenge"]

    response = organiser_client.post(reverse("teams:publish", args=[run.pk]))
    run.refresh_from_db()
    unpublished = organiser_client.post(reverse("teams:unpublish", args=[run.pk]))

    assert response["Location"] == run.get_absolute_url()
    assert run.is_published
    assert unpublished.status_code == 302
    assert Allocation.objects.published().count() == 0


def table_rows(page):
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", page, re.S)
        if "<td" in row
    ]


def test_challenge_team_lists(organiser_client, placed):
    response = organiser_client.get(reverse("teams:team-lists", args=[placed["challenge"].pk]))

    page = response.content.decode()
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", page) == ["Défi A", "Défi B"]
    assert page.count('<section class="team-sheet"') == 2
    assert table_rows(page) == [
        ["1", "Aubrac", "Alice", "Ville de Mâcon", "1"],
        ["1", "Berger", "Bruno", "Département du Jura", "1"],
    ]
    assert "Sans membre, donc sans page imprimée : Défi C." in words(response)
    assert "teams-print.css" in page


def test_team_lists_of_teams_all_empty_print_nothing(organiser_client, challenges):
    run = services.run_challenge_allocation(edition=challenges[0].edition)

    response = organiser_client.get(reverse("teams:team-lists", args=[run.pk]))

    assert 'class="team-sheet"' not in response.content.decode()
    assert "Aucune équipe n’a de membre : rien à imprimer." in words(response)


def test_printouts_never_change_the_case_of_what_they_print():
    from django.contrib.staticfiles import finders

    for name in ("css/print-sheets.css", "css/teams-print.css"):
        with open(finders.find(name), encoding="utf-8") as stream:
            css = stream.read()
        assert "text-transform" not in re.sub(r"/\*.*?\*/", "", css, flags=re.S), name


def test_learning_team_lists_show_each_member_s_challenge_team(organiser_client, placed):
    response = organiser_client.get(reverse("teams:team-lists", args=[placed["learning"].pk]))

    page = response.content.decode()
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", page) == ["Équipe apprenante n° 1"]
    assert table_rows(page) == [
        ["1", "Aubrac", "Alice", "Ville de Mâcon", "Défi A"],
        ["2", "Berger", "Bruno", "Département du Jura", "Défi B"],
    ]


def test_badges_carry_name_employer_and_both_teams(organiser_client, placed, register):
    for index in range(8):
        register(last_name=f"Sans-équipe{index}")

    response = organiser_client.get(reverse("teams:badges"))

    page = response.content.decode()
    badges = re.findall(r'<article class="name-badge".*?</article>', page, re.S)
    first = " ".join(re.sub(r"<[^>]+>", " ", badges[0]).split())
    assert first == (
        "Université d’été de l’innovation Alice Aubrac Ville de Mâcon "
        "Défi : Défi A Équipe apprenante : 1"
    ).replace("'", "&#x27;")
    assert len(badges) == 10
    # A non-breaking space: the colon never goes to a line of its own.
    assert "<dt>Défi\u00a0:</dt>" in badges[0]
    assert "<dt>Équipe apprenante\u00a0:</dt>" in badges[0]
    assert page.count('<div class="badge-sheet">') == 2
    assert page.count("<h1") == 1


def personal_page(client, registration):
    return words(client.get(reverse("registrations:manage", args=[registration.token])))


def test_unpublished_teams_are_invisible_to_participants(client, placed):
    text = personal_page(client, placed["alice"])

    assert "Défi A" not in text.split("Mes équipes")[1].split("Défis choisis")[0]
    assert "Les équipes défis et les équipes apprenantes sont annoncées ici" in text


def test_published_teams_are_shown_on_the_personal_page(client, placed):
    services.publish(allocation=placed["challenge"])
    services.publish(allocation=placed["learning"])

    text = personal_page(client, placed["alice"])

    teams = text.split("Mes équipes")[1].split("Repas et soirées")[0]
    assert teams.startswith(" Équipe défi Défi A")
    assert (
        "Équipe apprenante n° 1 Avec : Bruno Berger Où et quand vous vous retrouvez : "
        "Mardi 9 juillet 2030, 17 h 30 – 18 h 30" in teams.replace("\u00a0", " ")
    )
    assert "annoncées ici" not in teams


def test_opening_an_action_address_leads_back_to_its_page(organiser_client, placed):
    run = placed["challenge"]

    run_page = organiser_client.get(reverse("teams:run", args=["defis"]))
    publish_page = organiser_client.get(reverse("teams:publish", args=[run.pk]))

    assert run_page["Location"] == reverse("teams:index")
    assert publish_page["Location"] == run.get_absolute_url()
    assert Allocation.objects.count() == 2
    assert Allocation.objects.published().count() == 0


def test_learning_review_page_sums_up_the_mix(organiser_client, placed):
    response = organiser_client.get(placed["learning"].get_absolute_url())

    text = words(response)
    assert "Taille maximale choisie 2 Équipes 1 Taille des équipes de 2 à 2 personnes" in text
    assert (
        "Au plus, dans une même équipe, personnes d’un même défi 1 "
        "Au plus, dans une même équipe, personnes d’un même employeur 1"
    ) in text


@pytest.mark.parametrize("people", [1, 6], ids=["one", "six"])
@pytest.mark.parametrize("page", ["lists", "badges", "review"])
def test_staff_pages_query_count_does_not_grow_with_people(
    organiser_client, challenges, register, django_assert_num_queries, people, page
):
    for index in range(people):
        register(challenges[index % 3], last_name=f"P{index}")
    edition = challenges[0].edition
    run = services.run_challenge_allocation(edition=edition)
    services.run_learning_allocation(edition=edition, team_size=3)
    url = {
        "lists": reverse("teams:team-lists", args=[run.pk]),
        "badges": reverse("teams:badges"),
        "review": run.get_absolute_url(),
    }[page]

    # Each with the two reads of the organiser's permissions (the user's, the group's).
    with django_assert_num_queries({"lists": 8, "badges": 12, "review": 8}[page]):
        organiser_client.get(url)


def test_personal_page_names_teammates_and_where_the_team_meets(client, placed):
    venue = factories.VenueFactory(name="Salle des Griottes")
    Session.objects.filter(kind=SessionKind.LEARNING_TEAM).update(venue=venue)
    services.publish(allocation=placed["learning"])

    teams = personal_page(client, placed["alice"]).split("Mes équipes")[1].split("Défis choisis")[0]

    learning = teams.replace("\u00a0", " ").split("Équipe apprenante")[1]
    assert learning.startswith(" n° 1 Avec : Bruno Berger Où et quand vous vous retrouvez :")
    assert "17 h 30 – 18 h 30 — Salle des Griottes" in learning
    assert "Alice Aubrac" not in teams  # Not herself among her teammates.
