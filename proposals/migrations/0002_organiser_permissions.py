# The « Organisateur·rice » group (programme 0003) gets what reviewing the call needs.

from django.db import migrations

from programme.organisers import grant

PERMISSIONS = {
    "call": ("add", "change", "delete", "view"),
    # Proposals come from the public form: organisers review and decide, or erase on request.
    "proposal": ("view", "change", "delete"),
    "speaker": ("view", "change"),
    # Each organiser writes their own review from the proposal's page.
    "review": ("view", "add", "change", "delete"),
}


def add_permissions(apps, schema_editor):
    grant(apps, schema_editor, "proposals", PERMISSIONS)


class Migration(migrations.Migration):

    dependencies = [
        ("proposals", "0001_call_proposals_reviews"),
        ("programme", "0003_organiser_group"),
    ]

    operations = [
        migrations.RunPython(add_permissions, migrations.RunPython.noop),
    ]
