"""Public reads: anonymous, published data only, cached and conditional."""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from operator import attrgetter

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer, SerializerMethodField
from rest_framework.views import APIView

from api.caching import cached_public_read
from api.errors import JSONErrorsMixin
from api.filters import ClaimFilter
from api.renderers import CSVRenderer, FixedFormat, JSONLDRenderer, ReadOnlyBrowsableRenderer
from api.serializers import claim_rows
from api.serializers import public as s
from api.serializers.external import checked_before_row
from api.serializers.queries import SimilarQuerySerializer
from api.views import querysets
from claims import public_rows
from claims.claimreview import claim_review, claimreview_feed
from claims.models import Claim, ClaimStatus, Verdict
from claims.public_changes import tags
from elsewhere.matching import get_matcher
from elsewhere.retrieval import text_probe
from public.language import content_language, request_language

CLAIM_DETAIL = PolymorphicProxySerializer(
    component_name="ClaimOrWithdrawal",
    serializers=[s.ClaimSerializer, s.WithdrawnClaimSerializer],
    resource_type_field_name=None,
)

# The CSV's nested parts, flattened under the names clients read (docs/api.md).
CSV_FLATTENED = {
    "appears_in": [
        ("article", "article.title"),
        ("article_url", "article.url"),
        ("paragraph", "paragraph"),
    ],
    "verdict": [
        ("verdict", "verdict.code"),
        ("verdict_en", "verdict.label_en"),
        ("verdict_zh_hant", "verdict.label_zh_hant"),
    ],
}


@functools.cache
def csv_columns() -> list[tuple[str, Callable]]:
    """One column for each field of ClaimSerializer that holds one value, in its order, as
    the JSON writes it; the article and verdict flattened; lists (evidence, history, checks)
    and links left to the JSON."""
    columns: list[tuple[str, Callable]] = []
    for name, field in s.ClaimSerializer().fields.items():
        if name in CSV_FLATTENED:
            columns += [(column, attrgetter(path)) for column, path in CSV_FLATTENED[name]]
        elif not isinstance(field, (BaseSerializer, SerializerMethodField)):
            columns.append((name, functools.partial(_csv_cell, field)))
    return columns


def _csv_cell(field, claim):
    value = field.get_attribute(claim)
    if value is None:
        return None
    # Plain digits without the JSON's trailing zeros: normalize() alone writes 100000 as "1E+5".
    return (
        f"{value.normalize():f}" if isinstance(value, Decimal) else field.to_representation(value)
    )


LANG = OpenApiParameter(
    "lang",
    str,
    enum=["en", "zh-hant"],
    description=(
        "The language of claimReviewed, reviewBody and the rating's name; without it, the "
        "best fit for Accept-Language (any Chinese variant gives Traditional Chinese), else "
        "English. Content-Language names the language sent."
    ),
)


def site_base_url(request) -> str:
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


class PublicReadMixin(JSONErrorsMixin):
    """Public GETs are answered from the shared cache and may be answered with a 304."""

    authentication_classes: list = []
    permission_classes: list = []
    # JSON first: any client that does not prefer HTML gets JSON, as before.
    renderer_classes = [JSONRenderer, ReadOnlyBrowsableRenderer]
    # What these views list changes only with a public change (api/pagination.py).
    counts_published_only = True

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if len(self.get_renderers()) > 1:
            # The same address answers in more than one format.
            patch_vary_headers(response, ("Accept",))
        return response

    def cached(self, request, build, tags=None):
        if isinstance(request.accepted_renderer, ReadOnlyBrowsableRenderer):
            return build()  # a page for one person, with their CSRF token: not shared
        return cached_public_read(
            self, request, f"{self.basename}:{request.get_full_path()}", build, tags
        )

    def cached_in_language(self, request, build, tags=None):
        """A read written in the reader's language: `?lang=`, else Accept-Language."""
        language = request_language(request)
        response = cached_public_read(
            self,
            request,
            f"{self.basename}:{request.get_full_path()}:{language}",
            lambda: build(language),
            tags,
        )
        response["Content-Language"] = content_language(language)
        patch_vary_headers(response, ("Accept-Language",))
        return response

    def list(self, request, *args, **kwargs):
        return self.cached(request, lambda: super(PublicReadMixin, self).list(request))

    def retrieve(self, request, *args, **kwargs):
        return self.cached(
            request, lambda: super(PublicReadMixin, self).retrieve(request, *args, **kwargs)
        )


