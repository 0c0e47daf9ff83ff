"""Trigram indexes on an external review's claim, for "checked before?" (PostgreSQL only).

At a million imported reviews the wording half of the matcher must not read every row:
pg_trgm's `%` operator finds the similar ones through these GIN indexes. On SQLite this
migration does nothing (the Python fallback reads the rows).
"""

from django.db import migrations

INDEXES = [
    ("external_review_claim_trgm", "claim_reviewed"),
    ("external_review_text_trgm", "claim_text"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON elsewhere_externalreview "
            f"USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("elsewhere", "0001_external_reviews")]

    operations = [migrations.RunPython(create, drop)]
