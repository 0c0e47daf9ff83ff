"""Load shipped articles, claims and evidence from fixture files: check first, then upsert."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from claims.loader.checks import FixtureError
from claims.loader.schema import Fixture, read_fixture
from claims.loader.upsert import LoadReport, upsert_fixtures
from claims.models import Verdict

__all__ = ["Fixture", "FixtureError", "LoadReport", "load_fixture_files", "read_fixture"]


def load_fixture_files(paths: Iterable[Path | str]) -> LoadReport:
    """Check every file, then load them all in one transaction; FixtureError leaves no trace."""
    verdicts = {verdict.code: verdict for verdict in Verdict.objects.all()}
    publishable = {code for code, verdict in verdicts.items() if verdict.publishable}
    fixtures = [
        read_fixture(path, verdict_codes=set(verdicts), publishable=publishable) for path in paths
    ]
    return upsert_fixtures(fixtures, verdicts)
