"""Writing read records as ExternalReview rows: batched upserts by review URL.

A batch is written in one statement inside its own transaction; should the database refuse
it, each record of the batch is retried alone in a savepoint, so one bad row is reported by its
position and the rest still land. Importing the same review again writes nothing; a changed
review is updated in place, never duplicated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.public_changes import start_new_generation
from elsewhere.models import ExternalReview, ImportRun
from elsewhere.readers import Read
from elsewhere.signals import external_reviews_changed

BATCH_SIZE = 1000
PROBLEMS_KEPT = 100
UPDATED_FIELDS = [
    name
    for name in (f.name for f in ExternalReview._meta.concrete_fields)
    if name not in ("id", "url", "imported_at")
]


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    rejected: int = 0

    def refuse(self, position: str, reason: str) -> None:
        self.rejected += 1
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append((position, reason))


def import_reads(
    reads: Iterable[Read],
    *,
    run: ImportRun,
    batch_size: int = BATCH_SIZE,
    on_problem: Callable[[str, str], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Tally:
    """Upsert every good record, refuse every bad one by position; the run keeps the counts."""
    tally = Tally()
    batch: dict[str, tuple[str, dict]] = {}

    def refuse(position: str, reason: str) -> None:
        tally.refuse(position, reason)
        if on_problem:
            on_problem(position, reason)

    for read in reads:
        if read.fields is None:
            refuse(read.position, read.error)
        else:
            # The same review twice in one batch: the later one is what the feed says now.
            batch[read.fields["url"]] = (read.position, read.fields)
        if len(batch) >= batch_size:
            _flush(batch, run, tally, refuse)
        if progress:
            progress(1)
    _flush(batch, run, tally, refuse)
    run.created, run.updated, run.unchanged = tally.created, tally.updated, tally.unchanged
    run.rejected = tally.rejected
    run.problems = [{"position": p, "reason": r} for p, r in tally.problems]
    run.finished_at = timezone.now()
    run.save()
    if tally.created or tally.updated:
        # similar/ and claims:search list imported reviews: their cached answers go too.
        transaction.on_commit(lambda: _announce(run))
    return tally


def _announce(run: ImportRun) -> None:
    """The run's signal first (the search index takes its reviews: elsewhere/wording_index.py),
    then the new generation: an answer built before the index held them is never kept as the
    current one."""
    try:
        external_reviews_changed.send(sender=ImportRun, run=run)
    finally:
        start_new_generation()


def _flush(batch: dict, run: ImportRun, tally: Tally, refuse) -> None:
    if not batch:
        return
    known = dict(
        ExternalReview.objects.filter(url__in=list(batch)).values_list("url", "content_hash")
    )
    changed = []
    for url, (position, fields) in batch.items():
        if known.get(url) == fields["content_hash"]:
            tally.unchanged += 1
        else:
            changed.append((position, url in known, fields))
    batch.clear()
    if not changed:
        return
    try:
        with transaction.atomic():
            _upsert([fields for _position, _existed, fields in changed], run)
    except DatabaseError:
        changed = _one_by_one(changed, run, refuse)
    for _position, existed, _fields in changed:
        if existed:
            tally.updated += 1
        else:
            tally.created += 1


def _one_by_one(changed: list, run: ImportRun, refuse) -> list:
    written = []
    for position, existed, fields in changed:
        try:
            with transaction.atomic():
                _upsert([fields], run)
        except DatabaseError as error:
            refuse(
                position,
                _("the database refused it: %(error)s") % {"error": type(error).__name__},
            )
        else:
            written.append((position, existed, fields))
    return written


def _upsert(rows: list[dict], run: ImportRun) -> None:
    ExternalReview.objects.bulk_create(
        [ExternalReview(feed=run.source, import_run=run, **fields) for fields in rows],
        update_conflicts=True,
        unique_fields=["url"],
        update_fields=UPDATED_FIELDS,
    )
