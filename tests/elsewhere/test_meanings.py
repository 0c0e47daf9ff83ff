"""Another desk's rating read on our scale; what cannot be read stays unknown."""

from __future__ import annotations

import pytest

from elsewhere.meanings import rating_meaning


@pytest.mark.parametrize(
    ("rating", "meaning"),
    [
        ("False", "inaccurate"),
        ("Mostly False", "inaccurate"),
        ("Mostly true", "mostly-accurate"),
        ("Half True", "misleading"),
        ("Missing context", "misleading"),
        ("Pants on Fire!", "inaccurate"),
        ("錯誤", "inaccurate"),
        ("部分錯誤", "misleading"),
        ("證據不足", "unverifiable"),
        ("Satire", "other"),
        ("Untrue?", "unknown"),
        ("Not true", "unknown"),
        ("Four Pinocchios", "unknown"),
        ("", "unknown"),
    ],
)
def test_it_reads_published_ratings(rating, meaning):
    assert rating_meaning(rating) == meaning


def test_our_own_labels_map_back_to_their_verdict():
    labels = {"易生誤解": "misleading", "accurate": "accurate"}
    assert rating_meaning("易生誤解", labels) == "misleading"
    assert rating_meaning("Accurate", labels) == "accurate"
