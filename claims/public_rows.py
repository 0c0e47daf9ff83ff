"""Published claims' list rows, stored ready-made and never stale.

Writing a claim's public row (its article, verdict, evidence with sources, history and the
machine checks in two languages) costs about a millisecond of Python; a page of 50 costs
more than everything else the list does together. So each row is kept in `PublicRow`:

- Every change the public could see raises the `revision` of each claim it reaches, in the
  transaction that makes the change (`bump`, called by claims/signals.py). A row is used only
  when it was written from the revision it has now (and in the current `STAMP`).
- A stale or missing row is written again when it is next listed, from the database as it
  stands, and stored with the revision read *before* the claim's data was: if a change lands
  meanwhile, the row is stored under a revision that has already moved on, so it is never
  used. The store is one conditional upsert; nothing is locked.

Links in a stored row start with a stand-in for the scheme and host the request arrived on
(`with_origin`). The serializer writes them from `ORIGIN`, a NUL, which no stored text can
hold (PostgreSQL refuses it, the forms and the API refuse it); its JSON escape is stored as
one U+0001, a control character JSON never writes unescaped, so it cannot be mistaken for
data, and filling in the origin is a one-byte search (12 µs a page, where the six-byte escape
took 270).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Sequence

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.db.models import QuerySet
from django.db.models.query import BaseIterable
from django.utils.translation import trans_real

logger = logging.getLogger(__name__)

ORIGIN = "\x00"
_ORIGIN_WRITTEN = '"\\u0000'  # a link's opening quote and ORIGIN, in the serializer's JSON
_ORIGIN_STORED = "\x01"


def stamp(shape: str) -> str:
    """What every stored row was written under besides its claim: the row's `shape` (derived
    by the writer from its own definition, api/serializers/claim_rows.py), the time zone its
    dates are in and the translations of its labels."""
    return _stamp_of(f"{shape}|{settings.TIME_ZONE}|{settings.USE_TZ}|{_translations_digest()}")


@functools.cache
def _translations_digest() -> str:
    # Rows carry their labels in every language: new or corrected translations (or a server
    # that has not compiled them) must not keep serving the old words.
    digest = hashlib.sha256()
    for code, _name in settings.LANGUAGES:
        # As django.views.i18n.JavaScriptCatalog reads it.
        catalog = trans_real.translation(code)._catalog
        digest.update(repr(sorted((str(k), str(v)) for k, v in catalog.items())).encode())
    return digest.hexdigest()


@functools.cache
def _stamp_of(basis: str) -> str:
    return hashlib.sha256(basis.encode()).hexdigest()[:32]


# What rows_for needs of each claim: `page_values(Claim.objects...)`, no model built.
PAGE_FIELDS = (
    "id",
    "public_id",
    "public_row__revision",
    "public_row__rendered_revision",
    "public_row__stamp",
    "public_row__body",
)


def page_values(queryset: QuerySet) -> QuerySet:
    """The claims of `queryset` as `PAGE_FIELDS` dictionaries, their stored rows as UTF-8."""
    values = queryset.values(*PAGE_FIELDS)
    values._iterable_class = _PageValues  # as values() itself chooses ValuesIterable
    return values


class _PageValues(BaseIterable):
    """`values()` rows with the stored row as the UTF-8 bytes the database sends.

    A page's rows are some 230 kB of text: decoding them only to encode them again for the
    response took a fifth of the page's time. On PostgreSQL the `text` column (only the row:
    the other strings are `varchar`) is not decoded at all.
    """

    def __iter__(self):
        queryset = self.queryset
        database = connections[queryset.db]
        try:
            sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
        except EmptyResultSet:
            return
        with database.cursor() as cursor:
            if database.vendor == "postgresql":
                cursor.cursor.adapters.register_loader("text", _utf8_loader())
            cursor.execute(sql, params)
            names = [column[0] for column in cursor.description]
            rows = cursor.fetchall()
        for row in rows:
            values = dict(zip(names, row, strict=True))
            if isinstance(values["public_row__body"], str):
                values["public_row__body"] = values["public_row__body"].encode()
            yield values


@functools.cache
def _utf8_loader() -> type:
    from psycopg.adapt import Loader

    class Utf8Loader(Loader):
        def load(self, data) -> bytes:
            return bytes(data)

    return Utf8Loader


def bump(claim_ids: Iterable[int]) -> None:
    """Raise the revision of each claim: its stored row no longer counts. Call it inside the
    transaction that makes the change."""
    ids = sorted(set(claim_ids))
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            # From the claim's own row, so a claim deleted in this transaction gets none.
            "INSERT INTO claims_publicrow (claim_id, revision, rendered_revision, stamp, body) "
            "SELECT id, 1, NULL, '', '' FROM claims_claim WHERE id = %s "
            "ON CONFLICT (claim_id) DO UPDATE SET revision = claims_publicrow.revision + 1",
            [(claim_id,) for claim_id in ids],
        )


@contextlib.contextmanager
def only_a_saving(what: str):
    """A write a reader makes to spare the next reader work: if the primary refuses it (down,
    read-only, SQLite busy behind a long write), it is logged and the reader still answered."""
    try:
        with transaction.atomic(using=DEFAULT_DB_ALIAS):
            yield
    except DatabaseError:
        logger.warning("%s could not be kept", what, exc_info=True)


def _store(rows: Sequence[tuple[int, int, str]], current: str) -> None:
    """Keep each (claim id, revision read first, body), unless the revision moved on."""
    with only_a_saving("Public list rows"), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO claims_publicrow (claim_id, revision, rendered_revision, stamp, body) "
            "VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (claim_id) DO UPDATE SET rendered_revision = excluded.rendered_revision, "
            "stamp = excluded.stamp, body = excluded.body "
            "WHERE claims_publicrow.revision = excluded.revision",
            [(claim_id, revision, revision, current, body) for claim_id, revision, body in rows],
        )


def rows_for(
    claims: Sequence[dict], write: Callable[[list[int]], dict[int, str]], shape: str
) -> list[bytes]:
    """The stored row of each claim, in order, as UTF-8; stale ones (or ones written in
    another `shape`) written by `write` and stored.

    `claims` are `page_values` dictionaries, read before `write` reads anything, so each
    carries the revision as it stood then (None where no row was ever kept)."""
    current = stamp(shape)
    bodies: dict[int, bytes] = {}
    stale: dict[int, int] = {}
    for claim in claims:
        pk, revision = claim["id"], claim["public_row__revision"]
        if (
            revision is not None
            and claim["public_row__rendered_revision"] == revision
            and claim["public_row__stamp"] == current
            # A row restored from a dump under another claim's id is never taken for it.
            and claim["public_row__body"].startswith(
                f'{{"id":{json.dumps(claim["public_id"])},'.encode()
            )
        ):
            bodies[pk] = claim["public_row__body"]
        else:
            stale[pk] = revision or 0
    if stale:
        written = {
            pk: body.replace(_ORIGIN_WRITTEN, '"' + _ORIGIN_STORED)
            for pk, body in write(list(stale)).items()
        }
        _store([(pk, stale[pk], written[pk]) for pk in stale if pk in written], current)
        bodies.update((pk, body.encode()) for pk, body in written.items())
    return [bodies[claim["id"]] for claim in claims if claim["id"] in bodies]


def with_origin(rows_json: bytes, origin: str) -> bytes:
    """Stored rows joined as JSON, their links starting with `origin` (scheme and host)."""
    return rows_json.replace(_ORIGIN_STORED.encode(), json.dumps(origin)[1:-1].encode())
