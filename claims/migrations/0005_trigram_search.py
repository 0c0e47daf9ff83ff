"""Trigram indexes for searching claims in Chinese and English (PostgreSQL only).

`?search=` runs a case-insensitive substring match (Django's icontains, which PostgreSQL
writes as UPPER(column) LIKE UPPER(%text%)); GIN trigram indexes on those expressions let it
use an index even though Chinese text has no word boundaries. The similar-claims selector uses
pg_trgm's similarity(), which needs the extension. On SQLite this migration does nothing.
"""

from django.db import migrations

INDEXES = [
    ("claim_quote_trgm", 'UPPER("quote"::text)'),
    ("claim_restatement_trgm", 'UPPER("restatement"::text)'),
    ("claim_claimant_trgm", 'UPPER("claimant"::text)'),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON claims_claim "
            f"USING gin (({expression}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _expression in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_claim_derivations")]

    operations = [migrations.RunPython(create, drop)]
