"""How many records each public list holds, kept in the database and never stale.

`COUNT(*)` over every published claim is the one query of a list page that grows with the
registry (about 110 ms at a million claims, docs/scaling.md), and only a change the public
can see alters it. So:

- Every such change raises the one public revision (`PublicRevision`) in the transaction
  that makes it (`forget`, called by claims/signals.py before the claims' rows are bumped).
- A count is kept with the revision read *before* counting (`kept`). It is used only while
  the revision is still that one; a change that lands while counting has already moved the
  revision on, so a count that may have missed it is never used.

Each whole public list (a view's name) has one row; filtered lists are counted as before,
since the ways to filter are endless and a table of them would grow without bound. The
revision and the count are read from the database the list is read from (a replica lagging
the primary keeps its own revision, which matches its own rows), and the count is written
to the primary.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections

from claims.models import PublicCount, PublicRevision
from claims.public_rows import only_a_saving

_REVISION = PublicRevision._meta.db_table
_COUNT = PublicCount._meta.db_table


def forget(using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise the public revision: no count kept so far counts. Call it inside the
    transaction that makes the change."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            # Past every count kept too: a revision restored from a backup, or reset, must
            # never come back round to a count taken under the same number.
            f"INSERT INTO {_REVISION} (id, number) "  # noqa: S608
            f"VALUES (1, (SELECT COALESCE(MAX(revision), 0) + 1 FROM {_COUNT})) "
            f"ON CONFLICT (id) DO UPDATE SET number = CASE "
            f"WHEN {_REVISION}.number >= excluded.number THEN {_REVISION}.number + 1 "
            f"ELSE excluded.number END"
        )


def hold(using: str = DEFAULT_DB_ALIAS) -> None:
    """Take the public revision's row lock, changing nothing. A transaction that goes on to
    lock claims calls it first (claims/workflow/), so that writers always take the two in
    the same order and never wait on each other crosswise."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_REVISION} (id, number) VALUES (1, 0) "  # noqa: S608
            f"ON CONFLICT (id) DO UPDATE SET number = {_REVISION}.number"
        )


def kept(name: str, count: Callable[[], int], using: str) -> int:
    """The number of records in the public list `name`, as `count` (run on `using`) counts
    them, from the kept count while no public change has landed since it was taken."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT revision.number, kept.count FROM "  # noqa: S608
            f"(SELECT COALESCE(MAX(number), 0) AS number FROM {_REVISION}) AS revision "
            f"LEFT JOIN {_COUNT} AS kept "
            f"ON kept.name = %s AND kept.revision = revision.number",
            [name],
        )
        revision, found = cursor.fetchone()
    if found is not None:
        return found
    counted = count()
    # Straight to the primary: asking the router would pin this reader to it.
    with only_a_saving("A public list's count"), connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_COUNT} (name, revision, count) "  # noqa: S608
            f"VALUES (%s, %s, %s) ON CONFLICT (name) DO UPDATE SET "
            f"revision = excluded.revision, count = excluded.count "
            f"WHERE {_COUNT}.revision <= excluded.revision",
            [name, revision, counted],
        )
    return counted
