"""The quiz report: what it reads, kept where it can read it quickly.

Each attempt's number of questions is kept by the database from its snapshot (`Attempt.out_of`); an index
holds every attempt column the report reads; each selection names its answer's attempt and question, so
the report counts choices without joining every answer. Existing selections are filled in from their answers.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

import assessments.models


def fill_in_selections(apps, schema_editor):
    Answer = apps.get_model("assessments", "Answer")
    Selection = apps.get_model("assessments", "Selection")
    answer = Answer.objects.filter(pk=OuterRef("answer_id"))
    Selection.objects.update(
        attempt_id=Subquery(answer.values("attempt_id")[:1]),
        question_key=Subquery(answer.values("question_key")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="attempt",
            name="out_of",
            field=models.GeneratedField(
                db_persist=True,
                expression=assessments.models.JSONArrayLength("questions"),
                help_text="How many questions the attempt drew: its score is out of this many.",
                output_field=models.PositiveSmallIntegerField(),
            ),
        ),
        migrations.AddIndex(
            model_name="attempt",
            index=models.Index(
                fields=[
                    "quiz",
                    "state",
                    "score",
                    "out_of",
                    "id",
                    "employee",
                    "passed",
                    "started_at",
                    "finished_at",
                    "finished_by",
                ],
                name="attempt_report_figures",
            ),
        ),
        migrations.AddField(
            model_name="selection",
            name="attempt",
            field=models.ForeignKey(
                null=True,
                help_text="The answer's attempt.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="assessments.attempt",
            ),
        ),
        migrations.AddField(
            model_name="selection",
            name="question_key",
            field=models.CharField(default="", help_text="The answer's question.", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(fill_in_selections, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="selection",
            name="attempt",
            field=models.ForeignKey(
                help_text="The answer's attempt.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="assessments.attempt",
            ),
        ),
        migrations.AddConstraint(
            model_name="selection",
            constraint=models.CheckConstraint(
                condition=models.Q(("question_key", ""), _negated=True), name="selection_names_its_question"
            ),
        ),
    ]
