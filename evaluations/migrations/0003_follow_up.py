# The « à froid » questionnaire: its questions, the Response that says one has answered it
# (once), and the record that an edition's follow-up emails went (once). Editions that exist
# already get the default à froid questions; the organisers' group may see the record.

import django.db.models.deletion
from django.db import migrations, models

from evaluations.defaults import FOLLOW_UP_QUESTIONS, create_defaults
from programme.organisers import grant


def add_follow_up_defaults(apps, schema_editor):
    Edition = apps.get_model("programme", "Edition")
    Question = apps.get_model("evaluations", "Question")
    for edition in Edition.objects.exclude(evaluation_questions__scope="follow_up"):
        create_defaults(Question, edition, FOLLOW_UP_QUESTIONS)


def add_permissions(apps, schema_editor):
    grant(apps, schema_editor, "evaluations", {"followupmailing": ("view",)})


class Migration(migrations.Migration):

    dependencies = [
        ('evaluations', '0002_default_questions_and_organiser_permissions'),
        ('programme', '0010_session_revisits_intention'),
        ('registrations', '0009_private_texts'),
    ]

    operations = [
        migrations.CreateModel(
            name='FollowUpMailing',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('recipients', models.PositiveIntegerField(default=0, verbose_name='destinataires')),
            ],
            options={
                'verbose_name': 'envoi à froid',
                'verbose_name_plural': 'envois à froid',
            },
        ),
        migrations.RemoveConstraint(
            model_name='response',
            name='one_event_evaluation_per_person',
        ),
        migrations.AddField(
            model_name='response',
            name='follow_up',
            field=models.BooleanField(default=False, verbose_name='questionnaire à froid'),
        ),
        migrations.AlterField(
            model_name='question',
            name='scope',
            field=models.CharField(choices=[('session', 'Pour chaque séance'), ('event', 'Pour l’ensemble de l’événement'), ('follow_up', 'À froid, quelques semaines après')], max_length=20, verbose_name='groupe'),
        ),
        migrations.AddConstraint(
            model_name='response',
            constraint=models.UniqueConstraint(condition=models.Q(('follow_up', False), ('session__isnull', True)), fields=('registration',), name='one_event_evaluation_per_person'),
        ),
        migrations.AddConstraint(
            model_name='response',
            constraint=models.UniqueConstraint(condition=models.Q(('follow_up', True)), fields=('registration',), name='one_follow_up_answer_per_person'),
        ),
        migrations.AddField(
            model_name='followupmailing',
            name='edition',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='evaluation_follow_up', to='programme.edition', verbose_name='édition'),
        ),
        migrations.RunPython(add_follow_up_defaults, migrations.RunPython.noop),
        migrations.RunPython(add_permissions, migrations.RunPython.noop),
    ]
