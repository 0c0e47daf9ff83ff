"""A malformed fixture file is refused with a message naming the record and field; the
database is left exactly as it was."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.models import Claim
from sources.models import Publisher
from tests.fixtures_data.conftest import claim_in, snapshot


def refused(path) -> str:
    with pytest.raises(CommandError) as error:
        call_command("load_article", str(path), stdout=StringIO())
    message = str(error.value)
    assert message.startswith("Nothing was loaded.")
    return message


def with_a_valid_edit(change):
    """The bad change plus a good one, to show that the good one is not half-applied."""

    def both(data):
        claim = claim_in(data, "kvisa-launch-oct1")
        claim["restatement"] = "Edited, and never stored."
        claim["reviewed_at"] = "2026-12-01T09:00:00Z"
        claim["corrections"] = [
            {"kind": "updated", "at": "2026-12-01T09:00:00Z", "reason": "A clearer restatement."}
        ]
        change(data)

    return both


@pytest.fixture
def unchanged_after(loaded, fixture_copy):
    def check(change) -> str:
        before = snapshot()
        message = refused(fixture_copy(with_a_valid_edit(change)))
        assert snapshot() == before
        assert Claim.objects.get(slug="kvisa-launch-oct1").restatement != (
            "Edited, and never stored."
        )
        return message

    return check


def test_it_refuses_an_unknown_verdict(unchanged_after):
    def change(data):
        claim_in(data, "grads-1158-2025")["verdict"] = "pants-on-fire"

    message = unchanged_after(change)
    assert "claim 'grads-1158-2025': field 'verdict': unknown verdict 'pants-on-fire'" in message


def test_it_refuses_a_unit_that_is_not_a_unit(unchanged_after):
    def change(data):
        claim_in(data, "kvisa-launch-oct1")["unit"] = "date"

    message = unchanged_after(change)
    assert "claim 'kvisa-launch-oct1': field 'unit': unknown unit 'date'" in message


def test_it_refuses_a_missing_field(unchanged_after):
    def change(data):
        del claim_in(data, "h1b-fee-100k")["claimant"]

    message = unchanged_after(change)
    assert "claim 'h1b-fee-100k': field 'claimant' is missing." in message


def test_it_refuses_a_value_that_is_not_a_number(unchanged_after):
    def change(data):
        claim_in(data, "youth-unemp-2025-08")["value"] = "abc"

    message = unchanged_after(change)
    assert "claim 'youth-unemp-2025-08': field 'value': 'abc' is not a decimal number." in message


def test_it_refuses_a_value_written_as_a_json_number(unchanged_after):
    def change(data):
        claim_in(data, "youth-unemp-2025-08")["value"] = 18.9

    message = unchanged_after(change)
    assert "claim 'youth-unemp-2025-08': field 'value' has the wrong type (a number)" in message


def test_it_refuses_an_evidence_value_that_is_not_a_number(unchanged_after):
    def change(data):
        claim_in(data, "youth-unemp-2025-08")["evidence"][0]["value"] = "18,9"

    message = unchanged_after(change)
    assert "claim 'youth-unemp-2025-08': evidence 1: field 'value': '18,9'" in message


def test_it_refuses_a_javascript_url(unchanged_after):
    def change(data):
        data["sources"][0]["url"] = "javascript:alert(1)"

    message = unchanged_after(change)
    slug = "immigrationlawyerblog-h1b-visas"
    assert f"source '{slug}': field 'url': only http:// and https:// addresses" in message


def test_it_refuses_a_numeric_claim_without_a_value(unchanged_after):
    def change(data):
        claim = claim_in(data, "grads-1158-2025")
        claim.update(value=None, unit="", comparator="")

    message = unchanged_after(change)
    assert "claim 'grads-1158-2025': field 'value': a numeric claim needs a value." in message


def test_it_refuses_a_quote_that_is_not_at_its_paragraph(unchanged_after):
    def change(data):
        claim_in(data, "grads-1158-2025")["paragraph"] = 3

    message = unchanged_after(change)
    assert "claim 'grads-1158-2025': field 'quote': the quote" in message
    assert "is not in paragraph 3" in message


def test_it_refuses_to_publish_with_the_pending_verdict(unchanged_after):
    def change(data):
        claim_in(data, "grads-1158-2025")["verdict"] = "pending"

    message = unchanged_after(change)
    assert "claim 'grads-1158-2025': field 'verdict': a published claim cannot have" in message


def test_it_refuses_evidence_from_a_source_not_in_the_file(unchanged_after):
    def change(data):
        claim_in(data, "grads-1158-2025")["evidence"][0]["source"] = "nowhere"

    message = unchanged_after(change)
    assert "evidence 1: field 'source': no source 'nowhere' in the file." in message


def test_it_refuses_a_malformed_public_id(unchanged_after):
    def change(data):
        claim_in(data, "grads-1158-2025")["public_id"] = "ABCD0001"

    message = unchanged_after(change)
    assert "claim 'grads-1158-2025': field 'public_id': 'ABCD0001' is not 8 characters" in message


def test_it_refuses_seen_written_as_text(unchanged_after):
    def change(data):
        claim_in(data, "grads-1158-2025")["evidence"][0]["seen"] = "yes"

    message = unchanged_after(change)
    assert "evidence 1: field 'seen' has the wrong type (text)" in message


def test_it_refuses_to_change_a_stored_public_id_and_rolls_back(unchanged_after):
    """Found only while writing, after publishers were updated: all of it is rolled back."""

    def change(data):
        data["publishers"][0]["name"] = "Renamed, and never stored"
        claim_in(data, "grads-1158-2025")["public_id"] = "22222222"

    message = unchanged_after(change)
    assert "claim 'grads-1158-2025': field 'public_id': the stored claim has" in message
    assert not Publisher.objects.filter(name="Renamed, and never stored").exists()


def test_it_refuses_to_unpublish_a_published_claim(unchanged_after):
    def change(data):
        claim_in(data, "grads-1158-2025").update(
            status="review", published_at=None, reviewed_at=None, corrections=[]
        )

    message = unchanged_after(change)
    assert "claim 'grads-1158-2025': field 'status': the claim is published" in message


def test_it_refuses_a_new_published_verdict_without_a_public_reason(unchanged_after):
    def change(data):
        claim_in(data, "grads-1158-2025")["verdict"] = "misleading"

    message = unchanged_after(change)
    assert "claim 'grads-1158-2025': field 'corrections': the claim is public" in message


def test_it_refuses_a_file_that_is_not_json(loaded, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    before = snapshot()
    assert "not valid UTF-8 JSON" in refused(path)
    assert snapshot() == before


def test_it_refuses_a_file_that_does_not_exist(loaded, tmp_path):
    before = snapshot()
    assert "cannot read the file" in refused(tmp_path / "missing.json")
    assert snapshot() == before


def test_it_refuses_a_published_claim_without_its_dates(unchanged_after):
    def change(data):
        claim_in(data, "grads-1158-2025")["published_at"] = None

    message = unchanged_after(change)
    assert "claim 'grads-1158-2025': field 'published_at'" in message


def test_it_refuses_a_date_without_its_utc_offset(unchanged_after):
    def change(data):
        claim_in(data, "grads-1158-2025")["reviewed_at"] = "2026-11-29T22:26:10"

    message = unchanged_after(change)
    assert "field 'reviewed_at': '2026-11-29T22:26:10' is not a date and time" in message


@pytest.mark.parametrize("reason", ["", "\u200b", "\u3164\u2800"])
def test_it_refuses_a_correction_without_a_visible_reason(unchanged_after, reason):
    def change(data):
        claim_in(data, "grads-1158-2025")["corrections"][-1]["reason"] = reason

    message = unchanged_after(change)
    assert "correction 1: field 'reason': write the public reason readers see" in message


def test_it_refuses_a_correction_dated_after_the_last_review(unchanged_after):
    def change(data):
        claim_in(data, "grads-1158-2025")["corrections"][-1]["at"] = "2027-01-01T00:00:00Z"

    message = unchanged_after(change)
    assert "correction 1: field 'at': a correction comes after the claim was published" in message


def test_it_refuses_to_retire_evidence_the_claim_still_cites(unchanged_after):
    def change(data):
        claim = claim_in(data, "grads-1158-2025")
        row = claim["evidence"][0]
        claim["retired_evidence"] = [{"source": row["source"], "role": row["role"]}]

    message = unchanged_after(change)
    assert "retired evidence 1: the claim still cites" in message


def test_it_refuses_a_copy_that_names_no_original(unchanged_after):
    def change(data):
        source = next(s for s in data["sources"] if s.get("kind") == "copy")
        source["copy_of"] = None

    message = unchanged_after(change)
    assert "field 'copy_of': a source of kind 'copy' names its original" in message
