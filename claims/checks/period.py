"""Is the source about the same time as the claim? A 2023 figure cited as this year's is not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from claims.checks.compare import Explained

YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
RANGE_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|~|至|到)\s*((?:19|20)\d\d)(?!\d)")

SOURCE_PREDATES_PERIOD = "source_predates_period"
SOURCE_PERIOD_DIFFERS = "source_period_differs"
FIGURE_FROM_OTHER_PERIOD = "figure_from_other_period"


@dataclass(frozen=True, eq=False)
class PeriodFlag(Explained):
    outcome: str
    message: str
    params: dict

    flagged = True


def years_in(text: str) -> set[int]:
    """Every year a period names: "2018-2020" → {2018, 2019, 2020}, "FY2024" → {2024}."""
    years: set[int] = set()
    for start, end in RANGE_RE.findall(text or ""):
        low, high = sorted((int(start), int(end)))
        years.update(range(low, high + 1))
    years.update(int(year) for year in YEAR_RE.findall(text or ""))
    return years


def period_mismatch(
    claim_period: str, source_published_on: date | None, source_period_text: str = ""
) -> PeriodFlag | None:
    """Flag a source published before the claim's period, or about other years than the claim."""
    claim_years = years_in(claim_period)
    if not claim_years:
        return None
    if source_published_on and source_published_on.year < min(claim_years):
        return PeriodFlag(
            SOURCE_PREDATES_PERIOD,
            _(
                "The source was published in %(published)s, before the period the claim "
                "refers to (%(period)s): its figure may be an older one cited as current."
            ),
            {"published": source_published_on.year, "period": claim_period},
        )
    source_years = years_in(source_period_text)
    if source_years and not source_years & claim_years:
        return PeriodFlag(
            SOURCE_PERIOD_DIFFERS,
            _("The source's figure is for %(source_period)s, the claim's for %(period)s."),
            {"source_period": _years_display(source_years), "period": claim_period},
        )
    return None


def figure_from_other_period(claim_period: str, evidence_text: str) -> PeriodFlag | None:
    """The claimed figure matches a source's figure, but the source gives it for other years."""
    claim_years = years_in(claim_period)
    source_years = years_in(evidence_text)
    if not claim_years or not source_years or source_years & claim_years:
        return None
    if max(source_years) < min(claim_years):
        message = _(
            "The claimed figure matches this source's figure for %(source_period)s, not for "
            "%(period)s: it may be an older figure cited as current."
        )
    else:
        message = _(
            "The claimed figure matches this source's figure for %(source_period)s, not for "
            "%(period)s: check which period the figure belongs to."
        )
    return PeriodFlag(
        FIGURE_FROM_OTHER_PERIOD,
        message,
        {"source_period": _years_display(source_years), "period": claim_period},
    )


def _years_display(years: set[int]) -> str:
    ordered = sorted(years)
    if len(ordered) > 1 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}-{ordered[-1]}"
    return ", ".join(str(year) for year in ordered)