def _write_rows(claim_ids: list[int]) -> dict[int, str]:
    """Rows of the public list for these claims, as stored: JSON, links from ORIGIN."""
    serializer = s.ClaimSerializer(context={"request": None, "origin": public_rows.ORIGIN})
    renderer = JSONRenderer()
    return {
        claim.pk: renderer.render(serializer.to_representation(claim)).decode()
        for claim in querysets.public_claims().filter(pk__in=claim_ids)
    }


def _claim_tags(response) -> list[str]:
    """A claim detail's purge tags: the claim and its article (a withdrawal shows neither)."""
    article = (response.data.get("appears_in") or {}).get("article") or {}
    return tags(claims=[response.data["id"]], articles=[article["id"]] if "id" in article else [])


class ClaimViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """Published claims, with verdicts, evidence and their correction log."""

    serializer_class = s.ClaimSerializer
    filterset_class = ClaimFilter
    lookup_field = "public_id"
    lookup_value_regex = "[0-9a-z]{4,12}"

    def get_queryset(self):
        if self.action == "retrieve":
            return querysets.visible_claims()
        return querysets.public_claims()

    def get_renderers(self):
        # The list also answers Accept: text/csv, as the CSV export does.
        if self.action == "list":
            return [*super().get_renderers(), CSVRenderer()]
        return super().get_renderers()

    @extend_schema(
        responses={
            (200, "application/json"): s.ClaimSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
        }
    )
    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == CSVRenderer.format:
            return self._csv(request)
        if isinstance(request.accepted_renderer, ReadOnlyBrowsableRenderer):
            return super().list(request, *args, **kwargs)
        return self.cached(request, lambda: self._list_from_stored_rows(request))

    def _list_from_stored_rows(self, request) -> HttpResponse:
        """The page from each claim's stored row (claims/public_rows.py), in DRF's own JSON.

        The page's claims are read with their stored rows only; the few whose row is stale are
        written with ClaimSerializer, as a detail is, and stored for the next reader."""
        # Only what choosing the page and its rows needs, as plain values: the rows hold
        # the rest.
        claims = public_rows.page_values(self.filter_queryset(Claim.objects.published()))
        page = self.paginate_queryset(claims)
        rows = public_rows.rows_for(page, _write_rows, claim_rows.row_shape())
        renderer = JSONRenderer()
        envelope = renderer.render(self.get_paginated_response([]).data)
        head, results, tail = envelope.rpartition(b'"results":[]')
        if not results or tail != b"}":
            raise RuntimeError("the list envelope no longer ends with its results")
        origin = request.build_absolute_uri("/")[:-1]
        body = public_rows.with_origin(b",".join(rows), origin)
        return HttpResponse(
            b"".join((head, b'"results":[', body, b"]}")), content_type=renderer.media_type
        )

    def filter_queryset(self, queryset):
        # An address names one claim; list filters in its query string change nothing.
        if self.detail:
            return queryset
        return super().filter_queryset(queryset)

    def get_serializer_class(self):
        if self.action == "similar":
            return s.SimilarClaimSerializer
        return super().get_serializer_class()

    @extend_schema(responses={200: CLAIM_DETAIL})
    def retrieve(self, request, *args, **kwargs):
        return self.cached(
            request,
            lambda: super(PublicReadMixin, self).retrieve(request, *args, **kwargs),
            _claim_tags,
        )

    def get_serializer(self, instance=None, *args, **kwargs):
        if self.action == "retrieve" and getattr(instance, "status", None) == ClaimStatus.WITHDRAWN:
            return s.WithdrawnClaimSerializer(instance, context=self.get_serializer_context())
        return super().get_serializer(instance, *args, **kwargs)

    @extend_schema(
        summary="A claim as schema.org ClaimReview (JSON-LD)",
        parameters=[LANG],
        responses={(200, "application/ld+json"): OpenApiTypes.OBJECT},
    )
    @action(
        detail=True,
        renderer_classes=[JSONLDRenderer],
        content_negotiation_class=FixedFormat,
        filterset_class=None,
    )
    def claimreview(self, request, public_id=None):
        def build(language):
            claim = self.get_object()
            base_url = site_base_url(request)
            return Response(claim_review(claim, base_url=base_url, language=language))

        return self.cached_in_language(request, build, lambda response: tags(claims=[public_id]))

    @extend_schema(
        summary="The filtered claim list as CSV (also the list's answer to Accept: text/csv)",
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    @action(
        detail=False,
        renderer_classes=[CSVRenderer],
        content_negotiation_class=FixedFormat,
        pagination_class=None,
    )
    def export(self, request):
        return self._csv(request)

    def _csv(self, request) -> HttpResponse:
        """Every claim the filters keep, as CSV (one file: no pages), with its ETag."""

        def build():
            claims = self.filter_queryset(querysets.public_claims().prefetch_related(None))
            return Response(
                {
                    "header": [name for name, _ in csv_columns()],
                    "rows": [[value(claim) for _, value in csv_columns()] for claim in claims],
                }
            )

        response = self.cached(request, build)
        if response.status_code == 200:
            response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response

    @extend_schema(
        summary="Has this been checked before? Our published claims and other fact-checkers' "
        "reviews most like a text",
        parameters=[SimilarQuerySerializer],
        responses={200: s.SimilarClaimSerializer(many=True)},
    )
    @action(detail=False, filterset_class=None, pagination_class=None)
    def similar(self, request):
        query = SimilarQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)

        def build():
            found = get_matcher().find(
                text_probe(query.validated_data["text"]),
                claims=querysets.public_claims().prefetch_related(None),
                limit=query.validated_data["limit"],
            )
            rows = [checked_before_row(match) for match in found]
            context = self.get_serializer_context()
            return Response(s.SimilarClaimSerializer(rows, many=True, context=context).data)

        return self.cached(request, build)


