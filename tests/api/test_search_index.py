"""On PostgreSQL, `?search=` is served by the trigram indexes, Chinese included."""

from __future__ import annotations

import pytest
from django.db import connection

from api.filters import claims_matching
from claims.models import Claim

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's"
    ),
]


@pytest.mark.parametrize(
    ("field", "index"),
    [
        ("quote", "claim_quote_trgm"),
        ("restatement", "claim_restatement_trgm"),
        ("claimant", "claim_claimant_trgm"),
    ],
)
@pytest.mark.parametrize("text", ["失業率", "unemployment"])
def test_it_uses_the_trigram_index(field, index, text):
    with connection.cursor() as cursor:
        # With a handful of rows the planner would rightly scan the table, or walk another
        # index; leave it only bitmap scans, which need an index that matches the condition.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = Claim.objects.filter(**{f"{field}__icontains": text}).explain()
    assert index in plan


def test_the_search_filter_can_use_all_three(registry):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = claims_matching(Claim.objects.all(), "失業率").explain()
    for index in ("claim_quote_trgm", "claim_restatement_trgm", "claim_claimant_trgm"):
        assert index in plan
