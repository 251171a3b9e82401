# The « Animateur·rice » group: facilitators record presences on site and nothing else (no
# name list, no admin page). Organisers also get the right, and read the closings and their log.

from django.db import migrations

from programme.organisers import ensure_permissions, grant

FACILITATOR_GROUP = "Animateur·rice"


def create_facilitator_group(apps, schema_editor):
    using = schema_editor.connection.alias
    ensure_permissions(apps, "registrations", using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(using).get_or_create(name=FACILITATOR_GROUP)
    group.permissions.set(
        [
            Permission.objects.using(using).get(
                content_type__app_label="registrations", codename="record_presence"
            )
        ]
    )
    grant(
        apps,
        schema_editor,
        "registrations",
        {"listclosing": ("view", "delete"), "attendancelog": ("view",)},
        codenames=["record_presence"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0010_on_site_sign_in"),
        ("programme", "0003_organiser_group"),
    ]

    operations = [
        migrations.RunPython(create_facilitator_group, migrations.RunPython.noop),
    ]
