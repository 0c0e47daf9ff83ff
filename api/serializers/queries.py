"""Query-string parameters that need validating beyond what a FilterSet does."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

SIMILAR_MAX_RESULTS = 50


class SimilarQuerySerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=2000, help_text=_("A sentence, in Chinese or English, to compare with.")
    )
    limit = serializers.IntegerField(
        min_value=1, max_value=SIMILAR_MAX_RESULTS, default=10, required=False
    )


class FactCheckSearchQuerySerializer(serializers.Serializer):
    """The parameters of Google Fact Check Tools' claims:search, for scripts that know it."""

    query = serializers.CharField(max_length=200, help_text=_("Text to look for."))
    languageCode = serializers.CharField(  # noqa: N815 - the name clients already send
        max_length=35, required=False, help_text=_("BCP-47 language of the reviews: en, zh…")
    )
    maxAgeDays = serializers.IntegerField(  # noqa: N815
        min_value=1, max_value=36500, required=False, help_text=_("Reviewed at most this long ago.")
    )
    pageSize = serializers.IntegerField(min_value=1, required=False, default=10)  # noqa: N815
    pageToken = serializers.CharField(max_length=100, required=False)  # noqa: N815

    def validate_pageSize(self, value: int) -> int:  # noqa: N802
        if value > settings.API_MAX_PAGE_SIZE:
            raise serializers.ValidationError(
                _("Ask for at most %(max)s results per page.") % {"max": settings.API_MAX_PAGE_SIZE}
            )
        return value
