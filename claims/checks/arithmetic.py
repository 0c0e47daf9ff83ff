"""Recomputing a figure from the figures it is derived from: changes, ratios, shares, sums."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation

from django.utils.translation import gettext_lazy as _

from claims.checks.compare import (
    INCONSISTENT,
    OUTCOME_LABELS,
    CheckResult,
    Explained,
    compare,
    display,
)

CHANGE = "change"
PERCENT_CHANGE = "percent_change"
RATIO = "ratio"
SHARE = "share"
SUM = "sum"
PER_CAPITA = "per_capita"

# How many input figures each operation takes; None means two or more.
ARITY = {CHANGE: 2, PERCENT_CHANGE: 2, RATIO: 2, SHARE: 2, SUM: None, PER_CAPITA: 2}
# The unit a recomputed figure is in, when the operation fixes it.
RESULT_UNITS = {PERCENT_CHANGE: "percent", SHARE: "percent", RATIO: "times"}

COMPUTED = "computed"
CANNOT_COMPUTE = "cannot_compute"


@dataclass(frozen=True, eq=False)
class ArithmeticResult(Explained):
    outcome: str  # a compare() outcome, or COMPUTED when there is nothing to compare with
    computed: Decimal | None
    message: str
    params: dict
    comparison: CheckResult | None = None

    @property
    def flagged(self) -> bool:
        return self.outcome == INCONSISTENT or self.outcome == CANNOT_COMPUTE


def recompute(operation: str, inputs: list[Decimal]) -> Decimal:
    """The figure the inputs imply. Raises ValueError when they cannot give one."""
    arity = ARITY[operation]
    if (arity is None and len(inputs) < 2) or (arity is not None and len(inputs) != arity):
        raise ValueError(f"{operation} needs {arity or 'two or more'} figures, got {len(inputs)}")
    try:
        if operation == SUM:
            return sum(inputs, Decimal(0))
        first, second = inputs
        if operation == CHANGE:
            return second - first
        if operation == PERCENT_CHANGE:
            return (second - first) / first * 100
        if operation == SHARE:
            return first / second * 100
        return first / second  # ratio and per-capita
    except (DivisionByZero, InvalidOperation) as error:
        raise ValueError("division by zero") from error


def check_derivation(
    operation: str,
    inputs: list[Decimal],
    claimed_value: Decimal | None = None,
    claimed_comparator: str = "=",
    claimed_unit: str | None = None,
    claimed_precision: Decimal | None = None,
) -> ArithmeticResult:
    """Recompute, then compare with the stated figure if there is one to compare."""
    try:
        computed = recompute(operation, inputs)
    except ValueError:
        return ArithmeticResult(
            CANNOT_COMPUTE,
            None,
            _("The linked figures cannot give a %(operation)s (a missing figure or a zero)."),
            {"operation": OPERATION_LABELS[operation]},
        )
    shown = _rounded(computed)
    if operation in RESULT_UNITS:
        shown = display(computed.quantize(Decimal("0.01")), RESULT_UNITS[operation], "=")
    if claimed_value is None or operation == PER_CAPITA:
        return ArithmeticResult(
            COMPUTED,
            computed,
            _("Recomputed %(operation)s: %(computed)s. Check that it is plausible."),
            {"operation": OPERATION_LABELS[operation], "computed": shown},
        )
    stated = claimed_value
    if operation in (CHANGE, PERCENT_CHANGE):
        # "fell 17.4%" is stored as 17.4: compare sizes, the words carry the direction.
        computed_size, stated = abs(computed), abs(claimed_value)
    else:
        computed_size = computed
    unit = RESULT_UNITS.get(operation, claimed_unit)
    if operation == RATIO and claimed_unit == "ratio":
        unit = "ratio"
    comparison = compare(
        stated,
        claimed_comparator,
        claimed_unit,
        claimed_precision,
        computed_size.quantize(Decimal("0.0001")),
        unit,
    )
    return ArithmeticResult(
        comparison.outcome,
        computed,
        _("Recomputed %(operation)s: %(computed)s; the claim states %(claim)s (%(outcome)s)."),
        {
            "operation": OPERATION_LABELS[operation],
            "computed": shown,
            "claim": comparison.params.get("claim", stated),
            "outcome": OUTCOME_LABELS[comparison.outcome],
        },
        comparison,
    )


def _rounded(value: Decimal) -> str:
    return (
        f"{value.quantize(Decimal('0.01')).normalize():,f}" if value.adjusted() < 15 else str(value)
    )


OPERATION_LABELS = {
    CHANGE: _("change"),
    PERCENT_CHANGE: _("percent change"),
    RATIO: _("ratio"),
    SHARE: _("share"),
    SUM: _("sum"),
    PER_CAPITA: _("per-capita figure"),
}
