"""Imported reviews' wording in a search engine (Tantivy), for "checked before?" at scale.

pg_trgm answers "which reviews are worded like this?" by reading the whole posting list of
every trigram of the question, so over a million reviews on the same subjects it costs 100 ms
and more. A search engine ranks by BM25 and stops early (block-max WAND): the best hundred of a
million in a few milliseconds. The index holds each review's id and its words, nothing else:
the database stays the record, the matcher still scores every candidate itself
(`elsewhere.matching.score_pair`), and a review the index no longer matches simply is not
proposed.

The index is a folder (`EXTERNAL_REVIEW_INDEX`; empty turns it off and wording is read through
pg_trgm, or in Python on SQLite). The first `import_claimreview` builds it whole from the
database, each later one adds what it created or updated, and a deleted review leaves it;
`manage.py index_external_reviews` builds it anew (after restoring a backup, or on a new
machine). Until it has been built whole it is not read. Words are lower-cased letter and
digit runs; a run of Chinese characters is read as its overlapping pairs (中國青年 → 中國 國青
青年), so either language is matched by its own units.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path

import tantivy
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

CANDIDATES = 50
# Written in the index's folder once it has been built whole from the database.
BUILT = "built-from-database"
WRITER_HEAP = 64 * 1024 * 1024
UPDATE_COMMIT = 50_000
_WORD = re.compile(r"[^\W_]+")
_HAN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")
_open: dict[str, tantivy.Index] = {}


class IndexUnavailable(Exception):
    """The index cannot be opened or written (no folder, no permission, another writer)."""


def words(text: str) -> list[str]:
    found = []
    for word in _WORD.findall(text.lower()):
        for part in _HAN.split(word):
            if not part:
                continue
            if _HAN.fullmatch(part) and len(part) > 1:
                found += [part[i : i + 2] for i in range(len(part) - 1)]
            else:
                found.append(part)
    return found


def enabled() -> bool:
    return bool(settings.EXTERNAL_REVIEW_INDEX)


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("words", tokenizer_name="whitespace", stored=False)
    return builder.build()


def _index() -> tantivy.Index:
    """The index at EXTERNAL_REVIEW_INDEX, opened once per process (a handle, like a
    connection), created empty where there is none yet."""
    path = str(_folder().resolve())
    index = _open.get(path)
    if index is None:
        try:
            Path(path).mkdir(parents=True, exist_ok=True)
            index = _open[path] = tantivy.Index(_schema(), path=path)
        except (OSError, ValueError) as error:
            raise IndexUnavailable(str(error)) from error
    return index


def search(texts: Iterable[str], limit: int = CANDIDATES) -> list[int] | None:
    """The ids of the reviews worded most like any of `texts`, best first; None when the
    index is off, not yet built whole or cannot be read (the caller reads the database)."""
    if not enabled() or not _built():
        # Never built whole, it may lack reviews imported before it existed (and a folder
        # nobody has written, on a read-only disk, is not even created).
        return None
    try:
        index = _index()
        index.reload()  # another process (an import) may have committed since
        searcher = index.searcher()
    except (IndexUnavailable, OSError, ValueError) as error:
        logger.warning("The review wording index cannot be read: %s", error)
        return None
    terms = sorted({word for text in texts for word in words(text)})
    if not terms:
        return []
    query = tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Should, tantivy.Query.term_query(index.schema, "words", term))
            for term in terms
        ]
    )
    hits = searcher.search(query, limit, count=False).hits
    return [searcher.doc(address)["id"][0] for _score, address in hits]


def add(reviews: Iterable, *, rebuild: bool = False, new: bool = False, progress=None) -> int:
    """Write `reviews` (id, claim_reviewed, claim_text) into the index and return how many.

    A rebuild replaces everything in one commit, so readers keep the old index until the new
    one is whole. Otherwise what the index held for each review is replaced (unless the
    reviews are `new`), committing every UPDATE_COMMIT reviews: the engine holds each
    replaced id in memory until it commits."""
    writer = _writer()
    written = 0
    try:
        if rebuild:
            writer.delete_all_documents()
        for pk, claim_reviewed, claim_text in reviews:
            replacing = not (rebuild or new)
            if replacing:
                writer.delete_documents_by_term("id", pk)
            joined = " ".join(words(f"{claim_reviewed} {claim_text}"))
            writer.add_document(tantivy.Document(id=pk, words=joined))
            written += 1
            if replacing and written % UPDATE_COMMIT == 0:
                writer.commit()
            if progress:
                progress(1)
        writer.commit()
        writer.wait_merging_threads()
    except BaseException:
        writer.rollback()
        raise
    if rebuild:
        (_folder() / BUILT).touch()
    return written


def _writer():
    try:
        return _index().writer(heap_size=WRITER_HEAP, num_threads=1)
    except ValueError as error:  # another process holds the writer's lock
        raise IndexUnavailable(str(error)) from error


def _folder() -> Path:
    return Path(settings.EXTERNAL_REVIEW_INDEX)


def _built() -> bool:
    return (_folder() / BUILT).exists()


def rebuild(progress=None) -> int:
    """The index anew from every imported review, in one commit."""
    from elsewhere.models import ExternalReview

    reviews = ExternalReview.objects.order_by("pk").values_list(
        "pk", "claim_reviewed", "claim_text"
    )
    return add(reviews.iterator(chunk_size=2000), rebuild=True, progress=progress)


def index_run(sender, run, **kwargs) -> None:
    """After an import run commits: the reviews it created or updated go into the index (the
    whole index is built, the first time: reviews imported before it existed are in it too).
    Should the index be busy or unwritable, the import stands and the log says how to catch
    up."""
    if not enabled():
        return
    from elsewhere.models import ExternalReview

    # A review the run created was first imported after the run started; one it updated,
    # before: only those have words in the index to replace.
    reviews = ExternalReview.objects.filter(import_run=run).values_list(
        "pk", "claim_reviewed", "claim_text"
    )
    created = reviews.filter(imported_at__gte=run.started_at)
    updated = reviews.filter(imported_at__lt=run.started_at)
    try:
        if not _built():
            rebuild()
        else:
            add(created.iterator(chunk_size=2000), new=True)
            add(updated.iterator(chunk_size=2000))
    except (IndexUnavailable, OSError, ValueError) as error:
        logger.warning(
            "Import run %s was not added to the review wording index (%s); run "
            "`manage.py index_external_reviews` to catch up.",
            run.pk,
            error,
        )


def forget(sender, instance, **kwargs) -> None:
    """A deleted review leaves the index once its deletion commits (the database already does
    not return it; this frees its place among the candidates), and answers that listed it are
    built again."""
    from claims.public_changes import start_new_generation

    pk = instance.pk

    def remove() -> None:
        try:
            writer = _writer()
        except IndexUnavailable as error:
            logger.warning("Review %s stays in the wording index for now (%s).", pk, error)
            return
        writer.delete_documents_by_term("id", pk)
        writer.commit()
        writer.wait_merging_threads()

    if enabled():
        transaction.on_commit(remove)
    transaction.on_commit(start_new_generation)
