"""Bulk writes for the generator: COPY on PostgreSQL, executemany on SQLite."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime


def columns(names: str) -> list[str]:
    return names.split()


# In dependency order; deleted in reverse.
TABLES = {
    "sources_publisher": columns("id slug name url description"),
    "sources_source": columns(
        "id slug title url publisher_id kind published_on published_precision language "
        "archive_url accessed_on created_at updated_at "
        "original_title original_url original_publisher copy_reliability"
    ),
    "claims_article": columns(
        "id slug title url outlet_id published_on published_precision language authors "
        "source_id created_at updated_at"
    ),
    "claims_claim": columns(
        "id public_id slug article_id paragraph quote quote_language quote_prefix "
        "quote_suffix restatement claimant kind value comparator unit period place status "
        "verdict_id ruling ruling_zh_hant research_notes reviewed_by_id reviewed_at "
        "published_at withdrawn_at withdrawal_reason version created_at updated_at"
    ),
    "claims_evidence": columns(
        "id claim_id source_id role locator excerpt value unit seen note position "
        "created_at updated_at"
    ),
    "claims_verdictchange": columns(
        "id claim_id kind from_verdict_id to_verdict_id reason changed_by_id changed_at"
    ),
}


def _sqlite_value(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


# Columns every generated row of a table leaves at the same value (later fields of the models).
CONSTANTS = {
    "claims_evidence": {"research_note": ""},
    "claims_verdictchange": {"reason_zh_hant": "", "changes": "[]"},
}


def write_rows(connection, table: str, rows: Iterable[tuple]) -> int:
    constants = CONSTANTS.get(table, {})
    columns = [*TABLES[table], *constants]
    rows = (tuple(row) + tuple(constants.values()) for row in rows)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            copy_sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        insert = (
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        batch: list[tuple] = []
        for row in rows:
            batch.append(tuple(_sqlite_value(value) for value in row))
            if len(batch) == 5000:
                cursor.executemany(insert, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(insert, batch)
            count += len(batch)
    return count


def clear(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
            return
        for table in reversed(TABLES):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608


def reset_sequences(connection) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )
            cursor.execute(f"ANALYZE {table}")


def skip_foreign_key_checks(connection) -> None:
    """Skip the deferred foreign-key checks at COMMIT, when the role may.

    The rows reference each other correctly by construction, and checking three million
    references one trigger at a time takes longer than writing them. Needs a superuser;
    otherwise the checks run as usual.
    """
    from django.db import DatabaseError, transaction

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        try:
            with transaction.atomic():
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:
            pass
