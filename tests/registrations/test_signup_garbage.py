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


def test_control_characters_are_stripped_before_saving(client, signup_data):
    # A form feed pasted in a name made every XLSX export fail; a single-line field turns
    # a pasted break into a space, a multi-line one keeps its line breaks and tabs.
    client.post(
        reverse("registrations:signup"),
        signup_data(
            first_name="Ca\tmille\r\n",
            last_name="Ber\x0cnard\x00",
            employer="Ville\x85de\x1b Mâcon",
            dietary_needs="Sans gluten\r\nni\x07 lactose\t!",
            accessibility_needs="\x9f\ufffe\x7f",
        ),
    )

    registration = Registration.objects.get()
    assert [
        registration.first_name,
        registration.last_name,
        registration.employer,
        registration.dietary_needs,
        registration.accessibility_needs,
    ] == ["Ca mille", "Ber nard", "Ville de Mâcon", "Sans gluten\r\nni lactose\t!", ""]
