"""The public pages: a claim, an article's claims, the corrections log and the methodology."""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import translation
from django.views.decorators.http import require_safe

from claims.checks.for_claim import KIND_LABELS, SOURCE_VALUE, public_claim_checks
from claims.checks.wording import plain_outcome, tone
from claims.claimreview import claim_review, json_ld_script_content
from claims.models import Article, ClaimStatus, Verdict
from claims.public_cache import cached_response
from claims.public_changes import tag_response, tags
from public import article_filters, selectors
from public.headers import PAGE_CACHE_CONTROL, PAGE_POLICY, content_security_policy
from public.language import page_language
from public.views.embed import site_base_url

CORRECTIONS_PER_PAGE = 50


def public_page(view):
    """Our page headers: the strict policy, no framing; kept under the public generation."""

    @functools.wraps(view)
    def cached(request, *args, **kwargs):
        # The language, and the address with its host: pages hold absolute links.
        key = f"page\n{translation.get_language()}\n{request.build_absolute_uri()}"
        return cached_response(
            request,
            key,
            lambda: view(request, *args, **kwargs),
            cache_control=PAGE_CACHE_CONTROL,
        )

    return require_safe(content_security_policy(PAGE_POLICY)(page_language(cached)))


def _with_tags(response: HttpResponse, **names) -> HttpResponse:
    return tag_response(response, tags(**names))


@public_page
def claim_detail(request, public_id: str) -> HttpResponse:
    claim = selectors.public_claim(public_id)
    if claim is None:
        raise Http404
    base = site_base_url(request)
    evidence = list(claim.evidence.all())
    page_url = base + request.path
    context = {
        "claim": claim,
        "withdrawn": claim.status == ClaimStatus.WITHDRAWN,
        "page_url": page_url,
        "base_url": base,
        "evidence": evidence,
        "has_unread": any(not row.seen for row in evidence),
        "changes": list(claim.verdict_changes.all()),
        "claim_review": _claim_review_json(claim, base),
        **_machine_checks(claim),
    }
    return _with_tags(
        render(request, "public/claim.html", context),
        claims=[claim.public_id],
        articles=[claim.article_id],
    )


def _machine_checks(claim) -> dict:
    """The checks a reader may see, figures against sources apart from the rest."""
    figure_checks, other_checks = [], []
    for check in public_claim_checks(claim):
        row = {
            "check": check,
            "kind": KIND_LABELS[check.kind],
            "outcome": plain_outcome(check.outcome),
            "tone": tone(check),
            "explanation": check.explanation,
        }
        (figure_checks if check.kind == SOURCE_VALUE else other_checks).append(row)
    return {"figure_checks": figure_checks, "other_checks": other_checks}


def _claim_review_json(claim, base: str) -> str:
    """The ClaimReview data block of a published claim; a withdrawn one reviews nothing."""
    if claim.status != ClaimStatus.PUBLISHED:
        return ""
    review = claim_review(claim, base_url=base, language=translation.get_language())
    return json_ld_script_content(review)


def _article_page(request, article: Article) -> HttpResponse:
    claims = list(selectors.article_claims(article))
    if not claims:
        raise Http404
    verdict = request.GET.get("verdict", "")
    query = request.GET.get("q", "")[: article_filters.MAX_QUERY_LENGTH].strip()
    shown = article_filters.narrowed(claims, verdict=verdict, query=query)
    context = {
        "article": article,
        "claims": shown,
        "total": len(claims),
        "tally": article_filters.tally(claims),
        "verdict": verdict,
        "query": query,
        "other_articles": selectors.articles_with_public_claims().exclude(pk=article.pk)[:20],
    }
    return _with_tags(
        render(request, "public/article.html", context), articles=[article.pk], lists=True
    )


@public_page
def home(request) -> HttpResponse:
    article = selectors.articles_with_public_claims().first()
    if article is None:
        return _with_tags(render(request, "public/empty.html"), lists=True)
    return _article_page(request, article)


@public_page
def article_detail(request, slug: str) -> HttpResponse:
    article = selectors.articles_with_public_claims().filter(slug=slug).first()
    if article is None:
        raise Http404
    return _article_page(request, article)


@public_page
def corrections(request) -> HttpResponse:
    page = Paginator(selectors.public_corrections(), CORRECTIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return _with_tags(render(request, "public/corrections.html", {"page": page}), lists=True)


@require_safe
def favicon(request) -> HttpResponsePermanentRedirect:
    return HttpResponsePermanentRedirect(static("public/favicon.svg"))


@public_page
def methodology(request) -> HttpResponse:
    context = {
        "verdicts": Verdict.objects.all(),
        # The archiver's caps as configured, so the page says what is actually done.
        "archive_max_mb": f"{settings.ARCHIVE_MAX_BYTES / 1024 / 1024:g}",
        "archive_timeout": f"{settings.ARCHIVE_TOTAL_TIMEOUT:g}",
    }
    return _with_tags(render(request, "public/methodology.html", context), lists=True)
