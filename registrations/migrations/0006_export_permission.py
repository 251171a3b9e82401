# Exporting the registrations gets a permission of its own (IMPORT_EXPORT_EXPORT_PERMISSION_CODE),
# which the « Organisateur·rice » group receives: on an existing site, `migrate` adds it to the
# group already there, so organisers keep the export and other staff accounts lose it.

from django.db import migrations

from programme.organisers import grant


def add_permissions(apps, schema_editor):
    grant(apps, schema_editor, "registrations", {}, codenames=["export_registration"])


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0005_notice_permissions"),
        ("programme", "0003_organiser_group"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="registration",
            options={
                "ordering": ["last_name", "first_name", "pk"],
                "permissions": [
                    ("export_registration", "Peut exporter les inscriptions (CSV, XLSX)")
                ],
                "verbose_name": "inscription",
                "verbose_name_plural": "inscriptions",
            },
        ),
        migrations.RunPython(add_permissions, migrations.RunPython.noop),
    ]
