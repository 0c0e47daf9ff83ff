"""The machine checks on a stored claim, read from prefetched evidence and derivations."""

from __future__ import annotations

from decimal import Decimal as D

from claims.checks.for_claim import claim_checks, claim_precision, with_checks_prefetched
from claims.models import Claim, ClaimDerivation, DerivationInput, Evidence


def _evidence(claim, source, value, unit="percent", role="supports"):
    return Evidence.objects.create(
        claim=claim, source=source, role=role, value=D(value) if value else None, unit=unit
    )


def test_it_takes_the_precision_from_the_quote(make_claim):
    claim = make_claim(quote="人才缺口將接近三千萬", value=D(30000000), unit="persons")
    assert claim_precision(claim) == D(10_000_000)


def test_it_falls_back_to_the_stored_digits(make_claim):
    claim = make_claim(quote="失業率創新高", value=D("18.9"))
    assert claim_precision(claim) == D("0.1")


def test_it_flags_a_source_that_disagrees(make_claim, source):
    claim = make_claim()
    _evidence(claim, source, "18.7")
    [check] = claim_checks(claim)
    assert check.kind == "source_value"
    assert check.outcome == "inconsistent"
    assert check.flagged
    assert check.evidence.source == source
    assert "18.7%" in check.as_dict()["explanation_en"]
    assert "不相符" not in check.as_dict()["explanation_en"]
    assert check.as_dict()["explanation_zh_hant"].startswith("來源的數字是18.7%")


def test_it_passes_a_source_that_agrees(make_claim, source):
    claim = make_claim()
    _evidence(claim, source, "18.9")
    [check] = claim_checks(claim)
    assert check.outcome == "consistent"
    assert not check.flagged


def test_it_skips_evidence_without_a_value(make_claim, source):
    claim = make_claim()
    _evidence(claim, source, None, unit="")
    assert claim_checks(claim) == []


def test_it_flags_a_2023_figure_cited_as_this_years(make_claim, old_report):
    claim = make_claim(period="2025-08")
    _evidence(claim, old_report, "21.3", role="cited")
    checks = claim_checks(claim)
    assert [check.kind for check in checks] == ["source_value", "period"]
    assert checks[1].outcome == "source_predates_period"
    assert checks[1].flagged


def test_it_does_not_check_the_period_of_context_sources(make_claim, old_report):
    claim = make_claim(period="2025-08")
    _evidence(claim, old_report, None, unit="", role="context")
    assert claim_checks(claim) == []


def test_it_flags_irregular_digit_grouping_in_the_quote(make_claim):
    claim = make_claim(quote="至25,4019人", value=D(254019), unit="persons")
    [check] = claim_checks(claim)
    assert check.kind == "quote"
    assert check.as_dict()["explanation_en"] == (
        "“25,4019人” groups its digits irregularly; it most likely means 254,019. "
        "Check the figure against the source."
    )


def test_it_recomputes_a_derived_percent_change(make_claim):
    before = make_claim(quote="2018年的307,501人", value=D(307501), unit="persons")
    after = make_claim(quote="至25,4019人", value=D(254019), unit="persons")
    fall = make_claim(quote="下降約17.4%", value=D("17.4"), unit="percent", comparator="≈")
    derivation = ClaimDerivation.objects.create(derived=fall, operation="percent_change")
    DerivationInput.objects.create(derivation=derivation, claim=after, position=2)
    DerivationInput.objects.create(derivation=derivation, claim=before, position=1)
    [check] = claim_checks(fall)
    assert check.kind == "arithmetic"
    assert check.outcome == "consistent"
    assert "-17.39%" in check.explanation


def test_it_reads_many_claims_in_a_fixed_number_of_queries(
    make_claim, source, old_report, django_assert_num_queries
):
    for n in range(5):
        claim = make_claim(quote=f"失業率{n}")
        _evidence(claim, source, "18.9")
        _evidence(claim, old_report, "21.3", role="cited")
        derivation = ClaimDerivation.objects.create(derived=claim, operation="sum")
        DerivationInput.objects.create(derivation=derivation, claim=claim, position=1)
        DerivationInput.objects.create(derivation=derivation, claim=claim, position=2)
    # claims, evidence, sources, derivations, inputs with their claims
    with django_assert_num_queries(5):
        claims = list(with_checks_prefetched(Claim.objects.all()))
        results = [claim_checks(claim) for claim in claims]
    assert all(len(checks) == 4 for checks in results)
