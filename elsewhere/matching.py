"""One answer to "has anyone checked this before?": our claims and other desks' reviews,
scored by the figure they state and by their wording, each with the reason it matched.

A newsroom plugs in another matcher (multilingual embeddings, a search service) by naming its
class in the CHECKED_BEFORE_MATCHER setting; callers only see `find()` and `Match`. The
scoring itself (`score_pair`) is pure, so the labelled evaluation (bench/match_eval.py) runs
it without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from claims.similarity import similarity
from elsewhere.fingerprint import Figure, Fingerprint, compare

# How much a figure that agrees counts, before the wording adds to it: more for a figure
# stated to more significant digits (11.58 million is rarer than 50%), and for a year or a
# place both sides state alike.
FIGURE_BASE = Decimal("0.35")
PER_DIGIT = Decimal("0.1")
DIGITS_COUNTED = 3
YEAR_BONUS = Decimal("0.1")
PLACE_BONUS = Decimal("0.05")
# The very same value, not only one within the other's rounding (十萬 is 50,000 to 150,000).
EQUAL_BONUS = Decimal("0.05")
# Both hedge alike ("more than 50%", 逾五成): the hedge is part of what is claimed.
HEDGE_BONUS = Decimal("0.05")
# Wording alike but a figure, a year or a place that differs: the same sentence about another
# figure is another claim.
DIFFERENT_FIGURE_FACTOR = 0.3
# At or above this a pair is "the same claim" (the evaluation's decision); below SHOWN it is
# not listed at all.
MATCH_THRESHOLD = 0.55
SHOWN = 0.15

SAME_FIGURE, SIMILAR_WORDING, DIFFERENT_FIGURE = "same-figure", "similar-wording", "different"


@dataclass(frozen=True)
class Reason:
    kind: str
    figure: Figure | None = None
    years: frozenset[str] = frozenset()
    differs: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.kind == SAME_FIGURE:
            language = get_language() or "en"
            stated = Fingerprint(years=self.years).describe(self.figure, language)
            return _("same figure: %(figure)s") % {"figure": stated}
        if self.kind == DIFFERENT_FIGURE:
            names = {
                "figure": _("figure"),
                "years": _("year"),
                "place": _("place"),
            }
            return _("similar wording, but a different %(what)s") % {
                "what": _(", ").join(str(names[part]) for part in self.differs)
            }
        return _("similar wording")


@dataclass(frozen=True)
class Checked:
    """Something already checked, as the matcher compares it: its wordings and fingerprint."""

    texts: tuple[str, ...]
    fingerprint: Fingerprint


@dataclass(frozen=True)
class Match:
    """One earlier check: ours (`claim`) or another desk's (`review`), its score and why."""

    score: float
    reasons: tuple[Reason, ...]
    claim: Any = None
    review: Any = None

    @property
    def external(self) -> bool:
        return self.review is not None

    @property
    def reason(self) -> str:
        return _("; ").join(str(reason) for reason in self.reasons)


@dataclass(frozen=True)
class Probe:
    """What the desk asks about: a sentence or a claim, its wordings and its fingerprint."""

    texts: tuple[str, ...]
    fingerprint: Fingerprint
    exclude_claim: int | None = None


def score_pair(probe: Probe | Checked, other: Checked) -> tuple[float, tuple[Reason, ...]]:
    """How likely two texts state the same claim, 0 to 1, and the reasons."""
    wording = max(
        (similarity(a, b) for a in probe.texts if a for b in other.texts if b), default=0.0
    )
    agreement = compare(probe.fingerprint, other.fingerprint)
    if agreement.differs:
        score = wording * DIFFERENT_FIGURE_FACTOR
        return round(score, 4), (Reason(DIFFERENT_FIGURE, differs=agreement.differs),)
    if agreement.pair is None:
        return round(wording, 4), ((Reason(SIMILAR_WORDING),) if wording >= SHOWN else ())
    weight = float(_figure_weight(agreement.pair, probe.fingerprint, other.fingerprint))
    score = weight + (1 - weight) * wording
    years = probe.fingerprint.years | other.fingerprint.years
    reasons = [Reason(SAME_FIGURE, figure=_stated(agreement.pair), years=years)]
    if wording >= SHOWN:
        reasons.append(Reason(SIMILAR_WORDING))
    return round(score, 4), tuple(reasons)


def _figure_weight(pair: tuple[Figure, Figure], a: Fingerprint, b: Fingerprint) -> Decimal:
    digits = min(pair[0].significant_digits, pair[1].significant_digits, DIGITS_COUNTED)
    weight = FIGURE_BASE + PER_DIGIT * digits
    if a.years and b.years:
        weight += YEAR_BONUS
    if a.place and b.place:
        weight += PLACE_BONUS
    if pair[0].value == pair[1].value:
        weight += EQUAL_BONUS
    if pair[0].comparator == pair[1].comparator != "=":
        weight += HEDGE_BONUS
    return weight


def _stated(pair: tuple[Figure, Figure]) -> Figure:
    """The more precise of two agreeing figures, with the unit either states."""
    best = min(pair, key=lambda figure: figure.precision)
    return Figure(best.value, best.precision, pair[0].unit or pair[1].unit, best.comparator)


class Matcher(Protocol):
    def find(self, probe: Probe, *, claims, limit: int, external: bool = True) -> list[Match]:
        """The earlier checks most like `probe`, best first: `claims` (a queryset of our
        claims the caller may show) and, when `external`, imported reviews."""


def get_matcher() -> Matcher:
    return import_string(settings.CHECKED_BEFORE_MATCHER)()


class FigureAndWordingMatcher:
    """The default: candidates by figure and by wording, each scored by `score_pair`."""

    def find(self, probe: Probe, *, claims, limit: int, external: bool = True) -> list[Match]:
        from elsewhere import retrieval

        matches = []
        for claim in retrieval.candidate_claims(probe, claims):
            score, reasons = score_pair(probe, retrieval.claim_checked(claim))
            if score >= SHOWN:
                matches.append(Match(score, reasons, claim=claim))
        if external:
            for review in retrieval.candidate_reviews(probe):
                score, reasons = score_pair(probe, retrieval.review_checked(review))
                if score >= SHOWN:
                    matches.append(Match(score, reasons, review=review))
        matches.sort(key=lambda m: (-m.score, m.external, (m.claim or m.review).pk))
        return matches[:limit]
