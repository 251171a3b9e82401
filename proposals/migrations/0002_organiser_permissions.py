# The « Organisateur·rice » group (programme 0003) gets what reviewing the call needs.

from django.contrib.auth.management import create_permissions
from django.db import migrations

ORGANISER_GROUP = "Organisateur·rice"

PERMISSIONS = {
    "call": ("add", "change", "delete", "view"),
    # Proposals come from the public form: organisers review and decide, or erase on request.
    "proposal": ("view", "change", "delete"),
    "speaker": ("view", "change"),
    # Each organiser writes their own review from the proposal's page.
    "review": ("view", "add", "change", "delete"),
}


def add_permissions(apps, schema_editor):
    using = schema_editor.connection.alias
    app_config = apps.get_app_config("proposals")
    # Historical app configs have no models module, which create_permissions skips.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=using)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(using).get_or_create(name=ORGANISER_GROUP)
    for model, actions in PERMISSIONS.items():
        for action in actions:
            # get() fails loudly if a model was renamed: better than a group short of rights.
            group.permissions.add(
                Permission.objects.using(using).get(
                    content_type__app_label="proposals", codename=f"{action}_{model}"
                )
            )


class Migration(migrations.Migration):

    dependencies = [
        ("proposals", "0001_call_proposals_reviews"),
        ("programme", "0003_organiser_group"),
    ]

    operations = [
        migrations.RunPython(add_permissions, migrations.RunPython.noop),
    ]
