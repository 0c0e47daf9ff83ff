"""What the archive commands share: --source (an unknown one refused) and the progress bar."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from sources.archive.selectors import UnknownSources


class SourcesCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            nargs="+",
            metavar="ID",
            dest="names",
            help="Only these sources, by id or slug.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except UnknownSources as error:
            raise CommandError(f"No source with a URL has the id or slug: {error}.") from None

    def progress(self, sources: list, no_progress: bool) -> tqdm:
        # On a terminal only (disable=None), so logs and cron mail get just the summary.
        return tqdm(
            total=len(sources),
            unit="source",
            file=sys.stderr,
            disable=True if no_progress else None,
        )
