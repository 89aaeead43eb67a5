"""Trigram index for the contact search, on PostgreSQL only.

SQLite has neither pg_trgm nor GIN: there the operations do nothing, and
the model state never holds the index (see `models.search_document`).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class OnPostgreSQL(migrations.operations.base.Operation):
    """Run `operation` against PostgreSQL; leave state and SQLite alone."""

    reversible = True

    def __init__(self, operation):
        self.operation = operation

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_forwards(
                app_label, schema_editor, from_state, to_state
            )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_backwards(
                app_label, schema_editor, from_state, to_state
            )

    def describe(self):
        return f"On PostgreSQL only: {self.operation.describe()}"


# Frozen copy of models.search_index_sql() as of this migration.
SEARCH_INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS contact_search_trgm ON contacts_contact USING gin "
    "((LOWER(\"email\" || ' ' || \"first_name\" || ' ' || \"last_name\" || ' ' || "
    '"phone" || \' \' || "city" || \' \' || "organization")) gin_trgm_ops)'
)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0004_segments_fields_suppression")]

    operations = [
        OnPostgreSQL(TrigramExtension()),
        OnPostgreSQL(
            migrations.RunSQL(
                SEARCH_INDEX_SQL, "DROP INDEX IF EXISTS contact_search_trgm"
            )
        ),
    ]
