# The « Organisateur·rice » group (programme 0003) gets the teams' permissions: organisers run,
# review, adjust and publish the allocations, and record which registration carries which challenge.

from django.db import migrations

from programme.organisers import EVERYTHING, grant

TEAMS_PERMISSIONS = {
    # Add: run; change: publish; delete: discard a draft run.
    "allocation": EVERYTHING,
    # Teams are created by a run; organisers only look at them.
    "team": ("view",),
    # Moving someone by hand, placing someone left out, removing someone.
    "membership": EVERYTHING,
    "challengeownership": EVERYTHING,
}


def add_permissions(apps, schema_editor):
    grant(apps, schema_editor, "teams", TEAMS_PERMISSIONS)


class Migration(migrations.Migration):

    dependencies = [
        ("teams", "0001_teams_and_allocations"),
        ("programme", "0003_organiser_group"),
    ]

    operations = [
        migrations.RunPython(add_permissions, migrations.RunPython.noop),
    ]
