"""The matcher's pair score and the reason it gives, in English and Traditional Chinese."""

from __future__ import annotations

from django.utils import translation

from elsewhere.fingerprint import from_text
from elsewhere.matching import MATCH_THRESHOLD, Checked, score_pair


def checked(text: str) -> Checked:
    return Checked((text,), from_text(text))


def test_the_same_figure_across_languages_matches_and_says_why():
    score, reasons = score_pair(
        checked("2023年應屆畢業生達1158萬人"), checked("11.58 million graduates in 2023")
    )
    assert score >= MATCH_THRESHOLD
    assert [str(reason) for reason in reasons] == ["same figure: 11.58 million people, 2023"]
    with translation.override("zh-hant"):
        assert str(reasons[0]) == "數字相同:1,158萬人,2023"


def test_the_same_figure_in_indian_numbering_matches():
    score, reasons = score_pair(
        checked("2023年應屆畢業生達1158萬人"), checked("1.158 crore graduates in 2023")
    )
    assert score >= MATCH_THRESHOLD
    assert str(reasons[0]).startswith("same figure: 11.58 million")


def test_similar_wording_alone_says_so():
    score, reasons = score_pair(
        checked("China launched the Thousand Talents Plan in 2008."),
        checked("The Thousand Talents Plan launched in 2008."),
    )
    assert score >= MATCH_THRESHOLD
    assert [str(reason) for reason in reasons] == ["similar wording"]
    with translation.override("zh-hant"):
        assert str(reasons[0]) == "用語相似"


def test_the_same_words_about_another_figure_do_not_match():
    score, reasons = score_pair(
        checked("今年應屆畢業生人數達到1158萬"), checked("今年應屆畢業生人數達到1076萬")
    )
    assert score < MATCH_THRESHOLD
    assert [str(reason) for reason in reasons] == ["similar wording, but a different figure"]
    with translation.override("zh-hant"):
        assert str(reasons[0]) == "用語相似,但數字不同"


def test_a_bare_round_number_alone_is_not_enough():
    score, _ = score_pair(checked("逾14萬港人移居海外"), checked("吸納十萬名人才"))
    assert score < MATCH_THRESHOLD
