"""Re-fetch sources' live pages and flag the ones gone, moved, changed or missing an excerpt."""

from __future__ import annotations

from sources.archive.recheck import check_many, summary
from sources.archive.selectors import named_sources
from sources.management.commands._sources import SourcesCommand


class Command(SourcesCommand):
    help = (
        "Fetch each source's live page and compare it with its newest archived copy: gone "
        "(404, 410, no such host), moved, changed since the capture, an excerpt no longer "
        "there. Each result is kept; the admin's claim list filters the flagged ones."
    )

    def handle(self, *args, names=None, no_progress=False, **options):
        sources = list(named_sources(names).select_related("publisher"))
        with self.progress(sources, no_progress) as bar:
            checks = check_many(sources, progress=lambda source: bar.update())
        for check in checks:
            if not check.flagged:
                continue
            reasons = [check.get_outcome_display()]
            if check.moved:
                reasons.append(f"moved to {check.final_url}")
            if check.missing_excerpts:
                rows = ", ".join(str(pk) for pk in check.missing_excerpts)
                reasons.append(f"excerpt no longer there (evidence {rows})")
            if check.detail and not check.moved:
                reasons.append(check.detail)
            self.stdout.write(f"flagged  {check.source.slug}: {'; '.join(reasons)}")
        counts = summary(checks)
        parts = [
            f"{counts[name]} {label}"
            for name, label in (
                ("unchanged", "unchanged"),
                ("changed", "changed since captured"),
                ("not_captured", "never captured"),
                ("gone", "gone"),
                ("unreachable", "unreachable"),
                ("refused", "refused"),
                ("moved", "moved"),
                ("excerpt_missing", "with an excerpt no longer there"),
            )
            if counts[name]
        ]
        self.stdout.write(
            f"Checked {len(checks)} sources: {', '.join(parts) or 'none'}. "
            f"{counts['flagged']} flagged."
        )
