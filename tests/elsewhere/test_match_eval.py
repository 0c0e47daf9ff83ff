"""The matcher meets its targets on the labelled pairs (bench/match_eval.py prints them all)."""

from __future__ import annotations

import json

import pytest

from bench.match_eval import PAIRS, TARGETS, evaluate


@pytest.fixture(scope="module")
def results():
    return evaluate(json.loads(PAIRS.read_text(encoding="utf-8")))


def test_the_set_has_every_kind_of_pair(results):
    for kind in (
        "cross-language",
        "paraphrase",
        "same-number-different-period",
        "same-number-different-place",
        "same-words-different-figure",
        "different-claim",
    ):
        assert results[kind].pairs >= 20, kind


@pytest.mark.parametrize("group", sorted(TARGETS))
def test_it_meets_the_targets(results, group):
    precision, recall = TARGETS[group]
    counts = results[group]
    assert counts.precision >= precision
    if recall is not None:
        assert counts.recall >= recall


def test_no_changed_figure_year_or_place_is_taken_for_the_same_claim(results):
    for kind in (
        "same-number-different-period",
        "same-number-different-place",
        "same-words-different-figure",
        "different-figure",
    ):
        assert results[kind].false_positives == 0, kind
