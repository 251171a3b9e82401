import datetime
import html as html_module
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from post_office.models import STATUS, Email

from registrations.models import Registration, Seat
from tests import factories

CHANGELIST = reverse("admin:registrations_registration_changelist")
SEATS = reverse("admin:registrations_seat_changelist")


def listed(response):
    return sorted(r.last_name for r in response.context["cl"].result_list)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def people(db):
    edition = factories.EditionFactory()
    lunch = factories.SessionFactory(day__edition=edition, kind="meal", title="Déjeuner")
    mini_conference = factories.MiniConferenceFactory(slot__day=lunch.day)
    speaker = factories.RegistrationFactory(
        edition=edition, last_name="Orateur", category="speaker", civil_service_category="A"
    )
    trainee = factories.RegistrationFactory(
        edition=edition, last_name="Stagiaire", employer="Mairie de Mâcon", email="s@mairie.fr"
    )
    cancelled = factories.RegistrationFactory(
        edition=edition, last_name="Annulé", status="cancelled"
    )
    factories.EmailFactory(to=[cancelled.email], status=STATUS.failed)
    factories.EmailFactory(to=[trainee.email], status=STATUS.failed)
    # The latest message to an address is the one that counts.
    factories.EmailFactory(to=[trainee.email], status=STATUS.requeued)
    factories.SeatFactory(registration=speaker, mini_conference=mini_conference)
    factories.SeatFactory(registration=trainee, mini_conference=mini_conference, status="waiting")
    # A second mini-conference, or the admin drops a filter with a single choice.
    factories.SeatFactory(registration=cancelled, mini_conference__slot=mini_conference.slot)
    trainee.meals.add(lunch)
    return {"mini_conference": mini_conference, "lunch": lunch, "cancelled": cancelled}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category__exact": "speaker"}, ["Orateur"]),
        ({"seat__status__exact": "waiting"}, ["Stagiaire"]),
        ({"status__exact": "cancelled"}, ["Annulé"]),
        ({"courriel": "failed"}, ["Annulé"]),
        ({"courriel": "pending"}, ["Stagiaire"]),
        ({"courriel": "none"}, ["Orateur"]),
        ({"courriel": "n’importe quoi"}, ["Annulé", "Orateur", "Stagiaire"]),
        ({"civil_service_category__exact": "A"}, ["Orateur"]),
        ({"q": "mâcon"}, ["Stagiaire"]),
        ({"q": "s@mairie.fr"}, ["Stagiaire"]),
        ({"q": "orateur"}, ["Orateur"]),
    ],
    ids=[
        "category",
        "seat-status",
        "status",
        "email-failed",
        "email-pending",
        "email-none",
        "email-garbage",
        "civil-service",
        "employer",
        "email",
        "name",
    ],
)
def test_changelist_filters_and_search(admin_client, people, params, expected):
    response = admin_client.get(CHANGELIST, params)

    assert response.status_code == 200
    assert listed(response) == expected


def test_changelist_filters_by_mini_conference_and_meal(admin_client, people):
    by_mini_conference = admin_client.get(
        CHANGELIST, {"seat__mini_conference__id__exact": people["mini_conference"].pk}
    )
    by_meal = admin_client.get(CHANGELIST, {"meals__id__exact": people["lunch"].pk})

    assert listed(by_mini_conference) == ["Orateur", "Stagiaire"]
    assert listed(by_meal) == ["Stagiaire"]


def test_changelist_shows_seat_and_statuses(admin_client, people):
    html = admin_client.get(CHANGELIST).content.decode()

    mc = people["mini_conference"]
    assert f"{mc.number}. {mc.title} — Liste d’attente" in html
    assert f"{mc.number}. {mc.title} — Place confirmée" in html
    assert ">en échec</a>" in html
    assert ">en attente</a>" in html


def test_changelist_names_who_cancelled_and_titles_each_status_filter(admin_client, people):
    html = html_module.unescape(admin_client.get(CHANGELIST).content.decode())

    cancelled = people["cancelled"]
    assert f">{cancelled.last_name} {cancelled.first_name} (annulée)</a>" in html
    assert re.findall(r'data-filter-title="(statut[^"]*)"', html) == [
        "statut de la place",
        "statut de l’inscription",
    ]
    assert "s@<wbr>mairie.fr" in html  # A narrow column breaks the address after its « @ ».


def test_email_state_links_to_the_messages_only_for_who_may_read_them(client, people):
    organiser = factories.StaffUserFactory()
    organiser.groups.add(Group.objects.get(name="Organisateur·rice"))
    without = factories.StaffUserFactory()
    without.user_permissions.add(Permission.objects.get(codename="view_registration"))
    messages_url = reverse("admin:post_office_email_changelist")

    client.force_login(organiser)
    linked = client.get(CHANGELIST).content.decode()
    client.force_login(without)
    plain = client.get(CHANGELIST).content.decode()

    assert f'href="{messages_url}?to=s%40mairie.fr">en attente</a>' in linked
    assert messages_url not in plain
    assert ">en attente<" in plain


