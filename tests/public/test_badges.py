"""The pure badge renderer: layout, languages, styles and escaping, without a database."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from claims.badges import NEUTRAL_COLOUR, badge_json, badge_svg, text_width

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    "</text><script>alert(1)</script>",
    '"onload="alert(1)',
    "' onmouseover='alert(1)",
    "]]><script>alert(1)</script>",
    "&lt;b&gt; &amp; <!-- -->",
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, under test)


def texts(root: ET.Element) -> list[str]:
    return [node.text for node in root.iter(f"{SVG}text")]


def test_it_renders_label_and_message_in_english():
    root = parse(badge_svg(label="fact check", message="Accurate", colour="#1a7f37"))
    assert root.get("role") == "img"
    assert root.get("aria-label") == "fact check: Accurate"
    assert root.find(f"{SVG}title").text == "fact check: Accurate"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert texts(root) == ["fact check", "fact check", "Accurate", "Accurate"]
    assert '"#1a7f37"' in badge_svg(label="fact check", message="Accurate", colour="#1a7f37")


@pytest.mark.parametrize("lang", ["zh-hant", "zh-Hant", "ZH-HANT"])
def test_it_renders_traditional_chinese(lang):
    root = parse(badge_svg(label="事實查核", message="正確", colour="#1a7f37", lang=lang))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hant"
    assert root.get("aria-label") == "事實查核：正確"
    assert "正確" in texts(root)


def test_it_falls_back_to_english_for_an_unknown_language():
    root = parse(badge_svg(label="a", message="b", colour="#1a7f37", lang="xx-evil"))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_it_renders_a_compact_dot():
    root = parse(badge_svg(label="fact check", message="Inaccurate", colour="#cf222e", style="dot"))
    assert root.get("width") == root.get("height") == "14"
    assert root.find(f"{SVG}circle").get("fill") == "#cf222e"
    assert root.find(f"{SVG}title").text == "fact check: Inaccurate"
    assert texts(root) == []


def test_it_widens_the_badge_as_the_text_grows():
    widths = [
        float(parse(badge_svg(label="fact check", message=m, colour="#1a7f37")).get("width"))
        for m in ["A", "Accurate", "Mostly accurate"]
    ]
    assert widths == sorted(widths) and len(set(widths)) == 3


def test_it_measures_cjk_as_full_width_and_latin_from_font_metrics():
    assert text_width("正確") == 22.0  # two ems at 11px
    assert text_width("0") == pytest.approx(7.0, abs=0.05)  # 1303/2048 em
    assert text_width("i") < text_width("m") < text_width("W")
    assert text_width("é") == text_width("e")
    assert text_width("a\u0301") == text_width("a")  # a combining accent takes no room


def test_it_sizes_cjk_badges_wider_than_the_same_number_of_latin_letters():
    latin = float(parse(badge_svg(label="ab", message="cd", colour="#1a7f37")).get("width"))
    cjk = float(parse(badge_svg(label="事實", message="正確", colour="#1a7f37")).get("width"))
    assert cjk > latin


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("style", ["flat", "dot"])
def test_it_escapes_hostile_text(hostile, style):
    svg = badge_svg(label=hostile, message=hostile, colour="#1a7f37", style=style)
    root = parse(svg)
    assert "<script" not in svg
    assert [el.tag for el in root.iter() if "script" in el.tag] == []
    assert all(not name.startswith("on") for el in root.iter() for name in el.attrib)
    assert hostile in root.get("aria-label")


def test_it_drops_bidi_overrides_and_control_characters():
    svg = badge_svg(label="fact\u202echeck", message="ok\x00\x1b\u2066x", colour="#1a7f37")
    root = parse(svg)
    assert root.get("aria-label") == "factcheck: okx"
    assert "\u202e" not in svg and "\x00" not in svg


def test_it_cuts_visible_text_but_keeps_the_whole_text_in_the_title():
    long = "x" * 4000
    svg = badge_svg(label="fact check", message=long, colour="#1a7f37")
    root = parse(svg)
    assert root.find(f"{SVG}title").text == f"fact check: {long}"
    assert all(len(text) <= 48 for text in texts(root))
    assert texts(root)[-1].endswith("…")
    assert float(root.get("width")) < 400


@pytest.mark.parametrize(
    "colour", ["red", "#12345", "#1a7f37;fill:url(x)", 'x" onload="y', "", None, "#ggg"]
)
def test_it_replaces_an_invalid_colour_with_neutral_grey(colour):
    svg = badge_svg(label="a", message="b", colour=colour)
    assert f'fill="{NEUTRAL_COLOUR}"' in svg
    parse(svg)


def test_it_uses_dark_text_on_a_light_colour():
    root = parse(badge_svg(label="a", message="b", colour="#ffff00"))
    assert root.findall(f".//{SVG}text")[-1].get("fill") == "#1f2328"


def test_it_renders_shields_endpoint_json():
    data = badge_json(label="fact check", message="Misleading", colour="#b35900")
    assert data == {
        "schemaVersion": 1,
        "label": "fact check",
        "message": "Misleading",
        "color": "b35900",
        "cacheSeconds": 300,
    }


def test_it_cleans_hostile_text_in_json():
    data = badge_json(label="</script>\u202e", message='"x', colour="javascript:alert(1)")
    assert data["label"] == "</script>"
    assert data["color"] == NEUTRAL_COLOUR.lstrip("#")
    json.dumps(data)
