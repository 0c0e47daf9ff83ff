"""The machine checks for one claim, read from a claim whose evidence is already prefetched."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from claims.checks.archive import ArchiveFlag, archive_check
from claims.checks.arithmetic import ArithmeticResult, check_derivation
from claims.checks.compare import (
    CONSISTENT,
    CONSISTENT_WITHIN_ROUNDING,
    CheckResult,
    Explained,
    compare,
    display,
)
from claims.checks.period import PeriodFlag, figure_from_other_period, period_mismatch
from claims.quantity import IRREGULAR_GROUPING, find_all
from claims.quantity.numerals import last_digit_place

if TYPE_CHECKING:
    from claims.models import Claim, ClaimDerivation, Evidence

SOURCE_VALUE = "source_value"
PERIOD = "period"
ARITHMETIC = "arithmetic"
QUOTE = "quote"
ARCHIVE = "archive"

KIND_LABELS = {
    SOURCE_VALUE: _("figure against source"),
    PERIOD: _("period against source"),
    ARITHMETIC: _("recomputed arithmetic"),
    QUOTE: _("figure as printed"),
    ARCHIVE: _("evidence against the archived copy"),
}
# Roles whose source is meant to stand behind the claim's figure and period.
BACKING_ROLES = ("cited", "supports")
CONTEXT_ROLE = "context"
AGREEING_OUTCOMES = (CONSISTENT, CONSISTENT_WITHIN_ROUNDING)
# ClaimStatus.PUBLISHED, spelt out: the models import this package.
PUBLISHED = "published"


@dataclass(frozen=True, eq=False)
class MachineCheck:
    kind: str
    result: CheckResult | PeriodFlag | ArithmeticResult | QuoteFlag | ArchiveFlag
    evidence: Evidence | None = None
    derivation: ClaimDerivation | None = None

    @property
    def outcome(self) -> str:
        return self.result.outcome

    @property
    def flagged(self) -> bool:
        if self.kind == SOURCE_VALUE and self.evidence is not None:
            # A context source gives a neighbouring figure; a difference is expected.
            return self.result.flagged and self.evidence.role != CONTEXT_ROLE
        return self.result.flagged

    @property
    def explanation(self) -> str:
        return self.result.explanation

    def as_dict(self) -> dict:
        """Plain data for an API or a template, in both languages."""
        with override("en"):
            kind_en = str(KIND_LABELS[self.kind])
        with override("zh-hant"):
            kind_zh = str(KIND_LABELS[self.kind])
        return {
            "kind": self.kind,
            "kind_label_en": kind_en,
            "kind_label_zh_hant": kind_zh,
            "outcome": self.outcome,
            "flagged": self.flagged,
            "explanation_en": self.result.explanation_in("en"),
            "explanation_zh_hant": self.result.explanation_in("zh-hant"),
            "source": self.evidence.source.title if self.evidence else None,
            "role": self.evidence.role if self.evidence else None,
            "evidence_id": self.evidence.pk if self.evidence else None,
        }


QUOTE_MATCHES = "quote_matches"
QUOTE_DIFFERS = "quote_differs"
QUOTE_UNIT_DIFFERS = "quote_unit_differs"
QUOTE_COMPARATOR_DIFFERS = "quote_comparator_differs"
QUOTE_HAS_NO_FIGURE = "quote_has_no_figure"
FLAGGED_QUOTE_OUTCOMES = {
    IRREGULAR_GROUPING,
    QUOTE_DIFFERS,
    QUOTE_UNIT_DIFFERS,
    QUOTE_COMPARATOR_DIFFERS,
    QUOTE_HAS_NO_FIGURE,
}
BOUNDS = {">", "≥", "<", "≤"}


@dataclass(frozen=True, eq=False)
class QuoteFlag(Explained):
    """What the quote prints, set against the figure recorded for the claim."""

    outcome: str
    message: str
    params: dict

    @property
    def flagged(self) -> bool:
        return self.outcome in FLAGGED_QUOTE_OUTCOMES


def with_checks_prefetched(claims: QuerySet) -> QuerySet:
    """Everything claim_checks reads, in a fixed number of queries for any number of claims:
    evidence with its source in one, each source's newest archived copy in one, derivations
    in two."""
    from claims.models import DerivationInput, Evidence
    from sources.models import newest_captures_prefetch

    return claims.prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.select_related("source")),
        newest_captures_prefetch("evidence__source__captures"),
        "derivations",
        Prefetch("derivations__inputs", queryset=DerivationInput.objects.select_related("claim")),
    )


def claim_precision(claim: Claim) -> Decimal | None:
    """How precisely the claim states its figure: from the quote as printed, else the value."""
    if claim.value is None:
        return None
    for found in find_all(claim.quote or ""):
        if found.quantity.value == claim.value:
            return found.quantity.precision
    normalised = claim.value.normalize()
    exponent = normalised.as_tuple().exponent
    return last_digit_place(normalised, -exponent if exponent < 0 else 0)


def claim_checks(claim: Claim) -> list[MachineCheck]:
    """Every machine check on a claim. Prefetch with with_checks_prefetched() to avoid queries."""
    checks: list[MachineCheck] = []
    checks.extend(_quote_checks(claim))
    precision = claim_precision(claim)
    for evidence in claim.evidence.all():
        checks.extend(_evidence_checks(claim, precision, evidence))
    for derivation in claim.derivations.all():
        result = recompute(derivation, claim, precision)
        checks.append(MachineCheck(ARITHMETIC, result, derivation=derivation))
    return checks


def recompute(
    derivation: ClaimDerivation, claim: Claim, precision: Decimal | None
) -> ArithmeticResult:
    """The derivation worked out again from its inputs' figures, set against `claim`'s."""
    inputs = [item.claim.value for item in derivation.inputs.all()]
    if any(value is None for value in inputs):
        inputs = []
    return check_derivation(
        derivation.operation,
        inputs,
        claim.value,
        claim.comparator or "=",
        claim.unit or None,
        precision,
    )


def public_claim_checks(claim: Claim) -> list[MachineCheck]:
    """The checks a reader may see: none on an unpublished claim, and no recomputation that
    reads the figure of a claim that is not published itself."""
    if claim.status != PUBLISHED:
        return []
    return [
        check
        for check in claim_checks(claim)
        if check.derivation is None
        or all(item.claim.status == PUBLISHED for item in check.derivation.inputs.all())
    ]


def _evidence_checks(claim: Claim, precision: Decimal | None, evidence: Evidence) -> list:
    checks = []
    period_flag = None
    if evidence.role in BACKING_ROLES:
        source = evidence.source
        period_flag = period_mismatch(
            claim.period, source.published_on, f"{source.title} {evidence.locator}"
        )
    if evidence.value is not None and claim.value is not None:
        result = compare(
            claim.value,
            claim.comparator,
            claim.unit or None,
            precision,
            evidence.value,
            evidence.unit or None,
            _printed_precision(evidence.excerpt, evidence.value),
        )
        checks.append(MachineCheck(SOURCE_VALUE, result, evidence))
        if result.outcome in AGREEING_OUTCOMES and period_flag is None:
            period_flag = figure_from_other_period(
                claim.period, f"{evidence.locator} {evidence.excerpt}"
            )
    if period_flag is not None:
        checks.append(MachineCheck(PERIOD, period_flag, evidence))
    archived = _archive_check(evidence)
    if archived is not None:
        checks.append(MachineCheck(ARCHIVE, archived, evidence))
    return checks


def _archive_check(evidence: Evidence) -> ArchiveFlag | None:
    capture = evidence.source.newest_capture
    if capture is None:
        return None
    recorded = None
    if evidence.value is not None:
        recorded = display(evidence.value, evidence.unit or None, "=")
    return archive_check(
        excerpt=evidence.excerpt,
        value=evidence.value,
        text=capture.text,
        captured_on=capture.captured_at.date(),
        recorded=recorded,
    )


def _printed_precision(excerpt: str, value: Decimal) -> Decimal | None:
    """How precisely the source prints its figure, when the excerpt shows it."""
    for found in find_all(excerpt or ""):
        if found.quantity.value == value:
            return found.quantity.precision
    return None


def _quote_checks(claim: Claim) -> list[MachineCheck]:
    found = find_all(claim.quote or "")
    checks = [
        MachineCheck(
            QUOTE,
            QuoteFlag(
                IRREGULAR_GROUPING,
                _(
                    "“%(printed)s” groups its digits irregularly; it most likely means "
                    "%(value)s. Check the figure against the source."
                ),
                {"printed": item.text, "value": f"{item.quantity.value:,f}"},
            ),
        )
        for item in found
        if IRREGULAR_GROUPING in item.quantity.flags
    ]
    if claim.value is not None:
        checks.append(MachineCheck(QUOTE, _quote_against_record(claim, found)))
    return checks


def _quote_against_record(claim: Claim, found: list) -> QuoteFlag:
    """Does the figure recorded for the claim read the quote right: value, unit, hedge?"""
    recorded = display(claim.value, claim.unit or None, claim.comparator or "=")
    if not found:
        return QuoteFlag(
            QUOTE_HAS_NO_FIGURE,
            _("The quote prints no figure to set against the recorded %(recorded)s."),
            {"recorded": recorded},
        )
    matching = [item for item in found if item.quantity.value == claim.value]
    if not matching:
        return QuoteFlag(
            QUOTE_DIFFERS,
            _("The quote prints %(printed)s; the recorded %(recorded)s is not among them."),
            {"printed": "、".join(item.text for item in found), "recorded": recorded},
        )
    item = matching[0]
    params = {"printed": item.text, "recorded": recorded}
    if _units_clash(item.quantity.unit, claim.unit):
        return QuoteFlag(
            QUOTE_UNIT_DIFFERS,
            _("The quote prints “%(printed)s” but the claim is recorded as %(recorded)s."),
            params,
        )
    printed_bound = item.quantity.comparator in BOUNDS
    recorded_bound = claim.comparator in BOUNDS
    if (printed_bound or recorded_bound) and item.quantity.comparator != claim.comparator:
        return QuoteFlag(
            QUOTE_COMPARATOR_DIFFERS,
            _(
                "The quote hedges the figure as “%(printed)s” but the claim is recorded "
                "as %(recorded)s."
            ),
            params,
        )
    return QuoteFlag(
        QUOTE_MATCHES,
        _("The quote prints “%(printed)s”, which the recorded %(recorded)s reads correctly."),
        params,
    )


def _units_clash(printed: str | None, recorded: str) -> bool:
    if not printed or not recorded:
        return False
    # 四倍 is recorded as a ratio or as a multiple; both read it right.
    return printed != recorded and {printed, recorded} != {"times", "ratio"}
