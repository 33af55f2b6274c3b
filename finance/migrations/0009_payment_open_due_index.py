from django.db import migrations, models

# PostgreSQL cannot guess how many distinct years EXTRACT(YEAR ...) yields (it assumes 200 for
# each), so the finance overview's one grouped query (finance.queue.payment_groups: per status,
# due year and the year the budget period starts) was planned as a sort of every payment spilled
# to disk instead of a hash of a few dozen groups. Statistics on the two expressions tell it.
# SQLite plans without them.
STATISTICS = [
    ("finance_payment_due_year_stat", "finance_payment", "due_date"),
    ("finance_budgetperiod_start_year_stat", "finance_budgetperiod", "start"),
]


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in STATISTICS:
        schema_editor.execute(
            f'CREATE STATISTICS IF NOT EXISTS "{name}" ON (EXTRACT(YEAR FROM "{column}")) '
            f'FROM "{table}"'
        )
        schema_editor.execute(f'ANALYZE "{table}"')


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in STATISTICS:
        schema_editor.execute(f'DROP STATISTICS IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0008_sie_batch_and_termination_figures"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="payment",
            index=models.Index(
                condition=models.Q(("status__in", ("planned", "approved"))),
                fields=["due_date", "id"],
                name="payment_open_due_idx",
            ),
        ),
        migrations.RunPython(create_statistics, drop_statistics),
    ]
