"""The hand-written claim rows are exactly what DRF's generic serializer would write."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from api.serializers.public import ClaimSerializer
from api.views import querysets
from claims.models import ClaimKind, Evidence

pytestmark = pytest.mark.django_db


def generic(serializer: ClaimSerializer, claim) -> dict:
    """DRF's own walk over the declared fields, bypassing the hand-written rows."""
    return serializers.ModelSerializer.to_representation(serializer, claim)


@pytest.fixture
def claims(make_claim, reviewable_claim, source, publish, change_verdict, verdicts):
    numeric = publish(reviewable_claim, "accurate")
    change_verdict(numeric, "misleading")
    factual = make_claim(
        status="review",
        kind=ClaimKind.FACTUAL,
        value=None,
        comparator="",
        unit="",
        ruling="Checked.",
        quote="「K字簽證」於十月一日生效",
        restatement='A <b>"quoted"</b> claim & more',
        claimant="行政院",
    )
    Evidence.objects.create(claim=factual, source=source, role="context", excerpt="…")
    publish(factual, "unverifiable")
    return querysets.public_claims().order_by("id")


@pytest.mark.parametrize("with_request", [True, False])
def test_rows_match_drf_field_for_field(claims, with_request):
    context = {"request": APIRequestFactory().get("/api/v1/claims/")} if with_request else {}
    many = ClaimSerializer(list(claims), many=True, context=context)
    written = many.data
    assert len(written) == 2
    for claim, row in zip(claims, written, strict=True):
        expected = generic(ClaimSerializer(context=context), claim)
        assert list(row) == list(expected)
        # Same JSON, byte for byte: same keys in the same order, same value types.
        assert json.dumps(row, default=str) == json.dumps(expected, default=str)


def test_a_decimal_is_written_as_drf_writes_it(claims):
    claim = claims.first()
    claim.value = Decimal("18.90")
    serializer = ClaimSerializer(context={})
    assert serializer.to_representation(claim)["value"] == generic(serializer, claim)["value"]


def test_shared_objects_are_rendered_once_per_response(claims, django_assert_max_num_queries):
    listed = list(claims)
    with django_assert_max_num_queries(0):
        rows = ClaimSerializer(listed, many=True, context={}).data
    assert rows[0]["appears_in"]["article"] is rows[1]["appears_in"]["article"]


@pytest.mark.parametrize("name", ["article", "source"])
@pytest.mark.parametrize("value", ["-1.7763689829379802e+229", "9223372036854775808"])
def test_an_id_filter_beyond_the_database_is_a_400(client, claims, name, value):
    response = client.get("/api/v1/claims/", {name: value})
    assert response.status_code == 400
    assert name in response.json()["errors"]
