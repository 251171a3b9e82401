"""The sessions that revisit the learning intention: flagged in the shipped programme's data
(never in code), for a database loaded before the flag too, and kept by the edition's copy."""

import datetime
import importlib

from django.apps import apps as django_apps

from programme.copying import copy_edition
from programme.models import Session

FLAGGED = {"Retour en équipe apprenante", "Accélération de son propre projet"}


def flagged(edition):
    return set(
        Session.objects.of_edition(edition)
        .filter(revisits_intention=True)
        .values_list("title", flat=True)
    )


def test_the_2017_programme_flags_its_two_learning_team_sessions(programme):
    assert flagged(programme) == FLAGGED


def test_the_copy_of_an_edition_keeps_the_flag(programme):
    copy = copy_edition(programme, first_day=programme.start_date + datetime.timedelta(days=364))

    assert flagged(copy) == FLAGGED


def test_a_database_loaded_before_the_flag_gets_it_on_the_rows_still_as_loaded(programme):
    Session.objects.update(revisits_intention=False)
    renamed = Session.objects.get(title="Retour en équipe apprenante")
    renamed.title = "Retour en équipe (renommée)"
    renamed.save()
    migration = importlib.import_module("programme.migrations.0010_session_revisits_intention")

    migration.flag_loaded_sessions(django_apps, None)

    assert flagged(programme) == {"Accélération de son propre projet"}
