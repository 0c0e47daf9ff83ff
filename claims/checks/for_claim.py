"""The machine checks for one claim, read from a claim whose evidence is already prefetched."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from claims.checks.arithmetic import ArithmeticResult, check_derivation
from claims.checks.compare import CheckResult, compare
from claims.checks.period import PeriodFlag, period_mismatch
from claims.quantity import IRREGULAR_GROUPING, find_all
from claims.quantity.numerals import last_digit_place

if TYPE_CHECKING:
    from claims.models import Claim, Evidence

SOURCE_VALUE = "source_value"
PERIOD = "period"
ARITHMETIC = "arithmetic"
QUOTE = "quote"

KIND_LABELS = {
    SOURCE_VALUE: _("figure against source"),
    PERIOD: _("period against source"),
    ARITHMETIC: _("recomputed arithmetic"),
    QUOTE: _("figure as printed"),
}
# Roles whose source is meant to stand behind the claim's figure and period.
BACKING_ROLES = ("cited", "supports")


@dataclass(frozen=True, eq=False)
class MachineCheck:
    kind: str
    result: CheckResult | PeriodFlag | ArithmeticResult | QuoteFlag
    evidence: Evidence | None = None

    @property
    def outcome(self) -> str:
        return self.result.outcome

    @property
    def flagged(self) -> bool:
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
            "evidence_id": self.evidence.pk if self.evidence else None,
        }


@dataclass(frozen=True, eq=False)
class QuoteFlag:
    outcome: str
    message: str
    params: dict

    flagged = True

    @property
    def explanation(self) -> str:
        return str(self.message) % self.params

    def explanation_in(self, language: str) -> str:
        with override(language):
            return self.explanation


def with_checks_prefetched(claims: QuerySet) -> QuerySet:
    """Everything claim_checks reads, in a fixed number of queries for any number of claims."""
    from claims.models import DerivationInput

    return claims.prefetch_related(
        "evidence__source",
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
        if evidence.value is not None and claim.value is not None:
            result = compare(
                claim.value,
                claim.comparator,
                claim.unit or None,
                precision,
                evidence.value,
                evidence.unit or None,
            )
            checks.append(MachineCheck(SOURCE_VALUE, result, evidence))
        if evidence.role in BACKING_ROLES:
            source = evidence.source
            flag = period_mismatch(
                claim.period, source.published_on, f"{source.title} {evidence.locator}"
            )
            if flag is not None:
                checks.append(MachineCheck(PERIOD, flag, evidence))
    for derivation in claim.derivations.all():
        inputs = [item.claim.value for item in derivation.inputs.all()]
        if any(value is None for value in inputs):
            inputs = []
        result = check_derivation(
            derivation.operation,
            inputs,
            claim.value,
            claim.comparator or "=",
            claim.unit or None,
            precision,
        )
        checks.append(MachineCheck(ARITHMETIC, result))
    return checks


def _quote_checks(claim: Claim) -> list[MachineCheck]:
    checks = []
    for found in find_all(claim.quote or ""):
        if IRREGULAR_GROUPING in found.quantity.flags:
            flag = QuoteFlag(
                IRREGULAR_GROUPING,
                _(
                    "“%(printed)s” groups its digits irregularly; it most likely means "
                    "%(value)s. Check the figure against the source."
                ),
                {"printed": found.text, "value": f"{found.quantity.value:,f}"},
            )
            checks.append(MachineCheck(QUOTE, flag))
    return checks
