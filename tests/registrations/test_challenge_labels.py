import pytest

from registrations.forms import ChallengeField
from tests import factories


@pytest.mark.parametrize(
    ("title", "is_example", "label"),
    [
        ("Covoiturage", True, "Covoiturage (exemple)"),
        ("Covoiturage (exemple)", True, "Covoiturage (exemple)"),
        ("Covoiturage", False, "Covoiturage"),
    ],
    ids=["example-marked", "already-marked", "real-challenge"],
)
def test_example_challenges_are_marked_once(db, title, is_example, label):
    challenge = factories.ChallengeFactory(title=title, is_example=is_example)
    field = ChallengeField(queryset=type(challenge).objects.all())
    assert field.label_from_instance(challenge) == label
