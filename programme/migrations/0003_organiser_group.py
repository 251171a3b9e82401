# The « Organisateur·rice » group and exactly the permissions organisers need.
#
# ORGANISER_PERMISSIONS is the one list of what the group may do. A later app (or a later model
# here) adds its permissions with its own data migration, built the same way: call
# create_permissions for the app, then group.permissions.add(...) for the new codenames.

from django.contrib.auth.management import create_permissions
from django.db import migrations

ORGANISER_GROUP = "Organisateur·rice"

EVERYTHING = ("add", "change", "delete", "view")

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


def ensure_permissions(apps, using):
    """Permissions are normally created after migrate; the group needs them now."""
    for label in ORGANISER_PERMISSIONS:
        app_config = apps.get_app_config(label)
        # Historical app configs have no models module, which create_permissions skips.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        app_config.models_module = None


def wanted_permissions(apps, using):
    Permission = apps.get_model("auth", "Permission")
    wanted = [
        (label, f"{action}_{model}")
        for label, models in ORGANISER_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    permissions = []
    for label, codename in wanted:
        # get() fails loudly if a model was renamed: better than a group silently short of rights.
        permissions.append(
            Permission.objects.using(using).get(content_type__app_label=label, codename=codename)
        )
    return permissions


def create_organiser_group(apps, schema_editor):
    using = schema_editor.connection.alias
    ensure_permissions(apps, using)
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.using(using).get_or_create(name=ORGANISER_GROUP)
    group.permissions.set(wanted_permissions(apps, using))


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
