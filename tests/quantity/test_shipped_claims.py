"""Every numeric claim the project ships gets a machine check, and its figure reads its quote."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from claims.checks.for_claim import claim_checks

SHIPPED = Path(__file__).resolve().parents[2] / "fixtures" / "k-visa-explainer.json"


@pytest.mark.skipif(not SHIPPED.exists(), reason="the shipped claims file is not in this tree")
def test_every_shipped_numeric_claim_has_a_check_and_reads_its_quote(make_claim):
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    numeric = [claim for claim in shipped["claims"] if claim["kind"] == "numeric"]
    assert len(numeric) >= 30
    misread = []
    for row in numeric:
        claim = make_claim(
            slug=row["slug"],
            paragraph=row["paragraph"],
            quote=row["quote"],
            value=Decimal(row["value"]),
            unit=row["unit"],
            comparator=row["comparator"],
            period=row["period"],
        )
        checks = claim_checks(claim)
        assert checks, row["slug"]
        if "quote_matches" not in [check.outcome for check in checks]:
            misread.append(row["slug"])
    assert misread == []
