"""The machine checks on a stored claim, read from prefetched evidence and derivations."""

from __future__ import annotations

from decimal import Decimal as D

from claims.checks.for_claim import claim_checks, claim_precision, with_checks_prefetched
from claims.models import Claim, ClaimDerivation, DerivationInput, Evidence


def _of(kind, checks):
    return [check for check in checks if check.kind == kind]


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
    [check] = _of("source_value", claim_checks(claim))
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
    [check] = _of("source_value", claim_checks(claim))
    assert check.outcome == "consistent"
    assert not check.flagged


def test_it_skips_evidence_without_a_value(make_claim, source):
    claim = make_claim()
    _evidence(claim, source, None, unit="")
    assert [check.kind for check in claim_checks(claim)] == ["quote"]


def test_it_flags_a_2023_figure_cited_as_this_years(make_claim, old_report):
    claim = make_claim(period="2025-08")
    _evidence(claim, old_report, "21.3", role="cited")
    checks = claim_checks(claim)
    assert [check.kind for check in checks] == ["quote", "source_value", "period"]
    assert checks[2].outcome == "source_predates_period"
    assert checks[2].flagged


def test_it_does_not_check_the_period_of_context_sources(make_claim, old_report):
    claim = make_claim(period="2025-08")
    _evidence(claim, old_report, None, unit="", role="context")
    assert _of("period", claim_checks(claim)) == []


def test_it_flags_irregular_digit_grouping_in_the_quote(make_claim):
    claim = make_claim(quote="至25,4019人", value=D(254019), unit="persons")
    grouping, reading = claim_checks(claim)
    assert grouping.outcome == "irregular_grouping"
    assert grouping.flagged
    assert reading.outcome == "quote_matches"
    assert not reading.flagged
    check = grouping
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
    [check] = _of("arithmetic", claim_checks(fall))
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
    # claims, evidence with sources, their newest archived copies, derivations, inputs with claims
    with django_assert_num_queries(5):
        claims = list(with_checks_prefetched(Claim.objects.all()))
        results = [claim_checks(claim) for claim in claims]
    assert all(len(checks) == 5 for checks in results)


def test_it_confirms_the_recorded_figure_reads_the_quote(make_claim):
    claim = make_claim(
        quote="到2019年僅剩1.3萬餘人", value=D(13000), unit="persons", comparator=">"
    )
    [check] = claim_checks(claim)
    assert check.outcome == "quote_matches"
    assert check.as_dict()["explanation_en"] == (
        "The quote prints “1.3萬餘人”, which the recorded more than 13,000 people reads correctly."
    )
    assert check.as_dict()["explanation_zh_hant"] == (
        "引文寫的是「1.3萬餘人」,記錄的逾1.3萬人解讀正確。"
    )


def test_it_flags_a_recorded_value_the_quote_does_not_print(make_claim):
    claim = make_claim(quote="失業率達到18.9%", value=D("19.8"))
    [check] = claim_checks(claim)
    assert check.outcome == "quote_differs"
    assert check.flagged
    assert check.as_dict()["explanation_en"] == (
        "The quote prints 18.9%; the recorded 19.8% is not among them."
    )


def test_it_flags_a_recorded_unit_the_quote_contradicts(make_claim):
    claim = make_claim(quote="收取10萬美元費用", value=D(100000), unit="CNY")
    [check] = claim_checks(claim)
    assert check.outcome == "quote_unit_differs"
    assert check.flagged


def test_it_flags_a_lost_hedge(make_claim):
    claim = make_claim(quote="逾14萬港人移居海外", value=D(140000), unit="persons", comparator="=")
    [check] = claim_checks(claim)
    assert check.outcome == "quote_comparator_differs"
    assert "逾14萬" in check.as_dict()["explanation_zh_hant"]


def test_it_accepts_about_for_a_round_figure(make_claim):
    claim = make_claim(
        quote="共發放了1.2萬張永久居留卡", value=D(12000), unit="count", comparator="≈"
    )
    [check] = claim_checks(claim)
    assert check.outcome == "quote_matches"


def test_it_flags_a_quote_without_a_figure(make_claim):
    claim = make_claim(quote="青年失業率創新高", value=D("18.9"))
    [check] = claim_checks(claim)
    assert check.outcome == "quote_has_no_figure"
    assert check.flagged


def test_it_flags_last_years_figure_cited_as_this_years(make_claim, source):
    claim = make_claim(
        quote="應屆畢業生數量達1158萬", value=D(11580000), unit="persons", period="2025"
    )
    Evidence.objects.create(
        claim=claim,
        source=source,
        role="context",
        excerpt="2023: 11.58 million, +820,000 over 2022, record",
        value=D(11580000),
        unit="persons",
    )
    checks = claim_checks(claim)
    assert [(check.kind, check.outcome) for check in checks] == [
        ("quote", "quote_matches"),
        ("source_value", "consistent"),
        ("period", "figure_from_other_period"),
    ]
    assert checks[2].flagged
    assert (
        checks[2]
        .as_dict()["explanation_zh_hant"]
        .startswith("說法中的數字與此來源2022-2023的數字相符,而非2025的數字")
    )


def test_a_context_source_with_another_figure_is_shown_but_not_flagged(make_claim, source):
    claim = make_claim()
    _evidence(claim, source, "21.3", role="context")
    [check] = _of("source_value", claim_checks(claim))
    assert check.outcome == "inconsistent"
    assert not check.flagged
    assert check.as_dict()["role"] == "context"


def test_a_rounder_source_excerpt_widens_the_tolerance(make_claim, source):
    claim = make_claim(quote="人才缺口將達2985.7萬人", value=D(29857000), unit="persons")
    Evidence.objects.create(
        claim=claim,
        source=source,
        role="supports",
        excerpt="2025年總缺口將近3000萬",
        value=D(30000000),
        unit="persons",
    )
    [check] = _of("source_value", claim_checks(claim))
    assert check.outcome == "consistent_within_rounding"


def test_it_reads_ratio_and_multiple_as_the_same_unit(make_claim):
    claim = make_claim(quote="比例是回國的四倍", value=D(4), unit="ratio")
    [check] = claim_checks(claim)
    assert check.outcome == "quote_matches"
