"""The editors' desk: claims, articles, evidence and the verdict scale in the Django admin."""

from claims.admin.article import ArticleAdmin
from claims.admin.claim import ClaimAdmin
from claims.admin.verdict import EvidenceAdmin, VerdictAdmin

__all__ = ["ArticleAdmin", "ClaimAdmin", "EvidenceAdmin", "VerdictAdmin"]
