"""Where a claim's quote sits in its article: pure text functions, no database."""

from __future__ import annotations

ELLIPSIS = "..."


def paragraphs_of(text: str) -> list[str]:
    """The article's paragraphs: its non-empty lines, numbered from 1 by the claims."""
    return [line for line in text.splitlines() if line.strip()]


def quote_is_located(paragraph: str, prefix: str, quote: str, suffix: str) -> bool:
    """Whether the quote, with the text just before and after it, occurs in the paragraph.

    A quote may skip text with "..."; its parts must then appear in order.
    """
    parts = quote.split(ELLIPSIS)
    if any(not part for part in parts):
        return False
    start = paragraph.find(prefix + parts[0])
    while start != -1:
        end = start + len(prefix) + len(parts[0])
        for part in parts[1:]:
            found = paragraph.find(part, end)
            if found == -1:
                break
            end = found + len(part)
        else:
            if paragraph.startswith(suffix, end):
                return True
        start = paragraph.find(prefix + parts[0], start + 1)
    return False
