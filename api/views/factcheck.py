"""claims:search shaped like Google Fact Check Tools', so existing scripts can point here."""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.caching import cached_public_read
from api.filters import claims_matching
from api.google_errors import GoogleErrorSerializer, google_exception_handler
from api.serializers.external import ReviewPublisherSerializer
from api.serializers.queries import FactCheckSearchQuerySerializer
from api.views import querysets
from api.views.elsewhere import bare_host, external_fact_checks, on_site, rfc3339
from api.views.public import site_base_url
from sources.fields import DatePrecision

# A maxAgeDays beyond this reaches before anything here was written: no filter at all.
MAX_AGE_FILTERED = 36500


class FactCheckReviewSerializer(serializers.Serializer):
    publisher = ReviewPublisherSerializer()
    url = serializers.URLField()
    title = serializers.CharField()
    # RFC 3339 in UTC; another fact-checker's review may leave out its date or its language.
    reviewDate = serializers.DateTimeField(required=False, help_text="RFC 3339, in UTC (Z).")  # noqa: N815
    textualRating = serializers.CharField()  # noqa: N815
    languageCode = serializers.CharField(required=False)  # noqa: N815


class FactCheckClaimSerializer(serializers.Serializer):
    text = serializers.CharField()
    claimant = serializers.CharField(required=False)
    claimDate = serializers.DateTimeField(  # noqa: N815
        required=False,
        help_text="When the claim was made (its article's day), RFC 3339 in UTC; absent when "
        "only the month or the year is known.",
    )
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
    # The schema documents errors in this shape (api/schema.py).
    error_serializer = GoogleErrorSerializer

    def get_exception_handler(self):
        return google_exception_handler

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
        token = params.get("pageToken")
        offset = _decode_token(token) if token else params["offset"]
        return cached_public_read(
            self,
            request,
            f"claims:search:{request.get_full_path()}",
            lambda: Response(self._search(request, params, offset)),
        )

    def _search(self, request, params: dict, offset: int) -> dict:
        language = _review_language(params.get("languageCode"))
        base_url = site_base_url(request)
        site = bare_host(base_url)
        wanted_site = params.get("reviewPublisherSiteFilter")
        query = params.get("query", "")
        claims = claims_matching(querysets.public_claims().prefetch_related(None), query)
        if language is None or (wanted_site and not on_site(site, wanted_site)):
            claims = claims.none()  # none of ours; other fact-checkers' reviews may still match
        days = params.get("maxAgeDays")
        if not days or days > MAX_AGE_FILTERED:
            days = None
        if days:
            # Google: the age is the claim's date or the review's, whichever is newer.
            since = timezone.now() - timedelta(days=days)
            claims = claims.filter(
                Q(reviewed_at__gte=since) | Q(article__published_on__gte=since.date())
            )
        claims = claims.order_by("-reviewed_at", "id")
        size = params["pageSize"]
        page = list(claims[offset : offset + size + 1])
        result = {"claims": [self._claim(claim, language, base_url, site) for claim in page[:size]]}
        more = len(page) > size
        if not more and query:
            # Our claims are listed first, then other fact-checkers' reviews (api/views/elsewhere).
            ours = offset + len(page) if page or not offset else claims.count()
            theirs = external_fact_checks(
                query,
                language_code=params.get("languageCode"),
                max_age_days=days,
                site=wanted_site,
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
                    "title": claim.restatement_in(language),
                    "reviewDate": rfc3339(claim.reviewed_at),
                    "textualRating": claim.verdict.label(language),
                    "languageCode": language,
                }
            ],
        }
        article = claim.article
        if article.published_on and article.published_precision == DatePrecision.DAY:
            item["claimDate"] = rfc3339(datetime.combine(article.published_on, time(), UTC))
        return item


@extend_schema_view(get=extend_schema(exclude=True))  # one operation in the schema, not two
class GoogleAddressSearchView(FactCheckSearchView):
    """claims:search at /api/v1alpha1/, where Google's client libraries look for it."""
