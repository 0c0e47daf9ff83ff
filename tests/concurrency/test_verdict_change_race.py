"""Two fact-checkers acting on one claim at the same moment: exactly one wins."""

from __future__ import annotations

import pytest

from claims.models import Claim, VerdictChange
from claims.workflow import ConflictError, claim_change_verdict, claim_publish
from tests.concurrency.conftest import race

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres_only(needs_postgres):
    """Row locks across threads need PostgreSQL."""


def test_two_verdict_changes_on_one_version_only_one_lands(
    reviewable_claim, fact_checker, verdicts
):
    claim = claim_publish(claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"])
    version = claim.version

    def change(code, reason):
        return lambda: claim_change_verdict(
            claim=Claim.objects.get(pk=claim.pk),
            by=fact_checker,
            verdict=verdicts[code],
            reason=reason,
            expected_version=version,
        )

    results = race(change("misleading", "first"), change("inaccurate", "second"))

    conflicts = [r for r in results if isinstance(r, ConflictError)]
    winners = [r for r in results if isinstance(r, Claim)]
    assert len(conflicts) == 1 and len(winners) == 1, results
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.verdict == winners[0].verdict
    assert stored.version == version + 1
    corrections = VerdictChange.objects.filter(claim=claim, kind="corrected")
    assert corrections.count() == 1
    assert corrections.get().to_verdict == stored.verdict
