# Without Redis the cache is a database table (settings: CACHES): create it with the schema,
# so that `migrate` alone prepares a working site. Nothing happens when the cache is Redis.

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):

    dependencies = [
        ("programme", "0004_content_version"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True),
    ]
