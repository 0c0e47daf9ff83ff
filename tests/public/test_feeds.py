"""Atom feeds of the correction log: all of it and per article, in English and Chinese."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.public.conftest import HOSTILE
from tests.public.test_pages import page

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, url: str, **params) -> ET.Element:
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)  # noqa: S314 (our own output, under test)


def titles(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def corrected(published_claim, change_verdict):
    return change_verdict(published_claim, "misleading", reason="The base period was wrong.")


class TestCorrectionsFeed:
    def test_it_lists_each_correction_with_its_reason(self, client, corrected):
        root = feed(client, "/corrections/feed/")
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
        entry = next(root.iter(f"{ATOM}entry"))
        assert entry.findtext(f"{ATOM}title") == (
            "China's youth unemployment rate rose to 18.9% in August 2025.: Accurate → Misleading"
        )
        assert entry.findtext(f"{ATOM}summary") == "The base period was wrong."
        link = entry.find(f"{ATOM}link").get("href")
        assert link == f"http://testserver/claims/{corrected.public_id}/"
        assert entry.findtext(f"{ATOM}id").startswith(f"{link}#change-")

    def test_it_leaves_out_first_publications(self, client, published_claim):
        assert titles(feed(client, "/corrections/feed/")) == []

    def test_it_speaks_chinese_when_asked(self, client, corrected):
        root = feed(client, "/corrections/feed/", lang="zh-hant")
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hant"
        assert root.findtext(f"{ATOM}title") == "更正紀錄 · 事實查核登錄系統"
        assert titles(root)[0].endswith(": 正確 → 易生誤解")
        entry_link = next(root.iter(f"{ATOM}entry")).find(f"{ATOM}link").get("href")
        assert entry_link.endswith("?lang=zh-hant")

    def test_it_says_a_withdrawal(self, client, corrected, withdraw):
        withdraw(corrected, reason="We could not stand behind it.")
        assert titles(feed(client, "/corrections/feed/"))[0] == "Withdrawn fact check: withdrawn"

    def test_it_keeps_hostile_text_as_text(self, client, hostile_claim, change_verdict):
        change_verdict(hostile_claim, "misleading", reason=HOSTILE)
        response = client.get("/corrections/feed/")
        assert b"<script>" not in response.content
        root = ET.fromstring(response.content)  # noqa: S314 (our own output, under test)
        entry = next(root.iter(f"{ATOM}entry"))
        assert entry.findtext(f"{ATOM}summary") == HOSTILE


class TestArticleCorrectionsFeed:
    def test_it_lists_the_articles_corrections(self, client, corrected):
        root = feed(client, "/articles/k-visa/corrections/feed/")
        assert len(titles(root)) == 1
        assert root.findtext(f"{ATOM}title").startswith("Corrections to our fact checks of “")

    def test_an_unknown_article_has_no_feed(self, client, corrected):
        assert client.get("/articles/nope/corrections/feed/").status_code == 404


class TestFeedLinks:
    def test_the_corrections_page_links_its_feed(self, client, corrected):
        body = page(client, "/corrections/?lang=zh-hant")
        assert (
            '<link rel="alternate" type="application/atom+xml" '
            'href="/corrections/feed/?lang=zh-hant" title="更正紀錄 (Atom)">'
        ) in body

    def test_the_article_page_links_its_feed(self, client, corrected):
        body = page(client, "/articles/k-visa/")
        assert 'type="application/atom+xml" href="/articles/k-visa/corrections/feed/"' in body
