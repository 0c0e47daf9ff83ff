"""Render claim badges: a shields-style SVG, a compact dot, and the shields.io endpoint JSON.

Pure functions with no Django imports: the badge view, the admin's live preview and the tests
all call them. Every piece of text is cleaned and XML-escaped here, so a hostile verdict label
or claim text cannot add markup to the SVG.

Text widths come from real font metrics. Latin advance widths are the `hmtx` table of DejaVu
Sans Book 2.37 (units per em 2048), read for the printable ASCII range; DejaVu Sans derives
from Bitstream Vera, whose metrics track Verdana's closely, and the SVG names both fonts.
Accented Latin letters take the width of their base letter (Unicode NFKD). East Asian wide and
full-width characters (Unicode East_Asian_Width W or F: CJK ideographs, kana, hangul, CJK
punctuation) are one em, as in every CJK font (Noto Sans CJK, PingFang, Microsoft JhengHei).
`textLength` then pins the rendered text to the computed width, whatever font the reader has.
"""

from __future__ import annotations

import html
import re
import unicodedata

from claims.colours import WHITE, contrast_ratio

FONT_SIZE = 11
UNITS_PER_EM = 2048
FONT_FAMILY = "DejaVu Sans,Verdana,Geneva,sans-serif"
CJK_FONT_FAMILY = (
    "DejaVu Sans,Verdana,PingFang TC,Noto Sans CJK TC,Microsoft JhengHei,Geneva,sans-serif"
)

# DejaVu Sans advance widths for U+0020 (space) to U+007E (~), in font units.
_ASCII_ADVANCE = (
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087,
    2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612,
    1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024,
    1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253,
    1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
)  # fmt: skip
# A letter we have no metric for (Greek, Cyrillic…): about the width of "n" or "o".
_FALLBACK_ADVANCE = 1300

PADDING = 6  # px either side of each text
HEIGHT = 20
DOT_SIZE = 14
LABEL_BACKGROUND = "#555"
NEUTRAL_COLOUR = "#6e7781"
DARK_TEXT = "#1f2328"
MAX_VISIBLE_CHARS = 48  # longer text is cut with an ellipsis; <title> keeps all of it

STYLES = ("flat", "dot")


def badge_style(value: str | None) -> str:
    """The style a `?style=` value asks for; the first style for anything else."""
    return value if value in STYLES else STYLES[0]


# The badge's own language tag, keyed by what callers may pass (compared lower-cased).
LANGUAGE_TAGS = {"en": "en", "zh-hant": "zh-Hant"}

_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}")
# Characters XML 1.0 forbids, plus bidi controls: an RTL override in a label would let it
# display as different text than it is.
_UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
_WHITESPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """`text` without characters that are invalid in XML or reorder text, on one line."""
    return _WHITESPACE.sub(" ", _UNSAFE_CHARS.sub("", str(text))).strip()


def valid_colour(colour: str) -> str:
    """`colour` if it is a hex colour such as #1a7f37, otherwise the neutral grey."""
    return colour if isinstance(colour, str) and _HEX_COLOUR.fullmatch(colour) else NEUTRAL_COLOUR


def language_tag(lang: str) -> str:
    return LANGUAGE_TAGS.get(str(lang).lower(), "en")


def _char_advance(char: str) -> int:
    code = ord(char)
    if 0x20 <= code <= 0x7E:
        return _ASCII_ADVANCE[code - 0x20]
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return UNITS_PER_EM
    base = unicodedata.normalize("NFKD", char)[:1]
    if base and 0x20 <= ord(base) <= 0x7E:
        return _ASCII_ADVANCE[ord(base) - 0x20]
    return _FALLBACK_ADVANCE


