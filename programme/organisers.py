"""The « Organisateur·rice » group's rights, granted by each app's data migration.

Migrations call `grant` with their historical `apps`, so it never imports a model itself.
"""

from django.contrib.auth.management import create_permissions

ORGANISER_GROUP = "Organisateur·rice"
EVERYTHING = ("add", "change", "delete", "view")


def ensure_permissions(apps, label, using):
    """Permissions are normally created after migrate; the group needs them now."""
    app_config = apps.get_app_config(label)
    # Historical app configs have no models module, which create_permissions skips.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=using)
    app_config.models_module = None


def grant(apps, schema_editor, label, permissions, *, codenames=()):
    """Give the group `permissions` ({model: actions}) of app `label`, and the permissions of
    that app named in `codenames` (those a model's Meta.permissions declares)."""
    using = schema_editor.connection.alias
    ensure_permissions(apps, label, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(using).get_or_create(name=ORGANISER_GROUP)
    wanted = [f"{action}_{model}" for model, actions in permissions.items() for action in actions]
    for codename in [*wanted, *codenames]:
        # get() fails loudly if a model was renamed: better than a group short of rights.
        group.permissions.add(
            Permission.objects.using(using).get(content_type__app_label=label, codename=codename)
        )