class ClaimReviewFeedView(PublicReadMixin, APIView):
    """Every published claim as ClaimReview, in a schema.org DataFeed."""

    renderer_classes = [JSONLDRenderer]
    content_negotiation_class = FixedFormat
    basename = "claimreview-feed"

    @extend_schema(
        summary="All published claims as a schema.org DataFeed of ClaimReview",
        parameters=[LANG],
        responses={(200, "application/ld+json"): OpenApiTypes.OBJECT},
    )
    def get(self, request):
        def build(language):
            claims = querysets.public_claims().order_by("published_at", "id")
            base_url = site_base_url(request)
            return Response(claimreview_feed(claims, base_url=base_url, language=language))

        return self.cached_in_language(request, build)


class SourceViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """Sources cited as evidence by published claims."""

    lookup_value_regex = "[0-9]{1,18}"  # ids the database can hold

    queryset = querysets.public_sources()

    def get_serializer_class(self):
        return s.SourceDetailSerializer if self.action == "retrieve" else s.SourceSerializer


class ArticleViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """Articles with at least one published claim."""

    lookup_value_regex = "[0-9]{1,18}"  # ids the database can hold

    queryset = querysets.public_articles()

    def get_serializer_class(self):
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleSerializer


class VerdictViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    """The verdict scale, best to worst."""

    queryset = Verdict.objects.all()
    lookup_field = "code"
    serializer_class = s.VerdictSerializer
    pagination_class = None
