"""A database loaded before claims had a Chinese restatement gets them from the shipped file:
a first translation, added through the workflow without a correction entry."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from claims import workflow
from claims.models import Claim, VerdictChange
from tests.fixtures_data.conftest import claim_in, snapshot

pytestmark = pytest.mark.django_db


def as_loaded_before_translations() -> None:
    """The database as the file before this field left it (test data, not an edit)."""
    for pk in Claim.objects.values_list("pk", flat=True):
        with workflow.unrecorded_writes(pk):
            Claim.objects.filter(pk=pk).update(restatement_zh="")


def test_a_load_adds_every_chinese_restatement_without_a_correction(loaded, shipped):
    as_loaded_before_translations()
    log = VerdictChange.objects.count()
    reviewed = dict(Claim.objects.values_list("slug", "reviewed_at"))

    out = StringIO()
    call_command("load_article", stdout=out)
    assert "claims: 0 created, 86 updated, 0 unchanged" in out.getvalue()
    for claim in Claim.objects.all():
        assert claim.restatement_zh == claim_in(shipped, claim.slug)["restatement_zh"]
    assert VerdictChange.objects.count() == log
    assert dict(Claim.objects.values_list("slug", "reviewed_at")) == reviewed

    state = snapshot()
    again = StringIO()
    call_command("load_article", stdout=again)
    assert "claims: 0 created, 0 updated, 86 unchanged" in again.getvalue()
    assert snapshot() == state


def test_a_changed_chinese_restatement_needs_its_correction(loaded, fixture_copy):
    from django.core.management import CommandError

    def reworded(data):
        claim_in(data, "h1b-fee-100k")["restatement_zh"] = "美國把H-1B申請費調高到10萬美元。"

    with pytest.raises(CommandError) as error:
        call_command("load_article", str(fixture_copy(reworded)), stdout=StringIO())
    assert "claim 'h1b-fee-100k': field 'corrections': the claim is public" in str(error.value)
    assert "restatement_zh" in str(error.value)


def test_a_published_claim_without_one_is_refused(fixture_copy):
    from django.core.management import CommandError

    def blank(data):
        claim_in(data, "h1b-fee-100k")["restatement_zh"] = " "

    with pytest.raises(CommandError) as error:
        call_command("load_article", str(fixture_copy(blank)), stdout=StringIO())
    assert (
        "claim 'h1b-fee-100k': field 'restatement_zh': a published claim needs its "
        "restatement in Traditional Chinese."
    ) in str(error.value)
