"""Sources with dates and figures, for the machine checks on claims."""

from __future__ import annotations

from datetime import date

import pytest

from sources.models import Source, SourceKind


@pytest.fixture
def old_report(nbs) -> Source:
    return Source.objects.create(
        slug="youth-unemployment-2023",
        title="2023年6月16-24歲青年失業率",
        publisher=nbs,
        kind=SourceKind.OFFICIAL_STATISTICS,
        published_on=date(2023, 7, 17),
        published_precision="day",
    )
