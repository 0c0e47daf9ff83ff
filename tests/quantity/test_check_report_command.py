"""manage.py check_report: the Markdown the desk reads before publishing."""

from __future__ import annotations

from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.models import Evidence


def _report(*args) -> str:
    out = StringIO()
    call_command("check_report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def checked_claims(make_claim, source):
    wrong = make_claim(slug="youth-wrong", quote="失業率達到18.9%", value=D("18.9"))
    Evidence.objects.create(
        claim=wrong, source=source, role="supports", value=D("18.7"), unit="percent"
    )
    right = make_claim(slug="youth-right", quote="失業率達到18.9%", value=D("18.9"))
    Evidence.objects.create(
        claim=right, source=source, role="supports", value=D("18.9"), unit="percent"
    )
    make_claim(slug="grouping", quote="至25,4019人", value=D(254019), unit="persons")
    make_claim(slug="a-fact", kind="factual", value=None, unit="", comparator="")


def test_it_lists_flagged_claims_with_the_reason(checked_claims):
    report = _report()
    assert "3 numeric claims, 6 checks; 2 claims have at least one flag." in report
    assert (
        "| `youth-wrong` | 1 | 18.9% | source_value | inconsistent | The source gives 18.7%, "
        "not the claim's 18.9%: a difference of 0.2%, more than rounding to 0.1% allows. "
        "[supports: 2025年8月分年齡組失業率] |"
    ) in report
    assert "| `grouping` | 3 | 254,019 people | quote | irregular_grouping |" in report
    assert (
        "| `youth-right` | 2 | 18.9% | quote: quote_matches, source_value (supports): consistent |"
        in report
    )
    assert "a-fact" not in report


def test_it_escapes_pipes_in_source_titles(make_claim, source):
    source.title = "Table | 2025"
    source.save()
    claim = make_claim(slug="piped", quote="失業率達到18.9%", value=D("18.9"))
    Evidence.objects.create(
        claim=claim, source=source, role="supports", value=D("18.7"), unit="percent"
    )
    report = _report()
    assert "[supports: Table \\| 2025] |" in report
    assert "Table | 2025" not in report


def test_it_writes_a_file(checked_claims, tmp_path):
    target = tmp_path / "report.md"
    assert "Wrote" in _report("--output", str(target))
    assert target.read_text(encoding="utf-8").startswith("# Machine checks on the shipped claims")


def test_it_refuses_an_unknown_article(db):
    with pytest.raises(CommandError, match="No article with the slug 'nope'"):
        _report("--article", "nope")


def test_it_refuses_an_unwritable_output(checked_claims, tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        _report("--output", str(tmp_path / "missing" / "report.md"))


@pytest.mark.django_db
def test_it_reports_an_empty_registry():
    assert "Nothing is flagged." in _report()
