# The « Organisateur·rice » group and exactly the permissions organisers need.
#
# ORGANISER_PERMISSIONS is the one list of what the group may do. A later app (or a later model
# here) adds its permissions with its own data migration, built the same way: call
# programme.organisers.grant with its own {model: actions}.

from django.db import migrations

from programme.organisers import EVERYTHING, grant

ORGANISER_PERMISSIONS = {
    "programme": {
        model: EVERYTHING
        for model in (
            "organisation",
            "edition",
            "partnership",
            "day",
            "venue",
            "person",
            "session",
            "challengetheme",
            "challengetype",
            "challenge",
            "miniconference",
            "programmechange",
        )
    },
    "registrations": {
        # Participants register themselves: organisers correct, never invent or erase.
        "registration": ("view", "change"),
        "seat": ("view", "change"),
        # Organisers record presence from the signed sheets, and fix their typing mistakes.
        "attendance": EVERYTHING,
        "challengepreference": ("view", "change", "delete"),
    },
}


def create_organiser_group(apps, schema_editor):
    for label, permissions in ORGANISER_PERMISSIONS.items():
        grant(apps, schema_editor, label, permissions)


class Migration(migrations.Migration):

    dependencies = [
        ("programme", "0002_programme_changes"),
        ("registrations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_organiser_group, migrations.RunPython.noop),
    ]
