"""A database loaded before a correction of the shipped data gets it on the record: through
the workflow, at the correction's own date, with the evidence the file retires removed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from claims.models import Claim, VerdictChangeKind
from tests.fixtures_data.conftest import claim_in

pytestmark = pytest.mark.django_db

SLUG = "safe-sept12-downpayment"


def as_first_published(data: dict) -> None:
    """The file as it was before today's correction of SLUG."""
    claim = claim_in(data, SLUG)
    (correction,) = claim.pop("corrections")
    claim["verdict"] = correction["from_verdict"]
    claim["ruling"] = "Inaccurate: the notice took effect on 15 September, not 12 September."
    claim["ruling_zh_hant"] = "錯誤:通知於9月15日生效,並非9月12日。"
    claim["reviewed_at"] = claim["published_at"]
    retired = claim.pop("retired_evidence")
    claim["evidence"] = claim["evidence"][:1] + [
        {**row, "locator": "", "excerpt": "The notice took effect on 15 September.", "seen": True}
        | {"value": None, "unit": "", "note": "", "research_note": ""}
        for row in retired
    ]


def test_an_earlier_load_is_corrected_on_the_record(fixture_copy, shipped):
    call_command("load_article", str(fixture_copy(as_first_published)), stdout=StringIO())
    before = Claim.objects.get(slug=SLUG)
    assert before.verdict.code == "inaccurate"
    assert before.evidence.count() == 3

    out = StringIO()
    call_command("load_article", stdout=out)
    assert "2 retired" in out.getvalue()

    record = claim_in(shipped, SLUG)
    correction = record["corrections"][-1]
    claim = Claim.objects.get(slug=SLUG)
    assert claim.verdict.code == record["verdict"]
    assert claim.ruling == record["ruling"]
    assert claim.reviewed_at.isoformat() == record["reviewed_at"].replace("Z", "+00:00")
    assert claim.published_at == before.published_at
    stored = {(row.source.slug, row.role) for row in claim.evidence.select_related("source")}
    assert stored == {(row["source"], row["role"]) for row in record["evidence"]}

    log = list(claim.verdict_changes.order_by("changed_at", "id"))
    assert [entry.kind for entry in log] == [
        VerdictChangeKind.PUBLISHED,
        VerdictChangeKind.UPDATED,
        VerdictChangeKind.CORRECTED,
    ]
    update, verdict_change = log[1], log[2]
    assert update.reason == verdict_change.reason == correction["reason"]
    assert update.changed_at == verdict_change.changed_at == claim.reviewed_at
    removed = [c for c in update.changes if c["field"] == "evidence" and c["to"] is None]
    assert len(removed) == 2
    assert verdict_change.from_verdict.code == "inaccurate"

    # And loading once more changes nothing.
    again = StringIO()
    call_command("load_article", stdout=again)
    assert "claims: 0 created, 0 updated, 86 unchanged" in again.getvalue()
    assert claim.verdict_changes.count() == 3


def test_a_change_to_a_public_claim_without_its_correction_is_refused(fixture_copy):
    call_command("load_article", str(fixture_copy(as_first_published)), stdout=StringIO())

    def without_the_entry(data):
        claim = claim_in(data, SLUG)
        claim["corrections"] = []
        claim["retired_evidence"] = []
        claim["reviewed_at"] = claim["published_at"]

    from django.core.management import CommandError

    with pytest.raises(CommandError) as error:
        call_command("load_article", str(fixture_copy(without_the_entry)), stdout=StringIO())
    assert f"claim '{SLUG}': field 'corrections': the claim is public" in str(error.value)
    assert Claim.objects.get(slug=SLUG).verdict.code == "inaccurate"
