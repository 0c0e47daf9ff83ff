"""An article's page: a tally by verdict, filters, a search, anchors and named links."""

from __future__ import annotations

import pytest

from claims.models import Article
from tests.public.conftest import HOSTILE
from tests.public.test_pages import page


@pytest.fixture
def three_claims(make_reviewable, publish):
    accurate = publish(make_reviewable(restatement="Youth unemployment rose to 18.9%."))
    also = publish(make_reviewable(restatement="The K visa took effect on 1 October."))
    wrong = publish(
        make_reviewable(restatement="Graduates numbered 11.58 million in 2025."), "inaccurate"
    )
    return accurate, also, wrong


def listed(body: str) -> str:
    return body.split('<ol class="claims">')[1].split("</ol>")[0]


class TestArticleTally:
    def test_it_counts_the_claims_by_verdict(self, client, three_claims):
        body = page(client, "/articles/k-visa/")
        tally = body.split('<nav class="tally"')[1].split("</nav>")[0]
        everything = '<a href="/articles/k-visa/" aria-current="true">All <span class="count">3'
        assert everything in tally
        assert 'href="/articles/k-visa/?verdict=accurate">' in tally
        assert 'Accurate <span class="count">2</span>' in tally
        assert 'Inaccurate <span class="count">1</span>' in tally

    def test_it_filters_by_verdict(self, client, three_claims):
        body = page(client, "/articles/k-visa/", data={"verdict": "inaccurate"})
        assert "Graduates numbered" in listed(body)
        assert "Youth unemployment" not in listed(body)
        assert "Showing 1 claim of 3." in body
        assert 'href="/articles/k-visa/?verdict=inaccurate" aria-current="true"' in body

    def test_an_unknown_verdict_shows_nothing_and_says_so(self, client, three_claims):
        body = page(client, "/articles/k-visa/", data={"verdict": "<b>nope</b>"})
        assert "No claim in this article matches." in body
        assert "<b>nope</b>" not in body


class TestArticleSearch:
    def test_it_keeps_the_claims_holding_every_word(self, client, three_claims):
        body = page(client, "/articles/k-visa/", data={"q": "k VISA october"})
        assert "The K visa took effect" in listed(body)
        assert "Youth unemployment" not in listed(body)
        assert 'value="k VISA october"' in body

    def test_it_searches_within_a_verdict(self, client, three_claims):
        body = page(client, "/articles/k-visa/", data={"q": "visa", "verdict": "inaccurate"})
        assert "No claim in this article matches." in body
        assert '<input type="hidden" name="verdict" value="inaccurate">' in body

    def test_it_escapes_a_hostile_search(self, client, three_claims):
        body = page(client, "/articles/k-visa/", data={"q": HOSTILE})
        assert "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body

    def test_the_filtered_pages_still_carry_the_language(self, client, three_claims):
        body = page(client, "/articles/k-visa/", data={"q": "visa", "lang": "zh-hant"})
        assert '<input type="hidden" name="lang" value="zh-hant">' in body
        assert 'href="/articles/k-visa/?q=visa&amp;lang=zh-hant&amp;verdict=accurate"' in body


class TestArticleLinks:
    def test_each_claim_has_an_anchor(self, client, three_claims):
        body = page(client, "/articles/k-visa/")
        for claim in three_claims:
            assert f'<li id="claim-{claim.public_id}">' in body
            assert f'href="#claim-{claim.public_id}"' in body

    def test_each_full_check_link_names_its_claim(self, client, three_claims):
        body = page(client, "/articles/k-visa/")
        assert (
            'aria-label="Read the full fact check: Youth unemployment rose to 18.9%.">'
            "Read the full fact check</a>"
        ) in body

    def test_a_hostile_claim_cannot_break_out_of_its_link_name(self, client, hostile_claim):
        body = page(client, "/articles/k-visa/")
        assert 'aria-label="Read the full fact check: &lt;/text&gt;&lt;script&gt;' in body

    def test_it_links_the_original_article(self, client, three_claims):
        Article.objects.filter(slug="k-visa").update(url="https://theinitium.com/k-visa")
        body = page(client, "/articles/k-visa/")
        assert (
            '<a href="https://theinitium.com/k-visa" rel="noopener noreferrer">'
            "Read the original article</a>"
        ) in body
