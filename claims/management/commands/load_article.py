"""`manage.py load_article [paths…]`: load the shipped article data; safe to repeat."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.loader import FixtureError, load_fixture_files


class Command(BaseCommand):
    help = (
        "Load articles, their claims, sources and evidence from fixture files (default: every "
        "fixtures/*.json). Rows are matched by slug, so running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="Fixture files to load.")

    def handle(self, *args, paths: list[Path], **options):
        if not paths:
            paths = sorted((Path(settings.BASE_DIR) / "fixtures").glob("*.json"))
            if not paths:
                raise CommandError("No fixture files found in fixtures/.")
        try:
            report = load_fixture_files(paths)
        except FixtureError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        for path in paths:
            self.stdout.write(f"Loaded {_shown(path)}")
        for line in report.lines():
            self.stdout.write(f"  {line}")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(path)
