"""How a check's outcome reads to a person: a few plain words and a tone for its label.

The explanations say what was compared; these say, in a word or two, what came of it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from claims.checks import archive, arithmetic, compare, for_claim, period
from claims.quantity import IRREGULAR_GROUPING

OK, NOTE, FLAG = "ok", "note", "flag"

PLAIN_OUTCOMES = {
    compare.CONSISTENT: _("matches"),
    compare.CONSISTENT_WITHIN_ROUNDING: _("matches once rounded"),
    compare.INCONSISTENT: _("does not match"),
    compare.UNITS_DIFFER: _("measures something else"),
    compare.NOT_COMPARABLE: _("cannot be compared"),
    arithmetic.COMPUTED: _("recomputed, to be judged"),
    arithmetic.CANNOT_COMPUTE: _("cannot be recomputed"),
    period.SOURCE_PREDATES_PERIOD: _("source is older than the period"),
    period.SOURCE_PERIOD_DIFFERS: _("source is about another period"),
    period.FIGURE_FROM_OTHER_PERIOD: _("figure is from another period"),
    IRREGULAR_GROUPING: _("digits grouped irregularly"),
    for_claim.QUOTE_MATCHES: _("recorded as printed"),
    for_claim.QUOTE_DIFFERS: _("recorded figure not in the quote"),
    for_claim.QUOTE_UNIT_DIFFERS: _("recorded in another unit"),
    for_claim.QUOTE_COMPARATOR_DIFFERS: _("recorded with another hedge"),
    for_claim.QUOTE_HAS_NO_FIGURE: _("quote prints no figure"),
    archive.ARCHIVE_MATCHES: _("excerpt and figure in the archived copy"),
    archive.ARCHIVE_EXCERPT_FOUND: _("excerpt in the archived copy"),
    archive.ARCHIVE_FIGURE_FOUND: _("figure in the archived copy"),
    archive.ARCHIVE_FIGURE_MISSING: _("figure not in the archived copy"),
    archive.ARCHIVE_EXCERPT_MISSING: _("excerpt not in the archived copy"),
    archive.ARCHIVE_NO_TEXT: _("archived copy has no text"),
}
AGREEING = {
    compare.CONSISTENT,
    compare.CONSISTENT_WITHIN_ROUNDING,
    for_claim.QUOTE_MATCHES,
    *archive.AGREEING_ARCHIVE_OUTCOMES,
}


def plain_outcome(outcome: str) -> str:
    """The outcome in plain words, in the active language."""
    return str(PLAIN_OUTCOMES.get(outcome, outcome))


def tone(check: for_claim.MachineCheck) -> str:
    """ok, note or flag: which of three fixed styles the check's label takes."""
    if check.flagged:
        return FLAG
    return OK if check.outcome in AGREEING else NOTE
