"""Capture sources into the archive: those never captured, or whose copy is getting old."""

from __future__ import annotations

from django.core.management.base import CommandError

from sources.archive.capture import capture_many
from sources.archive.selectors import sources_to_capture
from sources.management.commands._sources import SourcesCommand


class Command(SourcesCommand):
    help = (
        "Fetch each source's URL and keep it as a WARC file with its text. Sources already "
        "captured are left alone unless their newest copy is older than --stale-days, so "
        "running it again changes nothing until then."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale-days",
            type=int,
            metavar="N",
            help="Also capture again sources whose newest copy is N days old or older "
            "(0: every source chosen).",
        )
        super().add_arguments(parser)

    def handle(self, *args, stale_days=None, names=None, no_progress=False, **options):
        if stale_days is not None and stale_days < 0:
            raise CommandError("--stale-days must be 0 or more.")
        sources = list(sources_to_capture(names, stale_days=stale_days))
        if not sources:
            self.stdout.write("Nothing to capture: every source chosen has a recent copy.")
            return
        with self.progress(sources, no_progress) as bar:
            result = capture_many(sources, progress=lambda source: bar.update())
        for capture in result.captured:
            self.stdout.write(
                f"captured  {capture.source.slug}: {capture.final_url} "
                f"({capture.status_code}, {capture.size} bytes, sha256 {capture.sha256[:12]}…)"
            )
        for source, why in result.failed:
            self.stdout.write(f"failed    {source.slug}: {why}")
        summary = f"Captured {len(result.captured)} of {len(sources)} sources"
        summary += f"; {len(result.failed)} failed." if result.failed else "."
        style = self.style.WARNING if result.failed else self.style.SUCCESS
        self.stdout.write(style(summary))