@pytest.fixture
def eaters(db):
    """Two days, their meals sharing titles; who takes which."""
    edition = factories.EditionFactory()
    monday = factories.DayFactory(edition=edition)
    tuesday = factories.DayFactory(edition=edition, date=monday.date + datetime.timedelta(1))
    meals = {
        (day, title): factories.SessionFactory(
            day=day, kind="meal", title=title, start=factories.paris(day.date, hour)
        )
        for day in (monday, tuesday)
        for hour, title in [(12, "Déjeuner"), (20, "Dîner")]
    }
    for last_name, taken in [
        ("Mardi", [(tuesday, "Déjeuner"), (tuesday, "Dîner")]),
        ("Lundi", [(monday, "Dîner")]),
        ("Jamais", []),
    ]:
        registration = factories.RegistrationFactory(edition=edition, last_name=last_name)
        registration.meals.set([meals[key] for key in taken])
    return {"monday": monday, "tuesday": tuesday, "meals": meals}


def filter_links(html, parameter):
    """The filter's choices, as (value, label), in the order the admin offers them."""
    pattern = rf'<a href="\?{parameter}=([^"&]+)">\s*([^<]*?)\s*</a>'
    return re.findall(pattern, html)


def test_meal_filters_name_each_meal_with_its_day(admin_client, eaters):
    html = html_module.unescape(admin_client.get(CHANGELIST).content.decode())

    meals, days = eaters["meals"], (eaters["monday"], eaters["tuesday"])
    assert filter_links(html, "meals__id__exact") == [
        (str(meals[days[0], "Dîner"].pk), "lundi 8 juillet — Dîner"),
        (str(meals[days[1], "Déjeuner"].pk), "mardi 9 juillet — Déjeuner"),
        (str(meals[days[1], "Dîner"].pk), "mardi 9 juillet — Dîner"),
    ]
    assert filter_links(html, "jour_repas") == [
        (str(days[0].pk), "lundi 8 juillet"),
        (str(days[1].pk), "mardi 9 juillet"),
    ]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("monday", ["Lundi"]),
        ("tuesday", ["Mardi"]),
        ("abc", ["Jamais", "Lundi", "Mardi"]),
        ("99999999999999999999999", ["Jamais", "Lundi", "Mardi"]),
    ],
    ids=["monday", "tuesday-listed-once", "garbage", "beyond-64-bits"],
)
def test_changelist_filters_by_meal_day(admin_client, eaters, day, expected):
    value = eaters[day].pk if day in eaters else day

    response = admin_client.get(CHANGELIST, {"jour_repas": value})

    assert response.status_code == 200
    assert [r.last_name for r in response.context["cl"].result_list] == expected


def test_meals_widget_names_each_meal_with_its_day(admin_client, eaters):
    registration = Registration.objects.get(last_name="Lundi")

    response = admin_client.get(
        reverse("admin:registrations_registration_change", args=[registration.pk])
    )

    boxes = re.findall(
        r'<input type="checkbox" name="meals" value="\d+"[^>]*?( checked)?>\s*([^<]*?)\s*</label>',
        response.content.decode(),
    )
    assert [(bool(selected), html_module.unescape(label)) for selected, label in boxes] == [
        (False, "lundi 8 juillet — Déjeuner"),
        (True, "lundi 8 juillet — Dîner"),
        (False, "mardi 9 juillet — Déjeuner"),
        (False, "mardi 9 juillet — Dîner"),
    ]


@pytest.mark.parametrize("rows", [2, 6], ids=["two", "six"])
def test_changelist_query_count_is_constant(admin_client, django_assert_num_queries, db, rows):
    for registration in factories.RegistrationFactory.create_batch(rows):
        factories.SeatFactory(registration=registration)
        factories.EmailFactory.create_batch(2, to=[registration.email])

    # session, user, 4 for the filters (editions, mini-conferences, meals, meal days), filtered
    # and total counts, the page with seats and mini-conferences joined and each row's latest
    # email as a subquery, 2 for the date hierarchy
    with django_assert_num_queries(11):
        response = admin_client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == rows


def test_markup_is_escaped_in_changelist_and_change_form(admin_client, db):
    registration = factories.RegistrationFactory(
        last_name="<script>alert('x')</script>", employer="<b>Mairie</b>"
    )

    changelist = admin_client.get(CHANGELIST).content.decode()
    change = admin_client.get(
        reverse("admin:registrations_registration_change", args=[registration.pk])
    ).content.decode()

    for html in (changelist, change):
        assert "<script>alert(" not in html
        assert "&lt;script&gt;alert(" in html
    assert "<b>Mairie</b>" not in changelist
    assert "&lt;b&gt;Mairie&lt;/b&gt;" in changelist


def test_change_form_has_the_inlines_and_the_history(admin_client, people):
    registration = Registration.objects.get(last_name="Orateur")
    factories.ChallengePreferenceFactory(registration=registration)

    response = admin_client.get(
        reverse("admin:registrations_registration_change", args=[registration.pk])
    )

    prefixes = [formset.formset.prefix for formset in response.context["inline_admin_formsets"]]
    assert prefixes == ["seat", "challenge_preferences", "attendances", "history"]


