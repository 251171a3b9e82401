import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from programme.models import Edition, Session
from tests.factories import OrganiserFactory

CHANGELIST = reverse("admin:programme_edition_changelist")


def copy_url(edition):
    return reverse("admin:programme_edition_copy", args=[edition.pk])


@pytest.fixture
def organiser(client, db):
    client.force_login(OrganiserFactory())
    return client


def choose_action(client, *editions):
    return client.post(
        CHANGELIST,
        {"action": "copy_selected", ACTION_CHECKBOX_NAME: [e.pk for e in editions]},
    )


def test_copy_action_asks_for_the_new_first_day(organiser, programme):
    response = choose_action(organiser, programme)
    assert response.status_code == 302
    assert response.url == copy_url(programme)

    page = organiser.get(response.url)

    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="date"' in html
    assert "Premier jour de la nouvelle édition" in html
    assert "20 séances, leurs types et leurs lieux" in html
    assert "les inscriptions, les places et les listes d’attente" in html
    assert "<script" not in html.split('id="content-main"')[1]
    assert page.context["form"]["name"].value() == programme.title


def test_copy_page_creates_the_edition_and_opens_it(organiser, programme):
    response = organiser.post(
        copy_url(programme), {"first_day": "2018-07-09", "name": "3e Université"}, follow=True
    )

    copy = Edition.objects.get(title="3e Université")
    assert response.redirect_chain == [
        (reverse("admin:programme_edition_change", args=[copy.pk]), 302)
    ]
    assert [str(m) for m in response.context["messages"]] == [
        "La nouvelle édition est prête, du lundi 9 juillet 2018 au mercredi 11 juillet 2018, "
        "avec 20 séances. Elle n’est pas publiée et ses inscriptions sont fermées\xa0: "
        "vérifiez-la, indiquez les dates des inscriptions, puis publiez-la."
    ]
    assert (copy.start_date, copy.is_published) == (datetime.date(2018, 7, 9), False)
    assert Session.objects.of_edition(copy).count() == 20


def test_copy_page_accepts_a_date_typed_the_french_way(organiser, programme):
    organiser.post(copy_url(programme), {"first_day": "09/07/2018", "name": "3e Université"})

    assert Edition.objects.get(title="3e Université").start_date == datetime.date(2018, 7, 9)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "X"}, "first_day", "Indiquez le premier jour de la nouvelle édition."),
        ({"first_day": "lundi", "name": "X"}, "first_day", "Saisissez une date, par exemple"),
        ({"first_day": "2018-02-30", "name": "X"}, "first_day", "Saisissez une date, par exemple"),
        ({"first_day": "2018-07-09", "name": ""}, "name", "Ce champ est obligatoire."),
        ({"first_day": "2018-07-09", "name": "X" * 201}, "name", "au plus 200 caractères"),
        ({"first_day": "2017-07-11", "name": "X"}, "first_day", "la copie tomberait pendant"),
    ],
    ids=["no-day", "not-a-date", "no-such-day", "no-name", "name-too-long", "overlap"],
)
def test_copy_page_explains_what_it_refuses(organiser, programme, data, field, message):
    response = organiser.post(copy_url(programme), data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert message in response.context["form"].errors[field][0]
    assert message in response.content.decode()
    assert Edition.objects.count() == 1


def test_copy_action_on_two_editions_asks_for_one(organiser, programme):
    other = Edition.objects.create(
        number=1,
        slug="2016",
        title="1re",
        theme="t",
        town="Cluny",
        start_date=datetime.date(2016, 7, 4),
        end_date=datetime.date(2016, 7, 6),
    )

    response = choose_action(organiser, programme, other)
    page = organiser.get(CHANGELIST)

    assert response.status_code == 302
    assert "Choisissez une seule édition à copier." in page.content.decode()
    assert Edition.objects.count() == 2


def test_copy_page_of_an_unknown_edition_goes_back_to_the_list(organiser, db):
    response = organiser.get(reverse("admin:programme_edition_copy", args=["999999"]), follow=True)

    assert response.redirect_chain == [(CHANGELIST, 302)]
    assert "Cette édition n’existe pas ou plus." in response.content.decode()


def test_copy_needs_the_right_to_add_editions(client, programme):
    user = User.objects.create_user("lecture", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_edition"))
    client.force_login(user)

    action_form = client.get(CHANGELIST).context["action_form"]  # None: no action at all
    actions = dict(action_form.fields["action"].choices) if action_form else {}
    response = client.post(copy_url(programme), {"first_day": "2018-07-09", "name": "X"})

    assert "copy_selected" not in actions
    assert choose_action(client, programme).status_code != 302
    assert response.status_code == 403
    assert Edition.objects.count() == 1


def test_edition_change_page_links_to_the_copy(organiser, programme):
    page = organiser.get(reverse("admin:programme_edition_change", args=[programme.pk]))

    assert f'href="{copy_url(programme)}"' in page.content.decode()
