"""Chinese pages in Chinese: every label, the correction log, and English marked as English."""

from __future__ import annotations

from django.utils.html import escape

from claims.models import Claim, VerdictChange, VerdictChangeKind
from tests.public.test_pages import page


def log_of(body: str) -> str:
    return body.split('<ol class="log">')[1].split("</ol>")[0]


class TestCorrectionLogInChinese:
    def test_publishing_writes_the_default_note_in_both_languages(self, published_claim):
        first = VerdictChange.objects.get(claim=published_claim, kind=VerdictChangeKind.PUBLISHED)
        assert (first.reason, first.reason_zh_hant) == ("First published.", "首次發布。")

    def test_it_says_first_published_in_chinese(self, client, published_claim):
        body = page(client, f"/claims/{published_claim.public_id}/?lang=zh-hant")
        assert '<span lang="zh-Hant">首次發布。</span>' in log_of(body)
        assert "First published." not in body

    def test_it_says_it_in_chinese_for_an_entry_logged_before_too(self, client, published_claim):
        VerdictChange.objects.filter(claim=published_claim).update(reason_zh_hant="")
        body = page(client, f"/claims/{published_claim.public_id}/?lang=zh-hant")
        assert "首次發布。" in log_of(body)
        assert "First published." not in body

    def test_an_untranslated_reason_is_marked_as_english(
        self, client, published_claim, change_verdict
    ):
        change_verdict(published_claim, "misleading", reason="The base period was wrong.")
        body = page(client, f"/claims/{published_claim.public_id}/?lang=zh-hant")
        assert '<span lang="en">The base period was wrong.</span>' in log_of(body)
        corrections = page(client, "/corrections/?lang=zh-hant")
        assert '<span lang="en">The base period was wrong.</span>' in corrections


class TestEnglishMarkedOnChinesePages:
    def test_the_chinese_restatement_is_the_heading(self, client, published_claim):
        body = page(client, f"/claims/{published_claim.public_id}/?lang=zh-hant")
        assert f'<h1 lang="zh-Hant">{escape(published_claim.restatement_zh)}</h1>' in body

    def test_a_restatement_without_translation_is_marked_as_english(self, client, published_claim):
        # A claim published before restatements had a Chinese field.
        Claim.objects.filter(pk=published_claim.pk).update(restatement_zh="")
        body = page(client, f"/claims/{published_claim.public_id}/?lang=zh-hant")
        assert f'<h1 lang="en">{escape(published_claim.restatement)}</h1>' in body

    def test_a_ruling_without_translation_is_marked_as_english(self, client, published_claim):
        body = page(client, f"/claims/{published_claim.public_id}/?lang=zh-hant")
        assert '<p class="ruling" lang="en">The NBS release gives 18.9%.</p>' in body
        article = page(client, "/?lang=zh-hant")
        assert '<p class="ruling" lang="en">The NBS release gives 18.9%.</p>' in article

    def test_a_translated_ruling_is_marked_as_chinese(self, client, make_reviewable, publish):
        claim = make_reviewable(ruling_zh_hant="國家統計局公布的數字是18.9%。")
        publish(claim)
        body = page(client, f"/claims/{claim.public_id}/?lang=zh-hant")
        assert '<p class="ruling" lang="zh-Hant">國家統計局公布的數字是18.9%。</p>' in body


class TestChineseLabels:
    def test_the_article_page_speaks_chinese(self, client, published_claim):
        body = page(client, "/?lang=zh-hant")
        for label in ("本文的查核結論", "全部", "搜尋本文的說法", "閱讀完整查核報告"):
            assert label in body
        for english in ("Search these claims", "Read the full fact check", "All <span"):
            assert english not in body