def test_resend_action_queues_a_new_message(admin_client, db, queued, mailoutbox):
    failed = factories.RegistrationFactory(email="panne@example.org")
    factories.EmailFactory(to=[failed.email], status=STATUS.failed)
    other = factories.RegistrationFactory(email="ok@example.org")

    response = admin_client.post(
        CHANGELIST,
        {"action": "resend_confirmation", "_selected_action": [failed.pk, other.pk]},
        follow=True,
    )

    assert messages_of(response) == [
        "2 courriels mis dans la file d’envoi ; la colonne « dernier courriel » "
        "dit s’ils sont partis."
    ]
    assert mailoutbox == []  # Nothing is sent inside the request: the worker will.
    new = Email.objects.filter(status=STATUS.queued).order_by("to")
    assert [(e.to, failed.token in e.message or other.token in e.message) for e in new] == [
        ([other.email], True),
        ([failed.email], True),
    ]
    assert listed(admin_client.get(CHANGELIST, {"courriel": "pending"})) == sorted(
        [failed.last_name, other.last_name]
    )


def test_resend_action_skips_cancelled_registrations(admin_client, db, mailoutbox):
    cancelled = factories.RegistrationFactory(status="cancelled")

    response = admin_client.post(
        CHANGELIST,
        {"action": "resend_confirmation", "_selected_action": [cancelled.pk]},
        follow=True,
    )

    assert mailoutbox == []
    assert messages_of(response) == ["Inscriptions annulées ou anonymisées, sans courriel\xa0: 1."]


def test_cancel_action_cancels_and_promotes(admin_client, db):
    mini_conference = factories.MiniConferenceFactory(capacity=1)
    seated = factories.SeatFactory(mini_conference=mini_conference).registration
    waiting = factories.SeatFactory(mini_conference=mini_conference, status="waiting")

    response = admin_client.post(
        CHANGELIST, {"action": "cancel_registrations", "_selected_action": [seated.pk]}, follow=True
    )

    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert seated.status == "cancelled"
    assert waiting.status == "confirmed"
    assert messages_of(response) == ["1 inscription annulée."]


def test_cancel_action_skips_already_cancelled(admin_client, people):
    cancelled = people["cancelled"]

    response = admin_client.post(
        CHANGELIST,
        {"action": "cancel_registrations", "_selected_action": [cancelled.pk]},
        follow=True,
    )

    assert messages_of(response) == ["Aucune inscription à annuler\xa0: elles l’étaient déjà."]


@pytest.mark.parametrize("changelist", [CHANGELIST, SEATS], ids=["registrations", "seats"])
def test_promote_action_fills_freed_seats_in_order(
    admin_client, db, changelist, django_capture_on_commit_callbacks, mailoutbox
):
    mini_conference = factories.MiniConferenceFactory(capacity=2)
    factories.SeatFactory(mini_conference=mini_conference)
    first, second = (
        factories.SeatFactory(
            mini_conference=mini_conference, status="waiting", registration__first_name=name
        )
        for name in ("Premier", "Second")
    )
    selected = first.registration if changelist == CHANGELIST else first

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            changelist,
            {"action": "promote_waiting", "_selected_action": [selected.pk]},
            follow=True,
        )

    assert [m.to for m in mailoutbox] == [[first.registration.email]]
    statuses = dict(Seat.objects.filter(status="waiting").values_list("pk", "status"))
    first.refresh_from_db()
    assert first.status == "confirmed"
    assert statuses == {second.pk: "waiting"}
    assert messages_of(response) == [
        f"1 personne passe de la liste d’attente à une place confirmée\xa0: {first.registration}."
    ]


def test_promote_action_with_nothing_to_do(admin_client, db):
    seat = factories.SeatFactory(mini_conference__capacity=1)

    response = admin_client.post(
        SEATS, {"action": "promote_waiting", "_selected_action": [seat.pk]}, follow=True
    )

    assert messages_of(response) == ["Aucune place libre ou personne en attente\xa0: rien à faire."]


def test_seat_admin_filters_and_orders_by_joining(admin_client, db):
    mini_conference = factories.MiniConferenceFactory()
    late = factories.SeatFactory(mini_conference=mini_conference, status="waiting")
    early = factories.SeatFactory(
        mini_conference=mini_conference,
        status="waiting",
        joined_at=late.joined_at.replace(year=late.joined_at.year - 1),
    )
    factories.SeatFactory()

    response = admin_client.get(
        SEATS, {"mini_conference__id__exact": mini_conference.pk, "status__exact": "waiting"}
    )

    assert list(response.context["cl"].result_list) == [early, late]


def test_attendance_admin_lists_records(admin_client, db):
    attendance = factories.AttendanceFactory()

    response = admin_client.get(reverse("admin:registrations_attendance_changelist"))

    assert list(response.context["cl"].result_list) == [attendance]
