"""Evidence against the archived copy: are the excerpt and the figure in what we captured?

The desk quotes a passage and records the figure it gives; once the source is captured, the
machine reads the copy's text and says whether both are there. The excerpt is matched as a
reader would (sources/archive/matching.py); the figure is found with claims/quantity, however
the copy prints it (1244萬, 12,440,000).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from claims.checks.compare import Explained
from claims.quantity import find_all, normalise
from sources.archive.matching import excerpt_in
from sources.archive.matching import normalise as normalise_for_matching

ARCHIVE_MATCHES = "archive_matches"
ARCHIVE_EXCERPT_FOUND = "archive_excerpt_found"
ARCHIVE_FIGURE_FOUND = "archive_figure_found"
ARCHIVE_FIGURE_MISSING = "archive_figure_missing"
ARCHIVE_EXCERPT_MISSING = "archive_excerpt_missing"
ARCHIVE_NO_TEXT = "archive_no_text"
FLAGGED_ARCHIVE_OUTCOMES = {ARCHIVE_FIGURE_MISSING, ARCHIVE_EXCERPT_MISSING}
AGREEING_ARCHIVE_OUTCOMES = {ARCHIVE_MATCHES, ARCHIVE_EXCERPT_FOUND, ARCHIVE_FIGURE_FOUND}

# Up to this length the whole text is scanned for the figure; past it, only the places where
# its digits appear (a scan costs about 1.4 µs a character).
FULL_SCAN_CHARS = 50_000
WINDOW = 16
MAX_WINDOWS = 2000

MESSAGES = {
    (ARCHIVE_MATCHES, True): _(
        "The excerpt and the figure %(figure)s appear in the copy captured on %(date)s."
    ),
    (ARCHIVE_EXCERPT_FOUND, False): _("The excerpt appears in the copy captured on %(date)s."),
    (ARCHIVE_FIGURE_FOUND, True): _(
        "The figure %(figure)s appears in the copy captured on %(date)s."
    ),
    (ARCHIVE_FIGURE_MISSING, True): _(
        "The excerpt appears in the copy captured on %(date)s, but the figure %(recorded)s "
        "does not."
    ),
    (ARCHIVE_FIGURE_MISSING, False): _(
        "The figure %(recorded)s does not appear in the copy captured on %(date)s."
    ),
    (ARCHIVE_EXCERPT_MISSING, True): _(
        "The excerpt is not in the copy captured on %(date)s, though the figure %(figure)s is."
    ),
    (ARCHIVE_EXCERPT_MISSING, False): _(
        "Neither the excerpt nor the figure %(recorded)s is in the copy captured on %(date)s."
    ),
    (ARCHIVE_EXCERPT_MISSING, None): _("The excerpt is not in the copy captured on %(date)s."),
    (ARCHIVE_NO_TEXT, None): _(
        "No text could be read from the copy captured on %(date)s, so the excerpt was not "
        "checked against it."
    ),
}


@dataclass(frozen=True, eq=False)
class ArchiveFlag(Explained):
    """What the captured copy shows of an evidence row's excerpt and figure."""

    outcome: str
    message: str
    params: dict

    @property
    def flagged(self) -> bool:
        return self.outcome in FLAGGED_ARCHIVE_OUTCOMES


def archive_check(
    *, excerpt: str, value: Decimal | None, text: str, captured_on: date, recorded: object = ""
) -> ArchiveFlag | None:
    """The excerpt and the figure against the copy's text; None when there is nothing to check.

    `recorded` is how the figure reads to people (the row's value in its unit).
    """
    excerpt = (excerpt or "").strip()
    if not excerpt and value is None:
        return None
    params = {"date": captured_on.isoformat(), "recorded": recorded or value, "figure": ""}
    if not normalise_for_matching(text):
        return _flag(ARCHIVE_NO_TEXT, None, params)
    excerpt_found = bool(excerpt) and excerpt_in(excerpt, text)
    printed = None
    if value is not None:
        printed = figure_in(value, excerpt, text) if excerpt_found else figure_in(value, "", text)
        params["figure"] = printed or ""
    figure_found = None if value is None else printed is not None
    if not excerpt:
        outcome = ARCHIVE_FIGURE_FOUND if figure_found else ARCHIVE_FIGURE_MISSING
        return _flag(outcome, bool(figure_found), params)
    if not excerpt_found:
        return _flag(ARCHIVE_EXCERPT_MISSING, figure_found, params)
    if figure_found is None:
        return _flag(ARCHIVE_EXCERPT_FOUND, False, params)
    if figure_found:
        return _flag(ARCHIVE_MATCHES, True, params)
    return _flag(ARCHIVE_FIGURE_MISSING, True, params)


def _flag(outcome: str, variant, params: dict) -> ArchiveFlag:
    return ArchiveFlag(outcome, MESSAGES[(outcome, variant)], params)


def figure_in(value: Decimal, excerpt: str, text: str) -> str | None:
    """How `text` prints `value` (e.g. "1244萬"), or None when it never does.

    The excerpt, already found in the text, is read first: it is where the figure should be.
    """
    for item in find_all(excerpt):
        if item.quantity.value == value:
            return item.text
    if len(text) <= FULL_SCAN_CHARS:
        return next((item.text for item in find_all(text) if item.quantity.value == value), None)
    plain = normalise(text)
    for count, match in enumerate(_digits_pattern(value).finditer(plain)):
        if count >= MAX_WINDOWS:
            break
        start = max(0, match.start() - WINDOW)
        for item in find_all(text[start : match.end() + WINDOW]):
            if item.quantity.value == value and item.start <= match.start() - start < item.end:
                return item.text
    return None


def _digits_pattern(value: Decimal) -> re.Pattern:
    """The value's significant digits, allowing a separator or point between any two."""
    digits = format(abs(value), "f").replace(".", "").strip("0") or "0"
    return re.compile(r"(?<![0-9])" + "[,.]?".join(digits))
