# One content version for the whole site, in place of each edition's programme_updated_at.

from django.db import migrations, models
from django.db.models import Max
from django.utils import timezone


def first_version(apps, schema_editor):
    """Number 1, dated from the latest programme change recorded so far (or now)."""
    Edition = apps.get_model("programme", "Edition")
    ContentVersion = apps.get_model("programme", "ContentVersion")
    using = schema_editor.connection.alias
    latest = Edition.objects.using(using).aggregate(latest=Max("programme_updated_at"))["latest"]
    ContentVersion.objects.using(using).create(
        pk=1, number=1, changed_at=latest or timezone.now()
    )


class Migration(migrations.Migration):

    dependencies = [
        ('programme', '0003_organiser_group'),
    ]

    operations = [
        migrations.CreateModel(
            name='ContentVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveBigIntegerField(default=0, verbose_name='numéro')),
                ('changed_at', models.DateTimeField(blank=True, null=True, verbose_name='modifié le')),
            ],
            options={
                'verbose_name': 'version du contenu',
                'verbose_name_plural': 'versions du contenu',
                'constraints': [models.CheckConstraint(condition=models.Q(('pk', 1)), name='one_content_version')],
            },
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='edition',
            name='programme_updated_at',
        ),
    ]
