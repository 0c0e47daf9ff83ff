from claims.models.article import Article
from claims.models.claim import (
    Claim,
    ClaimKind,
    ClaimStatus,
    Comparator,
    Unit,
)
from claims.models.derivation import ClaimDerivation, DerivationInput
from claims.models.evidence import Evidence, EvidenceRole
from claims.models.extraction import DismissedCandidate
from claims.models.public_row import PublicRow
from claims.models.verdict import Verdict, VerdictChange, VerdictChangeKind

__all__ = [
    "Article",
    "Claim",
    "ClaimDerivation",
    "ClaimKind",
    "ClaimStatus",
    "Comparator",
    "DerivationInput",
    "DismissedCandidate",
    "Evidence",
    "EvidenceRole",
    "PublicRow",
    "Unit",
    "Verdict",
    "VerdictChange",
    "VerdictChangeKind",
]
