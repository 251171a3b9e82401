# Editions that exist before this app get the default questionnaire (new ones get it when they
# are created, evaluations/apps.py); the « Organisateur·rice » group (programme 0003) may edit
# the questions and read the results.

from django.db import migrations

from evaluations.defaults import QUESTIONS, create_defaults
from programme.organisers import EVERYTHING, grant


def add_defaults(apps, schema_editor):
    Edition = apps.get_model("programme", "Edition")
    Question = apps.get_model("evaluations", "Question")
    for edition in Edition.objects.filter(evaluation_questions__isnull=True):
        create_defaults(Question, edition, QUESTIONS)


def add_permissions(apps, schema_editor):
    grant(
        apps,
        schema_editor,
        "evaluations",
        {"question": EVERYTHING, "dayreminder": ("view",)},
        codenames=("view_results",),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("evaluations", "0001_questionnaires_and_anonymous_answers"),
        ("programme", "0003_organiser_group"),
    ]

    operations = [
        migrations.RunPython(add_defaults, migrations.RunPython.noop),
        migrations.RunPython(add_permissions, migrations.RunPython.noop),
    ]
