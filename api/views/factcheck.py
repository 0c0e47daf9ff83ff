"""claims:search shaped like Google Fact Check Tools', so existing scripts can point here."""

from __future__ import annotations

import base64
import binascii
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.caching import cached_public_read
from api.filters import claims_matching
from api.serializers.queries import FactCheckSearchQuerySerializer
from api.views import querysets
from api.views.elsewhere import external_fact_checks
from api.views.public import site_base_url
from sources.fields import format_partial_date


class ReviewPublisherSerializer(serializers.Serializer):
    name = serializers.CharField()
    site = serializers.CharField()


class FactCheckReviewSerializer(serializers.Serializer):
    publisher = ReviewPublisherSerializer()
    url = serializers.URLField()
    title = serializers.CharField()
    # Another fact-checker's review may leave out its date or its language.
    reviewDate = serializers.DateTimeField(required=False)  # noqa: N815
    textualRating = serializers.CharField()  # noqa: N815
    languageCode = serializers.CharField(required=False)  # noqa: N815


class FactCheckClaimSerializer(serializers.Serializer):
    text = serializers.CharField()
    claimant = serializers.CharField(required=False)
    claimDate = serializers.CharField(required=False)  # noqa: N815
    claimReview = FactCheckReviewSerializer(many=True)  # noqa: N815


class FactCheckSearchResponseSerializer(serializers.Serializer):
    claims = FactCheckClaimSerializer(many=True)
    nextPageToken = serializers.CharField(required=False)  # noqa: N815


def _encode_token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def _decode_token(token: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        prefix, offset = raw.split(":", 1)
        if prefix != "o" or not offset.isdigit():
            raise ValueError
        return int(offset)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise exceptions.ValidationError(
            {"pageToken": [_("This page token is not one we gave out.")]}
        ) from None


def _review_language(code: str | None) -> str | None:
    """Our reviews exist in English and Traditional Chinese; any other language has none."""
    if not code:
        return "en"
    code = code.lower()
    if code == "en" or code.startswith("en-"):
        return "en"
    if code == "zh" or code.startswith("zh-"):
        return "zh-Hant"
    return None


class FactCheckSearchView(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        operation_id="claims_search",
        summary="Search published fact-checks the way Google Fact Check Tools does",
        parameters=[FactCheckSearchQuerySerializer],
        responses={200: FactCheckSearchResponseSerializer},
    )
    def get(self, request):
        query = FactCheckSearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        offset = _decode_token(params["pageToken"]) if params.get("pageToken") else 0
        return cached_public_read(
            self,
            request,
            f"claims:search:{request.get_full_path()}",
            lambda: Response(self._search(request, params, offset)),
        )

    def _search(self, request, params: dict, offset: int) -> dict:
        language = _review_language(params.get("languageCode"))
        claims = claims_matching(querysets.public_claims().prefetch_related(None), params["query"])
        if language is None:
            claims = claims.none()  # we have no reviews in that language; others may
        if params.get("maxAgeDays"):
            since = timezone.now() - timedelta(days=params["maxAgeDays"])
            claims = claims.filter(reviewed_at__gte=since)
        claims = claims.order_by("-reviewed_at", "id")
        size = params["pageSize"]
        page = list(claims[offset : offset + size + 1])
        base_url = site_base_url(request)
        site = urlsplit(base_url).netloc
        result = {"claims": [self._claim(claim, language, base_url, site) for claim in page[:size]]}
        more = len(page) > size
        if not more:
            # Our claims are listed first, then other fact-checkers' reviews (api/views/elsewhere).
            ours = offset + len(page) if page or not offset else claims.count()
            theirs = external_fact_checks(
                params["query"],
                language_code=params.get("languageCode"),
                max_age_days=params.get("maxAgeDays"),
                start=offset + len(page) - ours,
                count=size - len(page) + 1,
            )
            more = len(theirs) > size - len(page)
            result["claims"] += theirs[: size - len(page)]
        if more:
            result["nextPageToken"] = _encode_token(offset + size)
        return result

    def _claim(self, claim, language: str, base_url: str, site: str) -> dict:
        item = {
            "text": claim.quote,
            "claimant": claim.claimant,
            "claimReview": [
                {
                    "publisher": {"name": settings.SITE_NAME, "site": site},
                    "url": f"{base_url}/claims/{claim.public_id}/",
                    "title": claim.restatement,
                    "reviewDate": claim.reviewed_at.isoformat(),
                    "textualRating": claim.verdict.label(language),
                    "languageCode": language,
                }
            ],
        }
        article = claim.article
        claim_date = format_partial_date(article.published_on, article.published_precision)
        if claim_date:
            item["claimDate"] = claim_date
        return item
