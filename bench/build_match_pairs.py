"""Build the labelled pairs for "checked before?" from the shipped article's claims.

    python -m bench.build_match_pairs     # writes tests/elsewhere/match_pairs.json

Each claim with a figure gives: its Chinese quote and English restatement (the same claim,
across languages); the same words with the claim's figure changed; the same figure with a
year both texts state moved, or the place they name moved (not the same claim, within and
across languages). Different claims stating the same value are hard negatives, and each
claim against the next one an easy one. Hand-written paraphrases within a language come from
tests/elsewhere/match_paraphrases.json. The file is committed: the set changes only when
someone rebuilds it on purpose.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "k-visa-explainer.json"
PARAPHRASES = ROOT / "tests" / "elsewhere" / "match_paraphrases.json"
OUTPUT = ROOT / "tests" / "elsewhere" / "match_pairs.json"
PLACES = [
    ("China", "India"),
    ("Chinese", "Indian"),
    ("中國", "印度"),
    ("我國", "印度"),
    ("Shanghai", "Beijing"),
    ("上海", "北京"),
    ("Hong Kong", "Singapore"),
    ("香港", "新加坡"),
    ("Guangzhou", "Shenzhen"),
    ("廣州", "深圳"),
]


def build() -> list[dict]:
    from elsewhere.fingerprint import place_in, years_in

    claims = json.loads(FIXTURE.read_text(encoding="utf-8"))["claims"]
    numeric = [claim for claim in claims if claim.get("value") not in (None, "")]
    pairs: list[dict] = []

    def add(kind, a, a_lang, b, b_lang, same, source):
        pairs.append(
            {"kind": kind, "a": a, "a_lang": a_lang, "b": b, "b_lang": b_lang, "same": same}
            | {"from": source}
        )

    for claim in numeric:
        quote, restatement, slug = claim["quote"], claim["restatement"], claim["slug"]
        add("cross-language", quote, "zh", restatement, "en", True, slug)
        for text, lang, other, other_lang in (
            (restatement, "en", quote, "zh"),
            (quote, "zh", restatement, "en"),
        ):
            changed = _change_figure(text, Decimal(str(claim["value"])))
            if changed:
                add("same-words-different-figure", text, lang, changed, lang, False, slug)
                add("different-figure", other, other_lang, changed, lang, False, slug)
            common = sorted(years_in(text) & years_in(other))
            if common:
                moved = text.replace(common[0], str(int(common[0]) - 3))
                add("same-number-different-period", text, lang, moved, lang, False, slug)
                add("same-number-different-period", other, other_lang, moved, lang, False, slug)
            if place_in(text) and place_in(other):
                moved = _move_place(text)
                if moved and place_in(moved) != place_in(text):
                    add("same-number-different-place", text, lang, moved, lang, False, slug)
                    add("same-number-different-place", other, other_lang, moved, lang, False, slug)
    for index, first in enumerate(numeric):
        for second in numeric[index + 1 :]:
            if first["value"] == second["value"]:
                both = f"{first['slug']}|{second['slug']}"
                kind = "different-claim-same-value"
                add(kind, first["quote"], "zh", second["restatement"], "en", False, both)
                add(kind, first["restatement"], "en", second["restatement"], "en", False, both)
    for first, second in zip(claims, claims[1:], strict=False):
        if _states_value_of(second, first) or _states_value_of(first, second):
            continue  # a claim that restates its neighbour's figure is no clean negative
        both = f"{first['slug']}|{second['slug']}"
        add("different-claim", first["quote"], "zh", second["restatement"], "en", False, both)
        add("different-claim", first["restatement"], "en", second["restatement"], "en", False, both)
        add("different-claim", first["quote"], "zh", second["quote"], "zh", False, both)
    for row in json.loads(PARAPHRASES.read_text(encoding="utf-8")):
        kind = "paraphrase" if row["same"] else "paraphrase-negative"
        add(kind, row["a"], row["a_lang"], row["b"], row["b_lang"], row["same"], row["from"])
    return pairs


def _change_figure(text: str, value: Decimal) -> str | None:
    """The text with the claim's own figure changed in its first digit: 11.58 → 41.58."""
    from claims.quantity import find_all

    for found in find_all(text):
        digit = re.search(r"\d", found.text)
        if digit and found.quantity.value == value:
            old = int(digit.group())
            at = found.start + digit.start()
            return text[:at] + str((old + 3) % 9 + 1) + text[at + 1 :]  # never the same digit
    return None


def _states_value_of(claim: dict, other: dict) -> bool:
    if other.get("value") in (None, ""):
        return False
    value = Decimal(str(other["value"]))
    return any(_change_figure(claim[name], value) for name in ("quote", "restatement"))


def _move_place(text: str) -> str | None:
    for old, new in PLACES:
        pattern = rf"(?<![A-Za-z]){re.escape(old)}(?![A-Za-z])" if old.isascii() else old
        if re.search(pattern, text):
            return re.sub(pattern, new, text)
    return None


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    django.setup()
    pairs = build()
    OUTPUT.write_text(json.dumps(pairs, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(pairs)} pairs written to {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
