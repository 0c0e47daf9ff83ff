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
    assert (
        f"source '{slug}': field 'url': 'javascript:alert(1)' is not an http:// or https:// "
        "address." in message
    )


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


@pytest.mark.parametrize(
    "text",
    ['{"claims": ' + "9" * 5000 + "}", "[" * 100_000 + "]" * 100_000],
    ids=["an integer Python will not read", "nested too deep"],
)
def test_it_refuses_json_python_cannot_read(loaded, tmp_path, text):
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
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


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00"])
def test_it_refuses_a_moment_outside_the_years_a_database_stores(unchanged_after, moment):
    def change(data):
        claim_in(data, "grads-1158-2025")["reviewed_at"] = moment

    message = unchanged_after(change)
    assert f"field 'reviewed_at': '{moment}' is not a date and time" in message


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


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("claimant", "x" * 301, "field 'claimant': Ensure this value has at most 300 characters"),
        ("status", "withdrawn", "field 'status': unknown status 'withdrawn' (one of 'draft',"),
        ("comparator", "~", "field 'comparator': unknown comparator '~' (one of '', '=',"),
        ("slug", "no spaces", "field 'slug': 'no spaces' may hold only letters, digits, - and _."),
        ("quote", "   ", "field 'quote': This field is required."),
        ("paragraph", None, "field 'paragraph': This field is required."),
        ("paragraph", True, "field 'paragraph' has the wrong type (true/false)"),
        ("published_at", "29/11/2026", "field 'published_at': '29/11/2026' is not a date and time"),
        (
            "value",
            "1.1234567",
            "field 'value': Ensure that there are no more than 6 decimal places.",
        ),
        ("value", "1234567890.123456", "field 'value': Use at most 15 significant digits."),
        ("withdrawal_reason", "", "field 'withdrawal_reason' is not a known field."),
    ],
)
def test_it_refuses_what_the_claim_model_refuses(unchanged_after, field, value, expected):
    def change(data):
        claim_in(data, "grads-1158-2025")[field] = value

    slug = value if field == "slug" else "grads-1158-2025"
    assert f"claim '{slug}': {expected}" in unchanged_after(change)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda source: source.update(published_on="01/09/2025"),
            "field 'published_on': '01/09/2025' is not a YYYY-MM-DD date.",
        ),
        (
            lambda source: source.update(published_on="2025-09-02"),
            "field 'published_on': write a date known to the month as its first day.",
        ),
        (
            lambda source: source.update(kind="blog"),
            "field 'kind': unknown kind 'blog' (one of 'official_statistics',",
        ),
        (
            lambda source: source.update(publisher="nobody"),
            "field 'publisher': no publisher 'nobody' in the file.",
        ),
        (
            lambda source: source.update(url="https://example.org/" + "a" * 2000),
            "field 'url': Ensure this value has at most 2000 characters",
        ),
        (
            lambda source: source.update(copy_reliability="reputable"),
            "field 'copy_reliability': a copy says whether it is reputable or of unknown",
        ),
    ],
)
def test_it_refuses_what_the_source_model_refuses(unchanged_after, change, expected):
    slug = "immigrationlawyerblog-h1b-visas"

    def edit(data):
        change(next(s for s in data["sources"] if s["slug"] == slug))

    assert f"source '{slug}': {expected}" in unchanged_after(edit)


def _copy(data) -> dict:
    return next(source for source in data["sources"] if source.get("kind") == "copy")


def _first_evidence(data) -> dict:
    return claim_in(data, "grads-1158-2025")["evidence"][0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda data: claim_in(data, "grads-1158-2025").update(public_id="n2zakm9t"),
            "field 'public_id': 'n2zakm9t' is used twice in the file.",
        ),
        (
            lambda data: data["sources"][1].update(url=data["sources"][0]["url"]),
            "field 'url': 'https://www.immigrationlawyerblog.com/category/h1b-visas' is used "
            "twice in the file.",
        ),
        (
            lambda data: _copy(data).update(copy_reliability=""),
            "field 'copy_reliability': a copy says whether it is reputable",
        ),
        (
            lambda data: _copy(data)["copy_of"].update(url="ftp://example.org/"),
            "copy_of: field 'url': 'ftp://example.org/' is not an http:// or https:// address.",
        ),
        (
            lambda data: _first_evidence(data).update(role="proves"),
            "claim 'grads-1158-2025': evidence 1: field 'role': unknown role 'proves'",
        ),
        (
            lambda data: _first_evidence(data).update(locator="p" * 201),
            "evidence 1: field 'locator': Ensure this value has at most 200 characters",
        ),
    ],
)
def test_it_refuses_what_the_other_records_break(unchanged_after, change, expected):
    assert expected in unchanged_after(change)
