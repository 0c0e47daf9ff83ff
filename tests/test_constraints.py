"""Each invariant is enforced by the database itself: a bad row never gets stored."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, transaction
from django.db.models.deletion import ProtectedError

from claims.models import Claim, ClaimStatus, Evidence, Verdict
from sources.models import Publisher, Source


def refused(callable_, *args, **kwargs) -> bool:
    try:
        with transaction.atomic():
            callable_(*args, **kwargs)
            # Foreign keys are checked at commit; ask for the check now.
            connection.check_constraints()
    except (IntegrityError, DataError):
        return True
    return False


def test_it_refuses_numeric_claim_without_value(make_claim):
    assert refused(make_claim, value=None)


def test_it_refuses_numeric_claim_without_unit(make_claim):
    assert refused(make_claim, unit="")


def test_it_refuses_value_without_comparator(make_claim):
    assert refused(make_claim, kind="factual", comparator="")


def test_it_accepts_factual_claim_without_numbers(make_claim):
    claim = make_claim(kind="factual", value=None, unit="", comparator="")
    assert claim.pk


@pytest.mark.parametrize("field", ["kind", "status", "comparator", "unit"])
def test_it_refuses_unknown_choice(make_claim, field):
    assert refused(make_claim, **{field: "bogus"})


@pytest.mark.parametrize("field", ["quote", "restatement", "claimant"])
def test_it_refuses_blank_required_text(make_claim, field):
    assert refused(make_claim, **{field: ""})


def test_it_refuses_paragraph_zero(make_claim):
    assert refused(make_claim, paragraph=0)


def test_it_refuses_published_claim_without_ruling(make_claim, django_user_model):
    assert refused(make_claim, status=ClaimStatus.PUBLISHED, ruling="")


def test_it_refuses_withdrawn_claim_without_reason(make_claim):
    assert refused(make_claim, status=ClaimStatus.WITHDRAWN)


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<script>", "ftp://example.com/x"]
)
def test_it_refuses_non_http_source_url(nbs, url):
    assert refused(Source.objects.create, slug="bad", title="Bad", url=url, publisher=nbs)


def test_it_refuses_two_sources_with_one_url(source, nbs):
    assert refused(Source.objects.create, slug="copy", title="Copy", url=source.url, publisher=nbs)


def test_it_allows_many_sources_without_url(nbs):
    Source.objects.create(slug="a", title="A", publisher=nbs)
    Source.objects.create(slug="b", title="B", publisher=nbs)


def test_it_refuses_date_without_precision(nbs):
    assert refused(
        Source.objects.create, slug="x", title="X", publisher=nbs, published_on="2025-01-01"
    )


def test_it_refuses_publisher_url_with_script_scheme(db):
    assert refused(Publisher.objects.create, slug="p", name="P", url="javascript:void(0)")


def test_it_refuses_second_evidence_row_for_same_role(reviewable_claim, source):
    assert refused(Evidence.objects.create, claim=reviewable_claim, source=source, role="supports")


def test_it_allows_same_source_in_another_role(reviewable_claim, source):
    Evidence.objects.create(claim=reviewable_claim, source=source, role="context")


def test_it_refuses_evidence_value_without_unit(reviewable_claim, source):
    assert refused(
        Evidence.objects.create,
        claim=reviewable_claim,
        source=source,
        role="context",
        value=Decimal("1"),
    )


def test_it_refuses_orphaned_evidence(source):
    assert refused(Evidence.objects.create, claim_id=987654, source=source, role="supports")


@pytest.mark.parametrize("colour", ["red", "#12345", "#gggggg", "#1234567"])
def test_it_refuses_verdict_colour_that_is_not_hex(db, colour):
    assert refused(Verdict.objects.create, code="x", label_en="X", label_zh_hant="X", colour=colour)


def test_it_refuses_rating_outside_one_to_five(db):
    assert refused(
        Verdict.objects.create,
        code="x",
        label_en="X",
        label_zh_hant="X",
        colour="#000000",
        rating_value=6,
    )


def test_it_refuses_a_second_default_verdict(verdicts):
    assert refused(
        Verdict.objects.create,
        code="x",
        label_en="X",
        label_zh_hant="X",
        colour="#000000",
        is_default=True,
        publishable=False,
        decisive=False,
    )


def test_it_refuses_deleting_a_source_that_is_evidence(reviewable_claim, source):
    with pytest.raises(ProtectedError):
        source.delete()


@pytest.mark.parametrize(
    "value", ["29857000", "18.9", "0.1", "0.000001", "-3.5", "123456789012.345", "1E+15"]
)
def test_it_round_trips_decimal_values_exactly(make_claim, value):
    claim = make_claim(value=Decimal(value))
    assert Claim.objects.get(pk=claim.pk).value == Decimal(value)


@pytest.mark.parametrize("value", ["1234567890123456", "0.1234567", "1" * 40])
def test_it_refuses_values_it_cannot_store_exactly(value):
    with pytest.raises(ValidationError):
        Claim._meta.get_field("value").clean(Decimal(value), None)


def test_new_claims_start_pending_with_a_short_public_id(make_claim, verdicts):
    claim = make_claim()
    assert claim.verdict == verdicts["pending"]
    assert len(claim.public_id) == 8
    assert not claim.public_id.isdigit()
    assert make_claim().public_id != claim.public_id
