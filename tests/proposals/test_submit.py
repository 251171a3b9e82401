import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from programme.formats import long_date, short_time
from proposals.models import Proposal
from tests import factories
from tests.proposals.conftest import management, moved, proposal_post, speaker_fields

SUBMIT = reverse("proposals:submit")
REQUIRED = "Ce champ est obligatoire."
EMAIL_INVALID = "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr."


def errors_of(response):
    """Every field error of the proposal form and its speakers, by the field's HTML name."""
    form = response.context["form"]
    errors = {name: list(messages) for name, messages in form.errors.items()}
    for speaker_form in form.speakers.forms:
        for name, messages in speaker_form.errors.items():
            errors[speaker_form.add_prefix(name)] = list(messages)
    return errors


def at(moment):
    local = timezone.localtime(moment)
    return f"{long_date(local.date())} à {short_time(local)}"


def test_form_page_names_the_closing_date_and_the_mini_conferences(client, call):
    response = client.get(SUBMIT)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert f"L’appel est ouvert jusqu’au {at(call.closes_at)}." in html
    assert [str(choice[1]) for choice in response.context["form"].fields["theme"].choices] == [
        "Mini-conférence 1\xa0: Les usages des technologies",
        "Mini-conférence 2\xa0: L’innovation sociale",
    ]


def test_submission_saves_the_proposal_and_its_speakers(
    client, call, mailoutbox, django_capture_on_commit_callbacks
):
    data = proposal_post(
        call,
        **speaker_fields(
            1, first_name="Dominique", last_name="Roux", organisation="Ville de Mâcon"
        ),
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBMIT, data)

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:done")
    assert (proposal.title, proposal.format, proposal.status, proposal.email) == (
        "Ouvrir les données du territoire",
        "experience",
        "submitted",
        "camille.petit@example.org",
    )
    assert [(s.first_name, s.last_name, s.order) for s in proposal.speakers.all()] == [
        ("Camille", "Petit", 0),
        ("Dominique", "Roux", 1),
    ]
    assert proposal.consent_at is not None
    assert len(mailoutbox) == 1


def test_thanks_page_gives_the_private_link_to_the_browser_that_sent_it(
    client, call, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBMIT, proposal_post(call))

    response = client.get(reverse("proposals:done"))

    assert response.status_code == 200
    assert Proposal.objects.get().get_absolute_url() in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", REQUIRED),
        (
            "title",
            "x" * 201,
            "Assurez-vous que cette valeur comporte au plus 200 caractères (actuellement 201).",
        ),
        ("summary", "", REQUIRED),
        (
            "summary",
            "x" * 3001,
            "Assurez-vous que cette valeur comporte au plus 3000 caractères (actuellement 3001).",
        ),
        ("theme", "", REQUIRED),
        (
            "theme",
            "999999",
            "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles.",
        ),
        ("format", "", REQUIRED),
        ("format", "keynote", "Sélectionnez un choix valide. keynote n’en fait pas partie."),
        ("email", "", REQUIRED),
        ("email", "camille.petit", EMAIL_INVALID),
        ("consent", "", "Votre accord est nécessaire pour enregistrer la proposition."),
        ("speakers-0-first_name", "", REQUIRED),
        ("speakers-0-last_name", "", REQUIRED),
        ("speakers-0-organisation", "", REQUIRED),
        (
            "speakers-0-biography",
            "x" * 1001,
            "Assurez-vous que cette valeur comporte au plus 1000 caractères (actuellement 1001).",
        ),
    ],
    ids=[
        "title-missing",
        "title-too-long",
        "summary-missing",
        "summary-too-long",
        "theme-missing",
        "theme-unknown",
        "format-missing",
        "format-unknown",
        "email-missing",
        "email-invalid",
        "no-consent",
        "first-name-missing",
        "last-name-missing",
        "organisation-missing",
        "biography-too-long",
    ],
)
def test_each_bad_field_gets_its_french_message_and_nothing_is_saved(
    client, call, mailoutbox, field, value, message
):
    response = client.post(SUBMIT, proposal_post(call, **{field: value}))

    assert response.status_code == 200
    assert errors_of(response) == {field: [message]}
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Proposal.objects.exists()
    assert mailoutbox == []


def test_a_second_speaker_half_filled_is_refused_at_the_field(client, call):
    response = client.post(SUBMIT, proposal_post(call, **{"speakers-1-first_name": "Lou"}))

    assert errors_of(response) == {
        "speakers-1-last_name": [REQUIRED],
        "speakers-1-organisation": [REQUIRED],
    }
    assert not Proposal.objects.exists()


