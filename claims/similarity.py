"""Character-trigram similarity, computed the way PostgreSQL's pg_trgm computes it.

Used where pg_trgm is not available (SQLite), so both databases rank "has this been checked
before?" the same way. pg_trgm splits text into words at every character that is not a letter
or digit, lower-cases each word, pads it with two spaces in front and one behind, and takes
every run of three characters; similarity is shared trigrams over all distinct trigrams.
A Chinese sentence has no spaces, so it is one long word whose trigrams are runs of three
characters: that is why this works for Chinese as well as English.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")


# "Checked before?" compares the question's few texts with every candidate's: each text's
# trigrams are worked out once, not once a pair.
@lru_cache(maxsize=4096)
def trigrams(text: str) -> frozenset[str]:
    grams: set[str] = set()
    for word in _WORD.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(a: str, b: str) -> float:
    first, second = trigrams(a), trigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)
