# The « Organisateur·rice » group reads the change notices and sends or holds them.

from django.db import migrations

from programme.organisers import grant


def add_permissions(apps, schema_editor):
    grant(
        apps, schema_editor, "registrations", {"noticeround": ("view",)}, codenames=["send_notices"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0004_notice_rounds"),
        ("programme", "0003_organiser_group"),
    ]

    operations = [
        migrations.RunPython(add_permissions, migrations.RunPython.noop),
    ]
