"""A claim readers have seen is never deleted, by any path, and evidence never floats free.

The model refuses on every database; on PostgreSQL a trigger refuses raw SQL too (migration
claims/0008_keep_public_records). The admin's own refusals are in tests/admin/test_permissions.py.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim, ClaimStatus, Evidence, VerdictChange
from claims.workflow import claim_publish, claim_withdraw

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the delete trigger exists on PostgreSQL only"
)


@pytest.fixture
def published(reviewable_claim, fact_checker, verdicts) -> Claim:
    return claim_publish(claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"])


@pytest.fixture
def withdrawn(published, fact_checker) -> Claim:
    return claim_withdraw(claim=published, by=fact_checker, reason="The figure was revised.")


@pytest.fixture
def public_without_log(make_claim) -> Claim:
    """Public, yet with no correction-log row that would protect it through a foreign key."""
    now = timezone.now()
    return make_claim(
        status=ClaimStatus.PUBLISHED,
        ruling="The NBS release gives 18.9%.",
        published_at=now,
        reviewed_at=now,
    )


def still_there(claim: Claim) -> bool:
    return Claim.objects.filter(pk=claim.pk).exists()


def raw(sql: str, *params) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize("which", ["published", "withdrawn", "public_without_log"])
def test_it_refuses_deleting_a_public_claim_through_the_model(db, request, which):
    claim = request.getfixturevalue(which)
    with pytest.raises(ProtectedError), transaction.atomic():
        claim.delete()
    assert still_there(claim)
    assert claim.evidence.exists() or which == "public_without_log"


@pytest.mark.parametrize("which", ["published", "withdrawn", "public_without_log"])
def test_it_refuses_deleting_a_public_claim_through_a_queryset(db, request, which, make_claim):
    claim = request.getfixturevalue(which)
    draft = make_claim()
    with pytest.raises(ProtectedError, match="withdraw it instead"), transaction.atomic():
        Claim.objects.filter(pk__in=[claim.pk, draft.pk]).delete()
    assert still_there(claim) and still_there(draft)


def test_a_status_changed_in_memory_does_not_open_the_way(published):
    published.status = ClaimStatus.DRAFT
    with pytest.raises(ProtectedError), transaction.atomic():
        published.delete()
    assert still_there(published)


def test_it_still_deletes_a_draft_with_its_evidence(reviewable_claim):
    reviewable_claim.delete()
    assert not still_there(reviewable_claim)
    assert not Evidence.objects.filter(claim_id=reviewable_claim.pk).exists()


def test_it_refuses_deleting_correction_log_entries(withdrawn):
    entry = VerdictChange.objects.filter(claim=withdrawn).first()
    with pytest.raises(ProtectedError):
        entry.delete()
    with pytest.raises(ProtectedError, match="only grows"):
        VerdictChange.objects.filter(claim=withdrawn).delete()
    assert VerdictChange.objects.filter(claim=withdrawn).count() == 2


@pytest.mark.parametrize("path", ["/api/v1/desk/claims/{}/", "/api/v1/claims/{}/"])
def test_the_api_has_no_way_to_delete_a_claim(published, admin_user, path):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=admin_user)}")
    response = client.delete(path.format(published.public_id), HTTP_IF_MATCH="*")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert still_there(published)


@postgres_only
@pytest.mark.parametrize("which", ["published", "withdrawn", "public_without_log"])
def test_the_database_refuses_raw_deletes_of_public_claims(db, request, which):
    claim = request.getfixturevalue(which)
    with pytest.raises(IntegrityError, match="withdraw it, never delete it"):
        raw("DELETE FROM claims_claim WHERE id = %s", claim.pk)
    assert still_there(claim)


@postgres_only
def test_the_database_refuses_raw_deletes_even_after_the_evidence_and_log(published):
    raw("DELETE FROM claims_evidence WHERE claim_id = %s", published.pk)
    with pytest.raises(IntegrityError, match="only grows"):
        raw("DELETE FROM claims_verdictchange WHERE claim_id = %s", published.pk)
    with pytest.raises(IntegrityError):
        raw("DELETE FROM claims_claim WHERE status IN ('published', 'withdrawn')")
    assert still_there(published)
    assert VerdictChange.objects.filter(claim=published).count() == 1


@postgres_only
def test_the_database_still_lets_a_draft_go(make_claim):
    draft = make_claim()
    raw("DELETE FROM claims_claim WHERE id = %s", draft.pk)
    assert not still_there(draft)


def test_the_database_refuses_raw_inserts_of_orphaned_evidence(reviewable_claim):
    columns = [
        f.column for f in Evidence._meta.concrete_fields if f.column not in {"id", "claim_id"}
    ]
    listed = ", ".join(columns)
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO claims_evidence (claim_id, {listed}) "  # noqa: S608
                f"SELECT %s, {listed} FROM claims_evidence WHERE claim_id = %s",
                [987654, reviewable_claim.pk],
            )
        # Foreign keys are checked at commit; ask for the check now.
        connection.check_constraints()
    assert Evidence.objects.count() == 1
