"""Precision and recall of the "checked before?" matcher on the labelled pairs.

    python -m bench.match_eval [tests/elsewhere/match_pairs.json]

A pair is predicted "the same claim" when the matcher's pair score reaches MATCH_THRESHOLD.
Results are given for pairs across languages and within one, and for each kind of pair.
Targets: across languages precision ≥ 0.9 at recall ≥ 0.7; within a language precision ≥ 0.95.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import django

PAIRS = Path(__file__).resolve().parents[1] / "tests" / "elsewhere" / "match_pairs.json"
TARGETS = {"cross-language pairs": (0.9, 0.7), "within-language pairs": (0.95, None)}


@dataclass
class Counts:
    pairs: int = 0
    same: int = 0
    true_positives: int = 0
    false_positives: int = 0

    @property
    def precision(self) -> float | None:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else None

    @property
    def recall(self) -> float | None:
        return self.true_positives / self.same if self.same else None


def evaluate(pairs: list[dict]) -> dict[str, Counts]:
    from elsewhere.fingerprint import from_text
    from elsewhere.matching import MATCH_THRESHOLD, Checked, score_pair

    results: dict[str, Counts] = defaultdict(Counts)
    for pair in pairs:
        first = Checked((pair["a"],), from_text(pair["a"]))
        second = Checked((pair["b"],), from_text(pair["b"]))
        score, _reasons = score_pair(first, second)
        predicted = score >= MATCH_THRESHOLD
        group = "cross" if pair["a_lang"] != pair["b_lang"] else "within"
        for name in (f"{group}-language pairs", pair["kind"]):
            counts = results[name]
            counts.pairs += 1
            counts.same += pair["same"]
            counts.true_positives += predicted and pair["same"]
            counts.false_positives += predicted and not pair["same"]
    return dict(results)


def report(results: dict[str, Counts]) -> str:
    head = ("pairs", 6), ("same", 5), ("found", 6), ("wrong", 6), ("precision", 10), ("recall", 7)
    lines = [" " * 32 + "".join(f" {name:>{width}}" for name, width in head)]
    for name, counts in results.items():
        lines.append(
            f"{name:32} {counts.pairs:6} {counts.same:5} {counts.true_positives:6} "
            f"{counts.false_positives:6} {_ratio(counts.precision):>10} {_ratio(counts.recall):>7}"
        )
    return "\n".join(lines)


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    django.setup()
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else PAIRS
    print(report(evaluate(json.loads(path.read_text(encoding="utf-8")))))


if __name__ == "__main__":
    main()
