"""Views that only read, and a view that reads, writes and reads again, for the router tests."""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import path

from claims.models import Verdict
from sources.models import Publisher


def read(request):
    return JsonResponse({"verdicts": list(Verdict.objects.values_list("code", flat=True))})


def read_write_read(request):
    before = Publisher.objects.filter(slug="replica-test").exists()
    Publisher.objects.create(slug="replica-test", name="Replica test")
    after = Publisher.objects.filter(slug="replica-test").exists()
    return JsonResponse({"before": before, "after": after})


urlpatterns = [
    path("read/", read),
    path("read-write-read/", read_write_read),
]
