# One log entry per edit (every field it changed), mini-conferences logged too, and what
# calendars need of each item: cancellation, SEQUENCE, LAST-MODIFIED.

import django.db.models.deletion
from django.db import migrations, models

TRACKED_FIELDS = [
    (
        "is_cancelled",
        lambda: models.BooleanField(
            default=False,
            help_text="Reste affichée, marquée « annulée » ; les inscrites et inscrits sont prévenus.",
            verbose_name="annulée",
        ),
    ),
    (
        "sequence",
        lambda: models.PositiveIntegerField(
            default=0, editable=False, verbose_name="version pour les agendas"
        ),
    ),
    (
        "changed_at",
        lambda: models.DateTimeField(
            blank=True, editable=False, null=True, verbose_name="dernière modification"
        ),
    ),
]


def one_entry_per_row(apps, schema_editor):
    """Entries written before: one field each, values already worded; kept as they read."""
    ProgrammeChange = apps.get_model("programme", "ProgrammeChange")
    for change in ProgrammeChange.objects.using(schema_editor.connection.alias):
        change.title = change.session_title
        if change.field in ("added", "removed"):
            change.kind, change.fields = change.field, []
        else:
            change.kind = "changed"
            change.fields = [
                {"field": change.field, "old": change.old_value, "new": change.new_value}
            ]
        change.save(update_fields=["title", "kind", "fields"])


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0005_cache_table"),
    ]

    operations = [
        *[
            migrations.AddField(model_name=model, name=name, field=field())
            for model in ("session", "miniconference")
            for name, field in TRACKED_FIELDS
        ],
        migrations.AddField(
            model_name="programmechange",
            name="title",
            field=models.CharField(default="", max_length=300, verbose_name="intitulé"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="programmechange",
            name="kind",
            field=models.CharField(
                choices=[("changed", "modifiée"), ("added", "ajoutée"), ("removed", "supprimée")],
                default="changed",
                max_length=20,
                verbose_name="modification",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="programmechange",
            name="fields",
            field=models.JSONField(blank=True, default=list, verbose_name="champs modifiés"),
        ),
        migrations.AddField(
            model_name="programmechange",
            name="mini_conference",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="changes",
                to="programme.miniconference",
                verbose_name="mini-conférence",
            ),
        ),
        migrations.AddField(
            model_name="programmechange",
            name="audience",
            field=models.JSONField(
                blank=True, editable=False, null=True, verbose_name="personnes concernées"
            ),
        ),
        migrations.RunPython(one_entry_per_row, migrations.RunPython.noop),
        *[
            migrations.RemoveField(model_name="programmechange", name=name)
            for name in ("session_title", "field", "old_value", "new_value")
        ],
        migrations.AlterField(
            model_name="programmechange",
            name="changed_at",
            field=models.DateTimeField(db_index=True, verbose_name="le"),
        ),
        migrations.AddConstraint(
            model_name="programmechange",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("mini_conference__isnull", False), ("session__isnull", False), _negated=True
                ),
                name="change_of_one_item",
            ),
        ),
    ]
