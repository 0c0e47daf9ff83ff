from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DismissedCandidate(models.Model):
    """A figure an editor found in an article's text and judged not worth a claim.

    Remembered per article so the same figure does not come back on the next search.
    """

    article = models.ForeignKey(
        "claims.Article",
        on_delete=models.CASCADE,
        related_name="dismissed_candidates",
        verbose_name=_("article"),
    )
    # sha256 of the sentence and the figure as printed: the same words are the same candidate.
    key = models.CharField(_("key"), max_length=64)
    sentence = models.TextField(_("sentence"))
    figure = models.CharField(_("figure as printed"), max_length=200)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )
    dismissed_at = models.DateTimeField(_("dismissed at"), auto_now_add=True)

    class Meta:
        ordering = ["article", "-dismissed_at", "id"]
        verbose_name = _("dismissed candidate")
        verbose_name_plural = _("dismissed candidates")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "key"], name="dismissed_candidate_once_per_article"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.figure}: {self.sentence[:60]}"
