# The « Organisateur·rice » group (programme 0003) may follow the emails and requeue them.

from django.db import migrations

from programme.organisers import grant

POST_OFFICE_PERMISSIONS = {
    # The admin keeps messages read only: "change" is what allows « Remettre dans la file
    # d'envoi ». Deleting stays with superusers (and post-office's cleanup_mail).
    "email": ("view", "change"),
    "log": ("view",),
}


def add_permissions(apps, schema_editor):
    grant(apps, schema_editor, "post_office", POST_OFFICE_PERMISSIONS)


class Migration(migrations.Migration):

    dependencies = [
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
        ("programme", "0003_organiser_group"),
    ]

    operations = [
        migrations.RunPython(add_permissions, migrations.RunPython.noop),
    ]
