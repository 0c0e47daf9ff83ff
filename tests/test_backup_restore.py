"""The documented backup and restore round-trips the whole registry, nothing lost."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from claims.models import Article, Claim, Evidence, Verdict, VerdictChange
from claims.workflow import claim_change_verdict, claim_publish
from sources.models import Publisher, Source, SourceCapture, SourceCheck
from tests.archive.helpers import stored_capture

# The same options README's "Backup and restore" section gives.
DUMP_OPTIONS = dict(
    natural_foreign=True,
    natural_primary=True,
    exclude=[
        "contenttypes",
        "auth.permission",
        "sessions",
        "admin.logentry",
        "claims.publicrow",
        "axes",
    ],
    indent=None,
)


def snapshot() -> dict:
    return {
        "publishers": sorted(Publisher.objects.values_list("slug", "name", "url")),
        "sources": sorted(Source.objects.values_list("slug", "url", "publisher__slug")),
        "articles": sorted(Article.objects.values_list("slug", "title", "outlet__slug")),
        "verdicts": sorted(Verdict.objects.values_list("code", "label_zh_hant", "colour")),
        "claims": sorted(
            Claim.objects.values_list(
                "slug", "public_id", "status", "verdict__code", "value", "ruling", "version"
            )
        ),
        "evidence": sorted(
            Evidence.objects.values_list("claim__slug", "source__slug", "role", "value", "seen")
        ),
        "history": sorted(
            VerdictChange.objects.values_list(
                "claim__slug", "kind", "to_verdict__code", "reason", "changed_by__username"
            )
        ),
        "audit_rows": Claim.history.count() + Evidence.history.count(),
        "captures": sorted(
            SourceCapture.objects.values_list("source__slug", "key", "sha256", "warc", "text")
        ),
        "checks": sorted(SourceCheck.objects.values_list("source__slug", "outcome", "flagged")),
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_dump_and_load_round_trip_everything(reviewable_claim, fact_checker, verdicts, source):
    claim_publish(claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"])
    # An archived copy and a live check: their rows are in the dump, their file in the storage.
    capture = stored_capture(source, "<p>16-24歲勞動力失業率為18.9%</p>".encode())
    SourceCheck.objects.create(
        source=source, capture=capture, checked_at=capture.captured_at, outcome="gone"
    )
    claim_change_verdict(
        claim=reviewable_claim,
        by=fact_checker,
        verdict=verdicts["mostly-accurate"],
        reason="Urban areas only.",
    )
    before = snapshot()
    assert before["history"] and before["audit_rows"]

    backup = io.StringIO()
    call_command("dumpdata", stdout=backup, **DUMP_OPTIONS)
    json.loads(backup.getvalue())  # a well-formed file

    call_command("flush", interactive=False, verbosity=0)
    assert Claim.objects.count() == 0

    path = "backup.json"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(backup.getvalue())
    try:
        call_command("loaddata", path, verbosity=0)
    finally:
        import os

        os.remove(path)

    assert snapshot() == before
    assert SourceCapture.objects.get().warc.storage.exists(capture.warc.name)
