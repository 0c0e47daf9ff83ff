"""What another fact-checker's published rating means on our scale, read from its words.

No database: the importer passes in our own verdict labels so that a feed of
our own reviews maps back to the verdict it came from. A rating nobody can read stays unknown:
a guess would put words in another desk's mouth.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.db import models
from django.utils.translation import gettext_lazy as _


class Meaning(models.TextChoices):
    """Our verdict scale's codes, plus what other desks publish that our scale has no step for."""

    ACCURATE = "accurate", _("accurate")
    MOSTLY_ACCURATE = "mostly-accurate", _("mostly accurate")
    MISLEADING = "misleading", _("misleading")
    INACCURATE = "inaccurate", _("inaccurate")
    UNVERIFIABLE = "unverifiable", _("unverifiable")
    OTHER = "other", _("other (satire, opinion…)")
    UNKNOWN = "unknown", _("unknown")


# Longest phrases first, so "mostly false" is read before "false" and "部分錯誤" before "錯誤".
PHRASES: dict[str, str] = {
    "mostly accurate": Meaning.MOSTLY_ACCURATE,
    "mostly true": Meaning.MOSTLY_ACCURATE,
    "mostly correct": Meaning.MOSTLY_ACCURATE,
    "half true": Meaning.MISLEADING,
    "half-true": Meaning.MISLEADING,
    "partly false": Meaning.MISLEADING,
    "partially false": Meaning.MISLEADING,
    "partly true": Meaning.MISLEADING,
    "missing context": Meaning.MISLEADING,
    "lacks context": Meaning.MISLEADING,
    "out of context": Meaning.MISLEADING,
    "mostly false": Meaning.INACCURATE,
    "pants on fire": Meaning.INACCURATE,
    "misleading": Meaning.MISLEADING,
    "exaggerated": Meaning.MISLEADING,
    "distorted": Meaning.MISLEADING,
    "mixture": Meaning.MISLEADING,
    "mixed": Meaning.MISLEADING,
    "accurate": Meaning.ACCURATE,
    "correct": Meaning.ACCURATE,
    "true": Meaning.ACCURATE,
    "inaccurate": Meaning.INACCURATE,
    "incorrect": Meaning.INACCURATE,
    "false": Meaning.INACCURATE,
    "fake": Meaning.INACCURATE,
    "wrong": Meaning.INACCURATE,
    "hoax": Meaning.INACCURATE,
    "fabricated": Meaning.INACCURATE,
    "unverifiable": Meaning.UNVERIFIABLE,
    "unverified": Meaning.UNVERIFIABLE,
    "unproven": Meaning.UNVERIFIABLE,
    "unsupported": Meaning.UNVERIFIABLE,
    "no evidence": Meaning.UNVERIFIABLE,
    "satire": Meaning.OTHER,
    "opinion": Meaning.OTHER,
    "大致正確": Meaning.MOSTLY_ACCURATE,
    "部分正確": Meaning.MISLEADING,
    "部分錯誤": Meaning.MISLEADING,
    "部分错误": Meaning.MISLEADING,
    "易生誤解": Meaning.MISLEADING,
    "誤導": Meaning.MISLEADING,
    "误导": Meaning.MISLEADING,
    "缺乏背景": Meaning.MISLEADING,
    "無法查證": Meaning.UNVERIFIABLE,
    "无法查证": Meaning.UNVERIFIABLE,
    "證據不足": Meaning.UNVERIFIABLE,
    "正確": Meaning.ACCURATE,
    "正确": Meaning.ACCURATE,
    "屬實": Meaning.ACCURATE,
    "属实": Meaning.ACCURATE,
    "錯誤": Meaning.INACCURATE,
    "错误": Meaning.INACCURATE,
    "謠言": Meaning.INACCURATE,
    "谣言": Meaning.INACCURATE,
    "假": Meaning.INACCURATE,
}
_ORDERED = sorted(PHRASES, key=len, reverse=True)
_NEGATED = re.compile(r"\b(not|no|un)\s*$")


def rating_meaning(rating: str, our_labels: Mapping[str, str] | None = None) -> str:
    """The meaning of a published rating: our own verdict's code when it is one of our labels,
    else the first phrase it contains; unknown when none."""
    text = " ".join(rating.split()).lower()
    if not text:
        return Meaning.UNKNOWN
    if our_labels and text in our_labels:
        return our_labels[text]
    for phrase in _ORDERED:
        at = text.find(phrase)
        if at < 0:
            continue
        if phrase.isascii() and (_inside_a_word(text, at, phrase) or _NEGATED.search(text[:at])):
            continue  # "untrue", "not true": leave it to a longer phrase, or to unknown
        return PHRASES[phrase]
    return Meaning.UNKNOWN


def _inside_a_word(text: str, at: int, phrase: str) -> bool:
    before = text[at - 1] if at else " "
    after = text[at + len(phrase)] if at + len(phrase) < len(text) else " "
    return before.isalpha() or after.isalpha()
