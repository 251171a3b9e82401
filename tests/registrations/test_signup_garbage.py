"""Values no form offers, posted by hand or by a robot: a French message, never a 500."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("mini_conference", "99999999999999999999999"),
        ("mini_conference", "abc"),
        ("challenge_1", "-1"),
        ("meals", "99999999999999999999999"),
        ("email", "a" * 300 + "@example.org"),
        ("first_name", "x" * 5000),
        ("category", "nope"),
        ("civil_service_category", "Z"),
        ("first_name", "\x00"),
    ],
)
def test_forged_values_are_refused_at_their_field(client, signup_data, field, value):
    response = client.post(reverse("registrations:signup"), signup_data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
