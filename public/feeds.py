"""Atom feeds of the correction log, all of it and per article, in English or Chinese."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from claims.models import ClaimStatus, VerdictChange, VerdictChangeKind
from public import selectors
from public.language import language_from_param
from public.templatetags.public_pages import changed_fields, label_for, reason_for
from public.views.embed import site_base_url

FEED_LENGTH = 50


class CorrectionsFeed(Feed):
    """Every change to a published fact check, newest first, as the corrections page lists."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        # A feed reader keeps the address it subscribed to: the language is in it, or English.
        self.lang = language_from_param(request.GET.get("lang")) or "en"
        self.language = "zh-Hant" if self.lang == "zh-hant" else "en"  # xml:lang, BCP 47
        self.base = site_base_url(request)
        with translation.override(self.lang):
            response = super().__call__(request, *args, **kwargs)
        response.headers["Content-Language"] = self.language
        return response

    def _query(self) -> str:
        return "" if self.lang == "en" else f"?lang={self.lang}"

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, article=None) -> str:
        if article is None:
            return _("Corrections") + " · " + _("Claim Registry")
        return _("Corrections to our fact checks of “%(title)s”") % {"title": article.title}

    def subtitle(self, article=None) -> str:
        return _(
            "Every change to a fact check we had published, newest first, with the reason we "
            "gave: new verdicts, updates to what a check is about (the quote, the numbers, the "
            "sources), and withdrawals."
        )

    def link(self, article=None) -> str:
        if article is None:
            return reverse("public:corrections") + self._query()
        return reverse("public:article", args=[article.slug]) + self._query()

    def feed_url(self, article=None) -> str:
        if article is None:
            return reverse("public:corrections-feed") + self._query()
        return reverse("public:article-corrections-feed", args=[article.slug]) + self._query()

    def items(self, article=None):
        changes = selectors.public_corrections()
        if article is not None:
            changes = changes.filter(claim__article=article)
        return changes[:FEED_LENGTH]

    def item_title(self, change: VerdictChange) -> str:
        if change.claim.status == ClaimStatus.WITHDRAWN:
            subject = _("Withdrawn fact check")
        else:
            subject = Truncator(change.claim.restatement_in(self.lang)).chars(90)
        if change.kind == VerdictChangeKind.WITHDRAWN:
            return f"{subject}: {_('withdrawn')}"
        if change.kind == VerdictChangeKind.UPDATED:
            fields = ", ".join(changed_fields(change))
            return (
                f"{subject}: {_('Updated:')} {fields}" if fields else f"{subject}: {_('updated')}"
            )
        before = label_for(change.from_verdict, self.lang) or "—"
        return f"{subject}: {before} → {label_for(change.to_verdict, self.lang)}"

    def item_description(self, change: VerdictChange) -> str:
        return reason_for(change, self.lang)

    def item_link(self, change: VerdictChange) -> str:
        return reverse("public:claim", args=[change.claim.public_id]) + self._query()

    def item_guid(self, change: VerdictChange) -> str:
        return f"{self.base}{self.item_link(change)}#change-{change.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, change: VerdictChange):
        return change.changed_at

    def item_updateddate(self, change: VerdictChange):
        return change.changed_at


class ArticleCorrectionsFeed(CorrectionsFeed):
    def get_object(self, request, slug: str):
        return get_object_or_404(selectors.articles_with_public_claims(), slug=slug)
