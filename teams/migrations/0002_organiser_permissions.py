# The « Organisateur·rice » group (programme 0003) gets the teams' permissions: organisers run,
# review, adjust and publish the allocations, and record which registration carries which challenge.

from django.contrib.auth.management import create_permissions
from django.db import migrations

ORGANISER_GROUP = "Organisateur·rice"

EVERYTHING = ("add", "change", "delete", "view")

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
    using = schema_editor.connection.alias
    app_config = apps.get_app_config("teams")
    # Historical app configs have no models module, which create_permissions skips.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=using)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(using).get_or_create(name=ORGANISER_GROUP)
    for model, actions in TEAMS_PERMISSIONS.items():
        for action in actions:
            # get() fails loudly if a model was renamed: better than a group short of rights.
            group.permissions.add(
                Permission.objects.using(using).get(
                    content_type__app_label="teams", codename=f"{action}_{model}"
                )
            )


class Migration(migrations.Migration):

    dependencies = [
        ("teams", "0001_teams_and_allocations"),
        ("programme", "0003_organiser_group"),
    ]

    operations = [
        migrations.RunPython(add_permissions, migrations.RunPython.noop),
    ]
