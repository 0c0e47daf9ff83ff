"""Is an excerpt in a text? Compared as a reader would, not byte for byte.

Both sides are normalised alike: compatibility forms folded (full-width Ａ１％ reads as A1%),
case folded, and every space, punctuation mark and symbol dropped, so line breaks, a
half-width comma for a full-width one, or quotation marks of another style do not hide a
passage. An ellipsis in the excerpt marks words the editor left out: the pieces around it must
appear in order.
"""

from __future__ import annotations

import re
import unicodedata

_ELLIPSIS = re.compile(r"…+|\.{3,}|⋯+|\[\s*\.\.\.\s*\]")
_DROPPED = ("P", "S", "Z", "C")


def normalise(text: str) -> str:
    """The letters, digits and ideographs of `text`, folded for comparison."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(char for char in folded if not unicodedata.category(char).startswith(_DROPPED))


def excerpt_in(excerpt: str, text: str, *, normalised_text: str | None = None) -> bool:
    """True when every piece of `excerpt` (split at ellipses) is in `text`, in order."""
    haystack = normalise(text) if normalised_text is None else normalised_text
    pieces = [normalise(piece) for piece in _ELLIPSIS.split(excerpt)]
    pieces = [piece for piece in pieces if piece]
    if not pieces:
        return False
    position = 0
    for piece in pieces:
        found = haystack.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True
