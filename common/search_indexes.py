"""Trigram indexes for text search on PostgreSQL, created by migrations.

The lists search with `icontains`, which PostgreSQL runs as UPPER(column) LIKE UPPER('%term%');
a GIN index over UPPER(column) with pg_trgm's operator class serves exactly that expression.
SQLite has no such index and runs the same query as a scan, which is fine at its scale. The
operation does nothing on other databases, so one migration serves both.
"""

from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models.sql import Query


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


class FullTextIndex(TrigramIndex):
    """A GIN index over the full-text vector of `fields`, compiled by Django from the same
    SearchVector the query uses, so the two expressions are the same and the planner can use
    the index (PostgreSQL only, like the trigram indexes)."""

    def __init__(
        self, *, app_label: str, model_name: str, fields: tuple[str, ...], name: str, config: str
    ):
        # The index may be created by another app's migration (the search app's).
        self.app_label = app_label
        self.model_name = model_name
        self.fields = tuple(fields)
        self.name = name
        self.config = config

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if not self._applies(schema_editor):
            return
        model = to_state.apps.get_model(self.app_label, self.model_name)
        query = Query(model, alias_cols=False)
        expression = SearchVector(*self.fields, config=self.config).resolve_expression(query)
        compiler = query.get_compiler(connection=schema_editor.connection)
        sql, params = expression.as_sql(compiler, schema_editor.connection)
        sql = sql % tuple(schema_editor.quote_value(param) for param in params)
        table = schema_editor.quote_name(model._meta.db_table)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {schema_editor.quote_name(self.name)} "
            f"ON {table} USING gin (({sql}))"
        )

    def describe(self):
        return f"Full-text index {self.name} (PostgreSQL only)"
