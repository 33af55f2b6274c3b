"""Trigram indexes for text search on PostgreSQL, created by migrations.

The lists search with `icontains`, which PostgreSQL runs as UPPER(column) LIKE UPPER('%term%');
a GIN index over UPPER(column) with pg_trgm's operator class serves exactly that expression.
SQLite has no such index and runs the same query as a scan, which is fine at its scale. The
operation does nothing on other databases, so one migration serves both.
"""

from django.db import migrations


class TrigramIndex(migrations.operations.base.Operation):
    reduces_to_sql = False
    reversible = True

    def __init__(self, *, model_name: str, column: str, name: str, upper: bool = True):
        self.model_name = model_name
        self.column = column
        self.name = name
        self.upper = upper

    def state_forwards(self, app_label, state):
        pass  # not part of the model state: the index only exists on PostgreSQL

    def _applies(self, schema_editor) -> bool:
        return schema_editor.connection.vendor == "postgresql"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if not self._applies(schema_editor):
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        column = schema_editor.quote_name(self.column)
        expression = f"UPPER({column}::text)" if self.upper else column
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {schema_editor.quote_name(self.name)} "
            f"ON {table} USING gin (({expression}) gin_trgm_ops)"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if self._applies(schema_editor):
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")

    def describe(self):
        return f"Trigram index {self.name} (PostgreSQL only)"
