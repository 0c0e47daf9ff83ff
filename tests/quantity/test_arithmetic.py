"""Recomputing derived figures: the change the article states, the per-person sum it implies."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from claims.checks.arithmetic import (
    CANNOT_COMPUTE,
    COMPUTED,
    check_derivation,
    recompute,
)
from claims.checks.compare import CONSISTENT, INCONSISTENT
from claims.quantity import parse


def test_it_recomputes_each_operation():
    assert recompute("change", [D(307501), D(254019)]) == D(-53482)
    assert recompute("percent_change", [D(200), D(150)]) == D(-25)
    assert recompute("ratio", [D(12), D(3)]) == D(4)
    assert recompute("share", [D(215000), D(1000000)]) == D("21.5")
    assert recompute("sum", [D(1), D(2), D(3)]) == D(6)
    assert recompute("per_capita", [D(10), D(4)]) == D("2.5")


@pytest.mark.parametrize(
    ("operation", "inputs"),
    [("ratio", [D(1), D(0)]), ("sum", [D(1)]), ("change", [D(1), D(2), D(3)])],
)
def test_it_refuses_figures_it_cannot_combine(operation, inputs):
    with pytest.raises(ValueError):
        recompute(operation, inputs)
    assert check_derivation(operation, inputs).outcome == CANNOT_COMPUTE


def test_it_confirms_fell_about_17_4_percent_from_307501_to_254019():
    stated = parse("下降約17.4%")
    result = check_derivation(
        "percent_change",
        [D(307501), D(254019)],
        stated.value,
        stated.comparator,
        stated.unit,
        stated.precision,
    )
    assert result.outcome == CONSISTENT
    assert not result.flagged
    assert result.explanation_in("en") == (
        "Recomputed percent change: -17.39%; the claim states about 17.4% (consistent)."
    )


def test_it_flags_a_percent_change_that_does_not_follow():
    result = check_derivation(
        "percent_change", [D(307501), D(254019)], D("21.3"), "=", "percent", D("0.1")
    )
    assert result.outcome == INCONSISTENT
    assert result.flagged


def test_it_gives_a_per_person_figure_to_eyeball():
    result = check_derivation("per_capita", [D(588000000), D(1902)])
    assert result.outcome == COMPUTED
    assert result.computed.quantize(D(1)) == D(309148)
    assert result.explanation_in("en") == (
        "Recomputed per-capita figure: 309,148.26. Check that it is plausible."
    )
    assert "309,148.26" in result.explanation_in("zh-hant")