def test_a_mini_conference_of_another_edition_is_not_a_choice(client, call):
    elsewhere = factories.MiniConferenceFactory(slot__day__edition__is_published=False)

    response = client.post(SUBMIT, proposal_post(call, theme=str(elsewhere.pk)))

    assert list(errors_of(response)) == ["theme"]
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    ("tampering", "message"),
    [
        (
            {
                **management(total=4),
                **speaker_fields(3, first_name="A", last_name="B", organisation="C"),
            },
            "Trois intervenantes ou intervenants au plus.",
        ),
        ({"speakers-TOTAL_FORMS": ""}, "Indiquez au moins une intervenante ou un intervenant."),
    ],
    ids=["four-speakers", "broken-management-form"],
)
def test_a_tampered_speakers_list_is_refused_without_error_page(client, call, tampering, message):
    data = proposal_post(call, **speaker_fields(1, first_name="C", last_name="D", organisation="E"))
    data.update(speaker_fields(2, first_name="F", last_name="G", organisation="H"))
    data.update(tampering)

    response = client.post(SUBMIT, data)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].speakers.non_form_errors())
    assert not Proposal.objects.exists()


def test_honeypot_filled_is_silently_discarded(client, call, mailoutbox):
    response = client.post(SUBMIT, proposal_post(call, website="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:done")
    assert not Proposal.objects.exists()
    assert mailoutbox == []


def test_rate_limit_answers_429_in_french_and_keeps_nothing(client, call, settings):
    settings.REGISTRATION_RATE_LIMIT = {"requests": 2, "seconds": 600, "proxies": 0}
    for _attempt in range(2):
        client.post(SUBMIT, proposal_post(call, title=""))

    response = client.post(SUBMIT, proposal_post(call))

    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert not Proposal.objects.exists()


def test_closed_call_says_so_with_its_dates(client, closed_call):
    response = client.get(SUBMIT)

    html = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    assert f"L’appel à propositions est clos depuis le {at(closed_call.closes_at)}." in html
    assert f"Il était ouvert depuis le {at(closed_call.opens_at)}." in html
    assert "<form" not in html.split("<main", 1)[1]


def test_closed_call_accepts_nothing(client, closed_call, mailoutbox):
    response = client.post(SUBMIT, proposal_post(closed_call))

    assert response.status_code == 403
    assert "Votre formulaire n’a donc pas été enregistré." in response.content.decode().replace(
        "&#x27;", "'"
    )
    assert not Proposal.objects.exists()
    assert mailoutbox == []


def test_call_not_yet_open_says_when_it_opens(client, call):
    moved(call, opens_in=datetime.timedelta(days=2), closes_in=datetime.timedelta(days=20))

    response = client.get(SUBMIT)
    refused = client.post(SUBMIT, proposal_post(call))

    assert f"il ouvrira le {at(call.opens_at)}" in response.content.decode()
    assert refused.status_code == 403
    assert not Proposal.objects.exists()


def test_edition_without_call_says_there_is_none(client, edition):
    response = client.get(SUBMIT)

    assert response.status_code == 200
    assert "Aucun appel à propositions n’est ouvert" in response.content.decode().replace(
        "&#x27;", "'"
    )


def test_no_published_edition_is_the_site_404(client, db):
    assert client.get(SUBMIT).status_code == 404


def test_markup_typed_in_a_proposal_is_shown_as_text(
    client, call, mailoutbox, django_capture_on_commit_callbacks
):
    data = proposal_post(
        call,
        title="<script>alert(1)</script>",
        **{"speakers-0-biography": '<img src=x onerror="alert(2)">'},
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBMIT, data)

    html = client.get(Proposal.objects.get().get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html
    assert "«\xa0<script>alert(1)</script>\xa0»" in mailoutbox[0].body


def test_control_characters_are_stripped_from_the_proposal_and_its_speakers(client, call):
    data = proposal_post(
        call,
        title="Ouvrir\x0c les données\r\n",
        summary="Deux ans.\r\n\tDes\x00 jeux de données\x1b.",
        **speaker_fields(
            0,
            first_name="Camille\x85",
            last_name="Pe\x7ftit",
            organisation="Clunisois",
            biography="Vingt\x07 ans\nau service public\ufffe.",
        ),
    )

    response = client.post(SUBMIT, data)

    proposal = Proposal.objects.get()
    speaker = proposal.speakers.get()
    assert response.status_code == 302
    assert (proposal.title, proposal.summary) == (
        "Ouvrir  les données",
        "Deux ans.\r\n\tDes jeux de données.",
    )
    assert (speaker.first_name, speaker.last_name, speaker.biography) == (
        "Camille",
        "Petit",
        "Vingt ans\nau service public.",
    )
