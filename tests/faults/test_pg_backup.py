"""The documented pg_dump / pg_restore backup round-trips the whole registry (docs/backup.md).

A real server: the shipped article is loaded and corrected, dumped with the commands the
document gives, restored into an empty database, and every table compared row for row.
"""

from __future__ import annotations

import subprocess

import psycopg
import pytest

from tests.faults.conftest import app_environment, manage

pytestmark = pytest.mark.postgres_only

# A checksum of every column of every row, in key order.
CHECKSUMMED = ["claims_claim", "claims_evidence", "claims_verdictchange", "sources_source"]


def _url(server, database: str) -> str:
    return f"postgres://postgres@127.0.0.1:{server.port}/{database}"


def _picture(url: str) -> dict:
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        picture = {
            table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in tables
        }
        for table in CHECKSUMMED:
            picture[f"{table} md5"] = conn.execute(
                f"SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM {table} t"  # noqa: S608
            ).fetchone()[0]
    return picture


def test_pg_dump_and_pg_restore_round_trip_everything(throwaway_postgres, tmp_path):
    server = throwaway_postgres
    with psycopg.connect(server.url, autocommit=True) as conn:
        conn.execute("CREATE DATABASE registry")
        conn.execute("CREATE DATABASE restored")
    source = _url(server, "registry")
    env = app_environment(source)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_article")
    before = _picture(source)
    assert before["claims_claim"] >= 80 and before["claims_verdictchange"] > 0
    assert before["claims_historicalclaim"] > 0

    dump = tmp_path / "registry.dump"
    tools = server.bin_dir
    subprocess.run(
        [tools / "pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source],
        check=True,
        timeout=120,
    )
    subprocess.run(
        [
            tools / "pg_restore",
            "--no-owner",
            "--exit-on-error",
            f"--dbname={_url(server, 'restored')}",
            dump,
        ],
        check=True,
        timeout=120,
    )

    restored = _url(server, "restored")
    assert _picture(restored) == before
    # The restored registry works: migrations are all applied and its guards are in place.
    assert "[ ]" not in manage(app_environment(restored), "showmigrations", "claims")
    with (
        psycopg.connect(restored, autocommit=True) as conn,
        pytest.raises(psycopg.errors.RestrictViolation),
    ):
        conn.execute("DELETE FROM claims_claim WHERE status = 'published'")
