# The flag of the sessions that revisit the learning intention. Fixtures load once
# (fixtures/README.md): a database that loaded programme-2017.json before the flag existed would
# not get it from the file, so the rows still as loaded (same key, same title) get it here; a
# session the organisers renamed or deleted is theirs, and left alone.

from django.db import migrations, models

LOADED_BEFORE = {
    2017013: "Retour en équipe apprenante",
    2017018: "Accélération de son propre projet",
}


def flag_loaded_sessions(apps, schema_editor):
    Session = apps.get_model("programme", "Session")
    for pk, title in LOADED_BEFORE.items():
        Session.objects.filter(pk=pk, title=title).update(revisits_intention=True)


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0009_certificate_signatory_and_articles"),
    ]

    operations = [
        migrations.AddField(
            model_name="session",
            name="revisits_intention",
            field=models.BooleanField(
                default=False,
                help_text="Chaque participante et participant y retrouve son intention d’apprentissage et son propre projet, sur sa page personnelle et dans son programme.",
                verbose_name="revient sur l’intention d’apprentissage",
            ),
        ),
        migrations.RunPython(flag_loaded_sessions, migrations.RunPython.noop),
    ]
