"""`manage.py load_article` on the shipped data: complete, through the workflow, idempotent."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Article, Claim, ClaimStatus, Evidence, VerdictChange, VerdictChangeKind
from claims.workflow import publication_problems
from sources.models import Publisher, Source
from tests.fixtures_data.conftest import claim_in, snapshot


def test_it_loads_every_claim_source_and_evidence_row(loaded, shipped):
    assert Claim.objects.count() == 86
    assert Article.objects.get().slug == "k-visa-explainer"
    assert Publisher.objects.count() == len(shipped["publishers"])
    assert Evidence.objects.count() == sum(len(c["evidence"]) for c in shipped["claims"])
    for source in shipped["sources"]:
        if source["url"]:
            assert Source.objects.filter(url=source["url"]).count() == 1, source["slug"]
    assert Source.objects.filter(url="").count() == 1
    assert Source.objects.count() == len(shipped["sources"])


def test_it_keeps_the_public_ids_of_the_file(loaded, shipped):
    stored = dict(Claim.objects.values_list("slug", "public_id"))
    assert stored == {claim["slug"]: claim["public_id"] for claim in shipped["claims"]}


def test_it_reports_what_it_created(loaded, shipped):
    assert "claims: 86 created, 0 updated, 0 unchanged" in loaded
    assert f"sources: {len(shipped['sources'])} created, 0 updated, 0 unchanged" in loaded


def test_it_moves_claims_to_their_status_through_the_workflow(loaded, shipped):
    wanted = Counter(claim["status"] for claim in shipped["claims"])
    assert Counter(Claim.objects.values_list("status", flat=True)) == wanted
    records = {claim["slug"]: claim for claim in shipped["claims"]}
    for claim in Claim.objects.published():
        record = records[claim.slug]
        corrections = record.get("corrections", [])
        log = list(claim.verdict_changes.select_related("from_verdict", "to_verdict"))
        assert [entry.kind for entry in log] == ["published"] + [e["kind"] for e in corrections]
        # The verdict first published, then each correction's, ending on today's.
        first = next((e["from_verdict"] for e in corrections if e.get("from_verdict")), None)
        assert log[0].to_verdict.code == (first or record["verdict"])
        assert log[-1].to_verdict_id == claim.verdict_id
        for entry, wanted_entry in zip(log[1:], corrections, strict=True):
            assert entry.reason == wanted_entry["reason"]
            assert entry.changed_at.isoformat() == wanted_entry["at"].replace("Z", "+00:00")
        assert claim.version == 3  # created, submitted for review, published
    for claim in Claim.objects.filter(status=ClaimStatus.REVIEW):
        assert claim.version == 2
        assert claim.verdict.code == "pending"
    assert VerdictChange.objects.count() == wanted["published"] + sum(
        len(claim.get("corrections", [])) for claim in shipped["claims"]
    )


def test_the_dates_are_those_of_the_file_whatever_the_day_it_is_loaded(loaded, shipped):
    for record in shipped["claims"]:
        claim = Claim.objects.get(slug=record["slug"])
        if record["status"] != "published":
            assert claim.published_at is None and claim.reviewed_at is None
            continue
        assert claim.published_at.isoformat() == record["published_at"].replace("Z", "+00:00")
        assert claim.reviewed_at.isoformat() == record["reviewed_at"].replace("Z", "+00:00")
        first = claim.verdict_changes.get(kind=VerdictChangeKind.PUBLISHED)
        assert first.changed_at == claim.published_at


def test_every_published_claim_meets_the_publishing_rules(loaded, shipped):
    published = list(Claim.objects.published().select_related("verdict", "article"))
    assert len(published) == sum(claim["status"] == "published" for claim in shipped["claims"])
    for claim in published:
        assert publication_problems(claim) == [], claim.slug


def test_the_verdicts_are_those_of_the_file(loaded, shipped):
    stored = dict(Claim.objects.values_list("slug", "verdict__code"))
    assert stored == {claim["slug"]: claim["verdict"] for claim in shipped["claims"]}


def test_it_marks_seen_only_the_rows_the_file_marks_seen(loaded, shipped):
    wanted = {
        (claim["slug"], row["source"], row["role"]): row["seen"]
        for claim in shipped["claims"]
        for row in claim["evidence"]
    }
    stored = {
        (claim_slug, source_slug, role): seen
        for claim_slug, source_slug, role, seen in Evidence.objects.values_list(
            "claim__slug", "source__slug", "role", "seen"
        )
    }
    assert stored == wanted
    assert not Evidence.objects.filter(seen=True, source__url="").exists()


def test_numeric_claims_have_value_and_unit_in_the_database(loaded):
    numeric = Claim.objects.filter(kind="numeric")
    assert numeric.count() == 34
    assert not numeric.filter(value__isnull=True).exists()
    assert not numeric.filter(unit="").exists()
    assert not numeric.filter(comparator="").exists()


def test_decimals_round_trip_exactly(loaded, shipped):
    assert Claim.objects.get(slug="guide-2985-7").value == Decimal("29857000")
    assert Claim.objects.get(slug="youth-unemp-2025-08").value == Decimal("18.9")
    assert Claim.objects.get(slug="un-china-foreign-share-01").value == Decimal("0.1")
    stored = {
        (slug, source): value
        for slug, source, value in Evidence.objects.filter(value__isnull=False).values_list(
            "claim__slug", "source__slug", "value"
        )
    }
    for claim in shipped["claims"]:
        for row in claim["evidence"]:
            if row["value"] is not None:
                assert stored[(claim["slug"], row["source"])] == Decimal(row["value"])


def test_the_article_date_is_kept_only_to_the_month(loaded):
    article = Article.objects.get()
    assert article.published_display == "2025-10"
    assert article.url == ""


def test_a_second_run_changes_nothing(loaded, shipped):
    before = snapshot()
    out = StringIO()
    call_command("load_article", stdout=out)
    assert snapshot() == before
    totals = {kind: len(shipped[kind]) for kind in ("publishers", "sources", "claims")}
    totals["evidence"] = sum(len(claim["evidence"]) for claim in shipped["claims"])
    for kind, total in totals.items():
        assert f"{kind}: 0 created, 0 updated, {total} unchanged" in out.getvalue()


def test_a_second_run_reads_without_writing(loaded):
    with CaptureQueriesContext(connection) as queries:
        call_command("load_article", stdout=StringIO())
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert len(queries.captured_queries) < 800


def test_a_changed_restatement_updates_only_that_claim(loaded, fixture_copy):
    def change(data):
        claim = claim_in(data, "h1b-fee-100k")
        claim["restatement"] = "The US set a US$100,000 H-1B fee."
        claim["reviewed_at"] = "2026-12-01T09:00:00Z"
        claim["corrections"] = [
            {"kind": "updated", "at": "2026-12-01T09:00:00Z", "reason": "Shorter restatement."}
        ]

    before = Claim.objects.get(slug="h1b-fee-100k")
    history_before = before.history.count()
    out = StringIO()
    call_command("load_article", str(fixture_copy(change)), stdout=out)
    after = Claim.objects.get(slug="h1b-fee-100k")
    assert after.restatement == "The US set a US$100,000 H-1B fee."
    assert after.version == before.version + 1
    assert after.history.count() == history_before + 1
    update = after.verdict_changes.get(kind=VerdictChangeKind.UPDATED)
    assert update.reason == "Shorter restatement."
    assert update.changed_at.isoformat() == "2026-12-01T09:00:00+00:00"
    assert update.changes == [
        {"field": "restatement", "from": before.restatement, "to": after.restatement}
    ]
    assert after.reviewed_at == update.changed_at
    assert "claims: 0 created, 1 updated, 85 unchanged" in out.getvalue()


def test_a_new_verdict_on_a_published_claim_is_logged_with_its_reason(loaded, fixture_copy):
    def change(data):
        claim = claim_in(data, "h1b-fee-100k")
        claim["verdict"] = "accurate"
        claim["reviewed_at"] = "2026-12-01T09:00:00Z"
        claim["corrections"] = [
            {
                "kind": "corrected",
                "at": "2026-12-01T09:00:00Z",
                "from_verdict": "mostly-accurate",
                "reason": "The fee applies to every new petition.",
            }
        ]

    call_command("load_article", str(fixture_copy(change)), stdout=StringIO())
    claim = Claim.objects.get(slug="h1b-fee-100k")
    assert claim.verdict.code == "accurate"
    correction = claim.verdict_changes.get(kind=VerdictChangeKind.CORRECTED)
    assert correction.from_verdict.code == "mostly-accurate"
    assert correction.reason == "The fee applies to every new petition."


def test_a_submitted_claim_reaches_review_when_the_file_says_so(loaded, fixture_copy):
    def change(data):
        claim_in(data, "weibo-hot-sept27")["status"] = "review"

    call_command("load_article", str(fixture_copy(change)), stdout=StringIO())
    assert Claim.objects.get(slug="weibo-hot-sept27").status == ClaimStatus.REVIEW


def test_a_claim_in_review_goes_back_to_draft_when_the_file_says_so(loaded, fixture_copy):
    def change(data):
        claim_in(data, "liepin-ai-gap-500wan")["status"] = "draft"

    call_command("load_article", str(fixture_copy(change)), stdout=StringIO())
    assert Claim.objects.get(slug="liepin-ai-gap-500wan").status == ClaimStatus.DRAFT


def test_the_output_names_the_file_it_loaded(loaded):
    assert re.search(r"Loaded .*fixtures/k-visa-explainer\.json", loaded)


def test_the_correction_log_speaks_the_readers_language(loaded, shipped, client):
    record = claim_in(shipped, "safe-sept12-downpayment")
    correction = record["corrections"][-1]
    claim = Claim.objects.get(slug=record["slug"])
    english = client.get(f"/claims/{claim.public_id}/", {"lang": "en"}).content.decode()
    chinese = client.get(f"/claims/{claim.public_id}/", {"lang": "zh-hant"}).content.decode()
    assert correction["reason"].split(";")[0].replace("'", "&#x27;") in english
    assert correction["reason_zh_hant"].split(";")[0] in chinese
    assert correction["reason"].split(";")[0].replace("'", "&#x27;") not in chinese
    corrections = client.get("/corrections/", {"lang": "zh-hant"}).content.decode()
    assert correction["reason_zh_hant"].split(";")[0] in corrections