def text_width(text: str, font_size: int = FONT_SIZE) -> float:
    """The rendered width of `text` in px, rounded up to a tenth."""
    units = sum(_char_advance(char) for char in text)
    return -(-units * font_size * 10 // UNITS_PER_EM) / 10


def _visible(text: str) -> str:
    return text if len(text) <= MAX_VISIBLE_CHARS else text[: MAX_VISIBLE_CHARS - 1] + "…"


def _text_colour(background: str) -> str:
    """White or near-black, whichever contrasts more with `background` (WCAG 2)."""
    if len(background) == 4:  # #rgb
        background = "#" + "".join(digit * 2 for digit in background[1:])
    on_white = contrast_ratio(background, WHITE)
    return "#fff" if on_white >= contrast_ratio(background, DARK_TEXT) else DARK_TEXT


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def badge_svg(
    *, label: str, message: str, colour: str, style: str = "flat", lang: str = "en"
) -> str:
    """A two-part badge ("fact check" | verdict), or a compact dot for style="dot"."""
    label, message = clean_text(label), clean_text(message)
    colour = valid_colour(colour)
    tag = language_tag(lang)
    separator = "：" if tag == "zh-Hant" else ": "
    full_text = f"{label}{separator}{message}" if label else message
    if style == "dot":
        return _dot_svg(full_text=full_text, colour=colour, tag=tag)
    return _flat_svg(label=label, message=message, full_text=full_text, colour=colour, tag=tag)


def _dot_svg(*, full_text: str, colour: str, tag: str) -> str:
    r = DOT_SIZE / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{DOT_SIZE}" height="{DOT_SIZE}" '
        f'viewBox="0 0 {DOT_SIZE} {DOT_SIZE}" role="img" xml:lang="{tag}" '
        f'aria-label="{_esc(full_text)}">'
        f"<title>{_esc(full_text)}</title>"
        f'<circle cx="{_fmt(r)}" cy="{_fmt(r)}" r="{_fmt(r - 1)}" fill="{colour}" '
        f'stroke="#000" stroke-opacity=".25"/>'
        f"</svg>"
    )


def _flat_svg(*, label: str, message: str, full_text: str, colour: str, tag: str) -> str:
    label_text, message_text = _visible(label), _visible(message)
    label_text_w, message_text_w = text_width(label_text), text_width(message_text)
    label_w = label_text_w + 2 * PADDING if label_text else 0
    message_w = message_text_w + 2 * PADDING
    width = label_w + message_w
    family = CJK_FONT_FAMILY if tag == "zh-Hant" else FONT_FAMILY
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_fmt(width)}" height="{HEIGHT}" '
        f'viewBox="0 0 {_fmt(width)} {HEIGHT}" role="img" xml:lang="{tag}" '
        f'aria-label="{_esc(full_text)}">',
        f"<title>{_esc(full_text)}</title>",
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
        'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
        f'<clipPath id="r"><rect width="{_fmt(width)}" height="{HEIGHT}" rx="3" '
        f'fill="#fff"/></clipPath>',
        '<g clip-path="url(#r)">',
    ]
    if label_w:
        parts.append(f'<rect width="{_fmt(label_w)}" height="{HEIGHT}" fill="{LABEL_BACKGROUND}"/>')
    parts += [
        f'<rect x="{_fmt(label_w)}" width="{_fmt(message_w)}" height="{HEIGHT}" fill="{colour}"/>',
        f'<rect width="{_fmt(width)}" height="{HEIGHT}" fill="url(#s)"/>',
        "</g>",
        f'<g fill="#fff" text-anchor="middle" font-family="{family}" '
        f'font-size="{FONT_SIZE}" aria-hidden="true">',
    ]
    if label_w:
        parts.append(_text(label_text, centre=label_w / 2, width=label_text_w, fill="#fff"))
    parts.append(
        _text(
            message_text,
            centre=label_w + message_w / 2,
            width=message_text_w,
            fill=_text_colour(colour),
        )
    )
    parts += ["</g>", "</svg>"]
    return "".join(parts)


def _text(text: str, *, centre: float, width: float, fill: str) -> str:
    shadow = "#010101" if fill == "#fff" else "#fff"
    attrs = f'x="{_fmt(centre)}" textLength="{_fmt(width)}" lengthAdjust="spacingAndGlyphs"'
    return (
        f'<text {attrs} y="15" fill="{shadow}" fill-opacity=".3">{_esc(text)}</text>'
        f'<text {attrs} y="14" fill="{fill}">{_esc(text)}</text>'
    )


def badge_json(
    *, label: str, message: str, colour: str, cache_seconds: int = 300, is_error: bool = False
) -> dict:
    """The shields.io endpoint-badge schema (https://shields.io/badges/endpoint-badge).

    `is_error` marks a badge that reports a problem (an unknown claim) rather than a verdict."""
    data = {
        "schemaVersion": 1,
        "label": clean_text(label),
        "message": clean_text(message),
        "color": valid_colour(colour).lstrip("#"),
        "cacheSeconds": cache_seconds,
    }
    if is_error:
        data["isError"] = True
    return data
