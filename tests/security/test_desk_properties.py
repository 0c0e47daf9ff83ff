"""Property tests: whatever JSON a desk client sends, the API answers 2xx or 4xx (never a
500), and whatever it stores passes the models' own validation."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.serializers.desk import DeskClaimSerializer, DeskEvidenceSerializer
from claims.models import Claim, Evidence

CLAIM_FIELDS = list(DeskClaimSerializer().fields)
EVIDENCE_FIELDS = list(DeskEvidenceSerializer().fields)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(["", "numeric", "factual", "percent", "=", "2025-08", "CN", "zh-Hant"]),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner),
    max_leaves=8,
)


def payloads(fields: list[str]):
    return st.dictionaries(st.sampled_from(fields) | st.text(max_size=10), values, max_size=12)


PROPERTY_SETTINGS = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _answer_is_sane(response) -> None:
    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        assert set(response.json()) == {"status", "code", "message", "errors"}


@PROPERTY_SETTINGS
@given(body=payloads(CLAIM_FIELDS))
def test_creating_a_claim_never_fails_nor_stores_bad_data(world, body):
    client = world.client("superuser")
    # A valid claim with some fields replaced, so that the examples reach past the first error.
    body = {
        "slug": "from-hypothesis",
        "article": world.published.article_id,
        "paragraph": 50,
        "quote": "8月16-24歲青年失業率升至18.9%",
        "restatement": "Youth unemployment rose to 18.9%.",
        "claimant": "NBS",
        "kind": "numeric",
        "value": "18.9",
        "unit": "percent",
        "comparator": "=",
        **body,
    }
    response = client.post(
        "/api/v1/desk/claims/", json.dumps(body), content_type="application/json"
    )
    _answer_is_sane(response)
    if response.status_code == 201:
        claim = Claim.objects.get(public_id=response.json()["id"])
        claim.full_clean()
        claim.delete()


@PROPERTY_SETTINGS
@given(body=payloads(CLAIM_FIELDS))
def test_editing_a_claim_never_fails_nor_stores_bad_data(world, body):
    client = world.client("superuser")
    response = client.patch(
        f"/api/v1/desk/claims/{world.draft.public_id}/",
        json.dumps(body),
        content_type="application/json",
        headers={"If-Match": "*"},
    )
    _answer_is_sane(response)
    Claim.objects.get(pk=world.draft.pk).full_clean()


@PROPERTY_SETTINGS
@given(body=payloads(EVIDENCE_FIELDS))
def test_adding_evidence_never_fails_nor_stores_bad_data(world, body):
    client = world.client("superuser")
    body.setdefault("claim", world.draft.public_id)
    response = client.post(
        "/api/v1/desk/evidence/", json.dumps(body), content_type="application/json"
    )
    _answer_is_sane(response)
    if response.status_code == 201:
        evidence = Evidence.objects.get(pk=response.json()["id"])
        evidence.full_clean()
        evidence.delete()


def test_a_lone_surrogate_gets_400(world):
    body = '{"slug": "s", "quote": "\\ud800", "restatement": "x", "claimant": "y"}'
    response = world.client("superuser").post(
        "/api/v1/desk/claims/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "quote" in response.json()["errors"]
