"""Query-string parameters that need validating beyond what a FilterSet does."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

SIMILAR_MAX_RESULTS = 50
# Google's numeric parameters are int32; it takes any of them and returns "up to that many".
INT32_MAX = 2**31 - 1


class SimilarQuerySerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=2000, help_text=_("A sentence, in Chinese or English, to compare with.")
    )
    limit = serializers.IntegerField(
        min_value=1, max_value=SIMILAR_MAX_RESULTS, default=10, required=False
    )


class FactCheckSearchQuerySerializer(serializers.Serializer):
    """The parameters of Google Fact Check Tools' claims:search (v1alpha1), meaning the same.

    As there, 0 for a number means "not set" (proto3), and pageSize is a most, not a promise:
    a page holds at most API_MAX_PAGE_SIZE claims whatever is asked."""

    query = serializers.CharField(
        max_length=200,
        required=False,
        help_text=_("Text to look for. Required unless reviewPublisherSiteFilter is given."),
    )
    languageCode = serializers.CharField(  # noqa: N815 - the name clients already send
        max_length=35, required=False, help_text=_("BCP-47 language of the reviews: en, zh…")
    )
    reviewPublisherSiteFilter = serializers.CharField(  # noqa: N815
        max_length=253,
        required=False,
        help_text=_("Only reviews published on this site (a host name, such as example.org)."),
    )
    maxAgeDays = serializers.IntegerField(  # noqa: N815
        min_value=0,
        max_value=INT32_MAX,
        required=False,
        help_text=_("Claimed or reviewed at most this many days ago, whichever is newer."),
    )
    pageSize = serializers.IntegerField(  # noqa: N815
        min_value=0,
        max_value=INT32_MAX,
        required=False,
        default=10,
        help_text=_("Up to this many claims (10 when not set)."),
    )
    pageToken = serializers.CharField(max_length=100, required=False)  # noqa: N815
    offset = serializers.IntegerField(
        min_value=0,
        max_value=INT32_MAX,
        required=False,
        default=0,
        help_text=_("Start after this many results; read only when pageToken is not set."),
    )

    def validate(self, data: dict) -> dict:
        if not data.get("query") and not data.get("reviewPublisherSiteFilter"):
            raise serializers.ValidationError(
                {"query": [_("Give a query, or a reviewPublisherSiteFilter.")]}
            )
        data["pageSize"] = min(data["pageSize"] or 10, settings.API_MAX_PAGE_SIZE)
        return data
