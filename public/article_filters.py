"""An article's claims as a reader narrows them: a tally by verdict, a verdict, a search."""

from __future__ import annotations

from dataclasses import dataclass

from claims.models import Claim, ClaimStatus, Verdict

WITHDRAWN = "withdrawn"
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class TallyRow:
    code: str
    verdict: Verdict | None  # None for the withdrawn ones
    count: int


def bucket(claim: Claim) -> str:
    """The verdict code a claim is counted under, or "withdrawn"."""
    return WITHDRAWN if claim.status == ClaimStatus.WITHDRAWN else claim.verdict.code


def tally(claims: list[Claim]) -> list[TallyRow]:
    """How many claims have each verdict, in the scale's order; withdrawn ones last."""
    counts: dict[str, int] = {}
    verdicts: dict[str, Verdict] = {}
    for claim in claims:
        code = bucket(claim)
        counts[code] = counts.get(code, 0) + 1
        if code != WITHDRAWN:
            verdicts[code] = claim.verdict
    ordered = sorted(verdicts.values(), key=lambda verdict: (verdict.position, verdict.code))
    rows = [TallyRow(verdict.code, verdict, counts[verdict.code]) for verdict in ordered]
    if WITHDRAWN in counts:
        rows.append(TallyRow(WITHDRAWN, None, counts[WITHDRAWN]))
    return rows


def _text(claim: Claim) -> str:
    if claim.status == ClaimStatus.WITHDRAWN:  # its notice says nothing of what it was about
        return ""
    parts = (claim.quote, claim.restatement, claim.claimant, claim.ruling, claim.ruling_zh_hant)
    return " ".join(parts).casefold()


def narrowed(claims: list[Claim], *, verdict: str = "", query: str = "") -> list[Claim]:
    """The claims with `verdict` (a code, or "withdrawn") whose text holds every word of `query`."""
    if verdict:
        claims = [claim for claim in claims if bucket(claim) == verdict]
    words = query[:MAX_QUERY_LENGTH].casefold().split()
    if words:
        claims = [claim for claim in claims if all(word in _text(claim) for word in words)]
    return claims
