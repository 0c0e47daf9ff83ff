"""The editors' desk: claims, articles, evidence and the verdict scale in the Django admin."""

from claims.admin.article import ArticleAdmin
from claims.admin.claim import ClaimAdmin
from claims.admin.derivation import ClaimDerivationAdmin
from claims.admin.evidence import EvidenceAdmin
from claims.admin.verdict import VerdictAdmin

__all__ = ["ArticleAdmin", "ClaimAdmin", "ClaimDerivationAdmin", "EvidenceAdmin", "VerdictAdmin"]
