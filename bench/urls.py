"""The application's URLs plus two baselines, for the benchmark only.

`/bench/bare.svg` returns the badge bytes from memory: the least a Django view can cost.
`/bench/plain-list.json` is a plain DRF list of 50 published claims with one nested relation
and no cache: the floor the real API is compared with.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny

from claims.models import Claim, Verdict
from registry.urls import urlpatterns as registry_urlpatterns

SVG_PATH = Path(os.environ.get("BENCH_SVG", Path(__file__).with_name("badge_reference.svg")))
SVG_BYTES = SVG_PATH.read_bytes()


def bare_svg(request):
    return HttpResponse(SVG_BYTES, content_type="image/svg+xml")


class VerdictSerializer(serializers.ModelSerializer):
    class Meta:
        model = Verdict
        fields = ["code", "label_en", "label_zh_hant", "colour"]


class ClaimSerializer(serializers.ModelSerializer):
    verdict = VerdictSerializer()

    class Meta:
        model = Claim
        fields = [
            "public_id",
            "quote",
            "restatement",
            "claimant",
            "status",
            "verdict",
            "updated_at",
        ]


class PlainList(ListAPIView):
    serializer_class = ClaimSerializer
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get_queryset(self):
        return Claim.objects.published().select_related("verdict").order_by("-updated_at")[:50]


urlpatterns = [
    path("bench/bare.svg", bare_svg),
    path("bench/plain-list.json", PlainList.as_view()),
    *registry_urlpatterns,
]
