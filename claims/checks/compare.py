"""Does a source's figure bear out the claim's? Tolerance follows how precisely the claim is put."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from claims.quantity import (
    APPROXIMATE,
    EQUAL,
    GREATER,
    GREATER_EQUAL,
    LESS,
    LESS_EQUAL,
    Quantity,
    format,
)

CONSISTENT = "consistent"
CONSISTENT_WITHIN_ROUNDING = "consistent_within_rounding"
INCONSISTENT = "inconsistent"
UNITS_DIFFER = "units_differ"
NOT_COMPARABLE = "not_comparable"

OUTCOME_LABELS = {
    CONSISTENT: _("consistent"),
    CONSISTENT_WITHIN_ROUNDING: _("consistent within rounding"),
    INCONSISTENT: _("inconsistent"),
    UNITS_DIFFER: _("units differ"),
    NOT_COMPARABLE: _("not comparable"),
}
# Outcomes an editor should look at before publishing.
FLAGGED_OUTCOMES = {INCONSISTENT, UNITS_DIFFER}


class Explained:
    """A check's explanation: its lazy `message` filled with `params` in the active language."""

    message: str
    params: dict

    @property
    def explanation(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)

    def explanation_in(self, language: str) -> str:
        with override(language):
            return self.explanation


@dataclass(frozen=True, eq=False)
class CheckResult(Explained):
    outcome: str
    message: str  # a lazy template, filled in whichever language is active when shown
    params: dict = field(default_factory=dict)
    difference: Decimal | None = None
    tolerance: Decimal | None = None

    @property
    def flagged(self) -> bool:
        return self.outcome in FLAGGED_OUTCOMES

    @property
    def label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])


def compare(
    claim_value: Decimal | None,
    claim_comparator: str,
    claim_unit: str | None,
    claim_precision: Decimal | None,
    source_value: Decimal | None,
    source_unit: str | None,
    source_precision: Decimal | None = None,
) -> CheckResult:
    """Compare a claimed figure with a source's, allowing half a unit of the last digit.

    The last digit is the claim's, or the source's when the source is the rounder of the two:
    a source printing 3000萬 cannot contradict a claim of 2985.7萬.
    """
    if claim_value is None or source_value is None:
        return CheckResult(NOT_COMPARABLE, _("The claim or the source gives no figure to compare."))
    comparator = claim_comparator or EQUAL
    claim = display(claim_value, claim_unit, comparator)
    source = display(source_value, source_unit, EQUAL)
    if not claim_unit or not source_unit:
        return CheckResult(
            NOT_COMPARABLE,
            _(
                "The claim or the source has no unit, so %(claim)s and %(source)s "
                "cannot be compared."
            ),
            {"claim": claim, "source": source},
        )
    if claim_unit != source_unit:
        return CheckResult(
            UNITS_DIFFER,
            _(
                "The claim counts in %(claim_unit)s but the source in %(source_unit)s: "
                "%(claim)s and %(source)s are not the same measure."
            ),
            {
                "claim_unit": unit_label(claim_unit),
                "source_unit": unit_label(source_unit),
                "claim": claim,
                "source": source,
            },
        )

    precision = claim_precision if claim_precision and claim_precision > 0 else Decimal(1)
    if source_precision and source_precision > precision:
        precision = source_precision
    rounding = precision / 2
    difference = source_value - claim_value
    params = {
        "claim": claim,
        "source": source,
        "precision": display(precision, claim_unit, EQUAL),
        "difference": display(abs(difference), claim_unit, EQUAL),
    }

    if comparator == EQUAL:
        if difference == 0:
            outcome = CONSISTENT
        elif abs(difference) <= rounding:
            outcome = CONSISTENT_WITHIN_ROUNDING
        else:
            outcome = INCONSISTENT
        tolerance = rounding
    elif comparator == APPROXIMATE:
        # A hedged figure may be off by a whole unit of its last digit: 約950萬 covers 940萬.
        outcome = CONSISTENT if abs(difference) <= precision else INCONSISTENT
        tolerance = precision
    else:
        outcome = _bound_outcome(comparator, difference, rounding)
        tolerance = rounding
    return CheckResult(outcome, _explain(outcome, comparator), params, difference, tolerance)


def _bound_outcome(comparator: str, difference: Decimal, rounding: Decimal) -> str:
    """Over/under claims: the source must lie on the stated side, give or take rounding."""
    if comparator in (GREATER, GREATER_EQUAL):
        beyond = difference > 0 or (comparator == GREATER_EQUAL and difference == 0)
        short = -difference
    else:
        beyond = difference < 0 or (comparator == LESS_EQUAL and difference == 0)
        short = difference
    if beyond:
        return CONSISTENT
    if short <= rounding:
        return CONSISTENT_WITHIN_ROUNDING
    return INCONSISTENT


def _explain(outcome: str, comparator: str) -> str:
    if outcome == CONSISTENT and comparator == EQUAL:
        return _("The source gives exactly %(claim)s.")
    if outcome == CONSISTENT:
        return _("The source's %(source)s bears out the claim of %(claim)s.")
    if outcome == CONSISTENT_WITHIN_ROUNDING:
        return _(
            "The source's %(source)s rounds to the claim's %(claim)s, "
            "which is stated to the nearest %(precision)s."
        )
    if comparator in (GREATER, GREATER_EQUAL, LESS, LESS_EQUAL):
        return _(
            "The source's %(source)s is on the wrong side of the claim's %(claim)s "
            "(off by %(difference)s)."
        )
    return _(
        "The source gives %(source)s, not the claim's %(claim)s: a difference of "
        "%(difference)s, more than rounding to %(precision)s allows."
    )


UNIT_LABELS = {
    "percent": _("percent"),
    "percentage_points": _("percentage points"),
    "persons": _("persons"),
    "count": _("a count"),
    "rank": _("a rank"),
    "ratio": _("a ratio"),
    "times": _("multiples"),
    "year": _("years"),
}


def unit_label(unit: str) -> str:
    return UNIT_LABELS.get(unit, unit)


class _Display:
    """A figure written in whichever language is active when it is rendered."""

    def __init__(self, quantity: Quantity):
        self.quantity = quantity

    def __str__(self) -> str:
        return format(self.quantity, get_language() or "en")


def display(value: Decimal, unit: str | None, comparator: str) -> _Display:
    known = unit if unit in ("percent", "persons", "CNY", "USD", "count", "times") else None
    return _Display(Quantity(value=value.normalize(), unit=known, comparator=comparator))
