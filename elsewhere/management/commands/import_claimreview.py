"""`manage.py import_claimreview SOURCE…`: other fact-checkers' ClaimReview, as external reviews.

Each SOURCE is a file or an http(s) URL (fetched through the archive's guarded fetcher): a
schema.org DataFeed of ClaimReview, a Google Fact Check Tools claims:search answer, or an HTML
article with ClaimReview in its JSON-LD. Re-importing updates reviews by their URL.
"""

from __future__ import annotations

import dataclasses
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from claims.models import Verdict
from elsewhere.importer import BATCH_SIZE, import_reads
from elsewhere.models import ImportRun
from elsewhere.readers import SourceError, open_source, read_html, read_json, sniff
from sources.archive.fetch import FetchError, Refused, Unresolvable, fetch, limits_from_settings


class Command(BaseCommand):
    help = (
        "Import ClaimReview from DataFeeds, Fact Check Tools claims:search answers or HTML "
        "articles (files or URLs). A bad record is reported by its position and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="SOURCE", help="A file or a URL.")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, sources, batch_size, no_progress, **options):
        if batch_size < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        labels = _our_labels()
        failed = 0
        for source in sources:
            try:
                self._import(source, labels, batch_size, no_progress)
            except SourceError as error:
                failed += 1
                self.stderr.write(
                    _("%(source)s: not imported: %(error)s.") % {"source": source, "error": error}
                )
        if failed == len(sources):
            raise CommandError(_("Nothing was imported."))

    def _import(self, source: str, labels: dict, batch_size: int, no_progress: bool) -> None:
        stream, base_url = open_source(source, fetch=_guarded_fetch)
        with stream:
            kind = sniff(stream)
            run = ImportRun.objects.create(source=source, kind=kind)
            reads = (
                read_json(stream, labels) if kind == "json" else read_html(stream, base_url, labels)
            )
            with tqdm(
                unit="record", file=sys.stderr, disable=True if no_progress else None, desc=source
            ) as bar:
                tally = import_reads(
                    reads,
                    run=run,
                    batch_size=batch_size,
                    progress=bar.update,
                    on_problem=lambda position, reason: self.stderr.write(
                        _("%(source)s: %(position)s: skipped: %(reason)s.")
                        % {"source": source, "position": position, "reason": reason}
                    ),
                )
        self.stdout.write(
            _(
                "%(source)s: %(created)d new, %(updated)d updated, %(unchanged)d unchanged, "
                "%(rejected)d skipped (import run %(run)d)."
            )
            % {
                "source": source,
                "created": tally.created,
                "updated": tally.updated,
                "unchanged": tally.unchanged,
                "rejected": tally.rejected,
                "run": run.pk,
            }
        )


def _our_labels() -> dict[str, str]:
    """Our own verdicts' labels, lower-cased, in both languages: a feed of ours maps back."""
    labels = {}
    for code, en, zh in Verdict.objects.values_list("code", "label_en", "label_zh_hant"):
        labels[en.lower()] = labels[zh.lower()] = code
    return labels


def _guarded_fetch(url: str):
    limits = dataclasses.replace(
        limits_from_settings(), max_bytes=settings.CLAIMREVIEW_FETCH_MAX_BYTES
    )
    try:
        return fetch(url, limits)
    except (Refused, Unresolvable, FetchError) as error:
        raise SourceError(str(error).rstrip(".")) from None
