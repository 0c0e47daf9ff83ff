"""The article admin: its claims listed inline, counted and linked to the claim list."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from claims.admin.display import verdict_chip
from claims.admin.extraction import ArticleExtractionMixin
from claims.models import Article, Claim, ClaimStatus
from core.admin_history import HistoryAdmin
from core.admin_links import changelist_link


class ArticleClaimInline(admin.TabularInline):
    """The article's claims, read-only: each is edited on its own page."""

    model = Claim
    fields = ("paragraph", "restatement_column", "verdict_column", "status")
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    extra = 0
    verbose_name_plural = _("claims in this article")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("verdict")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("claim"))
    def restatement_column(self, claim: Claim) -> str:
        return Truncator(claim.restatement).chars(120)

    @admin.display(description=_("verdict"))
    def verdict_column(self, claim: Claim) -> str:
        return verdict_chip(claim.verdict)


@admin.register(Article)
class ArticleAdmin(ArticleExtractionMixin, HistoryAdmin):
    change_form_template = "admin/claims/article/change_form.html"
    list_display = (
        "title",
        "outlet",
        "published_display",
        "language",
        "claims_column",
        "published_column",
    )
    list_filter = ("outlet", "language")
    list_select_related = ("outlet",)
    search_fields = ("title", "slug", "authors", "url")
    autocomplete_fields = ("outlet", "source")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [ArticleClaimInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "url", "outlet", "authors", "language")}),
        (_("Publication date"), {"fields": ("published_on", "published_precision")}),
        (_("As a source"), {"fields": ("source",)}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                claim_count=Count("claims", distinct=True),
                published_count=Count(
                    "claims", filter=Q(claims__status=ClaimStatus.PUBLISHED), distinct=True
                ),
            )
            .order_by(*Article._meta.ordering, "pk")
        )

    @admin.display(description=_("publication date"), ordering="published_on")
    def published_display(self, article: Article) -> str:
        return article.published_display

    @admin.display(description=_("claims"), ordering="claim_count")
    def claims_column(self, article: Article) -> str:
        return changelist_link("claims_claim", article.claim_count, article__id__exact=article.pk)

    @admin.display(description=_("published"), ordering="published_count")
    def published_column(self, article: Article) -> str:
        return changelist_link(
            "claims_claim",
            article.published_count,
            article__id__exact=article.pk,
            status__exact=ClaimStatus.PUBLISHED,
        )
