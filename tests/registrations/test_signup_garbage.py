"""Values no form offers, posted by hand or by a robot: a French message, never a 500."""

import pytest
from django.urls import reverse

from programme.models import Edition
from registrations import attendance
from registrations.models import Attendance, Registration


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


# Ids no checkbox sends: digits int() refuses although str.isdigit() accepts them (« ² », « ① »),
# an Arabic-Indic digit int() would read as 3, a double sign, a number beyond 64 bits, blanks.
MALFORMED_IDS = ["²", "①", "--5", "٣", "99999999999999999999", "", "  "]


def post_signup(client, register, signup_data, value):
    return client.post(reverse("registrations:signup"), signup_data(meals=[value]))


def post_change(client, register, signup_data, value):
    registration = register()
    form = client.get(reverse("registrations:change", args=[registration.token])).context["form"]
    data = {**{name: form[name].value() for name in form.fields}, "meals": [value]}
    data = {name: value for name, value in data.items() if value is not None}
    return client.post(reverse("registrations:change", args=[registration.token]), data)


def post_attendance(admin_client, register, signup_data, value):
    half_day = attendance.half_days(Edition.objects.get())[0]
    url = reverse(
        "registrations-staff:attendance-half-day", args=[half_day.day.date, half_day.slug]
    )
    return admin_client.post(url, {"present": [register().pk, value]})


@pytest.mark.parametrize("value", MALFORMED_IDS, ids=repr)
@pytest.mark.parametrize(
    ("post", "field"),
    [(post_signup, "meals"), (post_change, "meals"), (post_attendance, "present")],
    ids=["signup", "change", "attendance"],
)
def test_malformed_ids_are_a_field_error_and_save_nothing(
    client, admin_client, register, signup_data, post, field, value
):
    user = admin_client if post is post_attendance else client
    registrations = Registration.objects.count() + (post is not post_signup)

    response = post(user, register, signup_data, value)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        f"«\u00a0{value}\u00a0» n’est pas une valeur correcte."
    ]
    assert Registration.objects.count() == registrations
    assert not Registration.meals.through.objects.exists()
    assert not Attendance.objects.exists()
