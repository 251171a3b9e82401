import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from registrations.forms import ChallengeField
from tests import factories


@pytest.mark.parametrize(
    ("language", "title", "is_example", "label"),
    [
        ("fr", "Covoiturage", True, "Covoiturage (exemple)"),
        ("fr", "Covoiturage (exemple)", True, "Covoiturage (exemple)"),
        ("fr", "Covoiturage", False, "Covoiturage"),
        ("en", "Covoiturage", True, "Covoiturage (example)"),
        ("en", "Covoiturage (exemple)", True, "Covoiturage (example)"),
        ("en", "Covoiturage", False, "Covoiturage"),
    ],
    ids=[
        "example-marked",
        "already-marked",
        "real-challenge",
        "en-example-marked",
        "en-already-marked-in-french",
        "en-real-challenge",
    ],
)
def test_example_challenges_are_marked_once(db, language, title, is_example, label):
    challenge = factories.ChallengeFactory(title=title, is_example=is_example)
    field = ChallengeField(queryset=type(challenge).objects.all())
    with translation.override(language):
        assert field.label_from_instance(challenge) == label


def test_the_english_sign_up_form_marks_examples_once(client, programme, fixed_clock):
    fixed_clock(programme.registration_opens_at + datetime.timedelta(days=1))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    form = client.get(reverse("registrations:signup")).content.decode()
    assert "(exemple) (example)" not in form
    assert "(example)" in form
