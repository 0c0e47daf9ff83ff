"""The iframe card, oEmbed, the script loader's data and the script itself."""

from __future__ import annotations

import json
import re

import pytest

from claims import workflow
from claims.models import ClaimStatus
from tests.public.conftest import HOSTILE

pytestmark = pytest.mark.django_db


class TestEmbedCard:
    def test_it_shows_verdict_quote_ruling_and_link(self, client, published_claim):
        response = client.get(f"/embed/{published_claim.public_id}/")
        assert response.status_code == 200
        body = response.content.decode()
        assert "8月16-24歲青年失業率升至18.9%" in body
        assert "The NBS release gives 18.9%." in body
        assert f'href="/claims/{published_claim.public_id}/?lang=en"' in body
        assert 'target="_blank" rel="noopener"' in body

    def test_it_may_be_framed_by_any_site(self, client, published_claim):
        response = client.get(f"/embed/{published_claim.public_id}/")
        assert "X-Frame-Options" not in response
        assert "frame-ancestors *" in response["Content-Security-Policy"]
        # One script, our own file, which tells the framing page the card's height.
        assert "script-src 'self';" in response["Content-Security-Policy"]
        assert "unsafe-inline" not in response["Content-Security-Policy"]

    def test_every_other_page_refuses_framing(self, client, published_claim):
        response = client.get(f"/claims/{published_claim.public_id}/")
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]

    def test_it_speaks_traditional_chinese(self, client, published_claim):
        body = client.get(f"/embed/{published_claim.public_id}/", {"lang": "zh-Hant"}).content
        assert "閱讀完整查核報告" in body.decode()
        assert 'alt="事實查核: 正確"' in body.decode()

    def test_an_unpublished_claim_is_not_found(self, client, make_claim):
        draft = make_claim(status=ClaimStatus.REVIEW, ruling="Secret draft ruling")
        response = client.get(f"/embed/{draft.public_id}/")
        assert response.status_code == 404
        assert b"Secret draft ruling" not in response.content
        assert b"This fact check was not found." in response.content

    def test_a_withdrawn_claim_shows_only_the_notice(self, client, published_claim, withdraw):
        withdraw(published_claim)
        body = client.get(f"/embed/{published_claim.public_id}/").content.decode()
        assert "This fact check was withdrawn." in body
        assert "The NBS release" not in body
        assert "18.9" not in body

    def test_it_escapes_hostile_text(self, client, hostile_claim):
        body = client.get(f"/embed/{hostile_claim.public_id}/").content.decode()
        assert body.count("<script") == 1
        assert '<script src="/static/public/card-height.js"></script>' in body
        assert '"onload=' not in body
        assert "&lt;/text&gt;&lt;script&gt;" in body


class TestEmbedData:
    def test_it_gives_the_script_what_it_shows(self, client, published_claim):
        response = client.get(f"/embed/{published_claim.public_id}.json")
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        data = response.json()
        assert data["alt"] == "fact check: Accurate"
        assert data["ruling"] == "The NBS release gives 18.9%."
        assert data["url"] == f"/claims/{published_claim.public_id}/?lang=en"
        assert data["badge"] == f"/badge/{published_claim.public_id}.svg?lang=en"

    def test_it_gives_the_chinese_ruling(self, client, published_claim):
        published_claim.ruling_zh_hant = "國家統計局公布的數字是18.9%。"
        with workflow.unrecorded_writes(published_claim.pk):  # test data, not an edit
            published_claim.save()
        data = client.get(f"/embed/{published_claim.public_id}.json", {"lang": "zh-hant"}).json()
        assert data["ruling"] == "國家統計局公布的數字是18.9%。"
        assert data["message"] == "正確"

    def test_a_draft_gives_nothing_away(self, client, make_claim, verdicts):
        draft = make_claim(verdict=verdicts["inaccurate"], ruling="Secret draft ruling")
        response = client.get(f"/embed/{draft.public_id}.json")
        assert response.status_code == 404
        data = response.json()
        assert data["status"] == "not-found"
        assert "Secret" not in response.content.decode()
        assert data["colour"] == "#6e7781"

    def test_a_withdrawn_claim_has_no_ruling(self, client, published_claim, withdraw):
        withdraw(published_claim)
        data = client.get(f"/embed/{published_claim.public_id}.json").json()
        assert data["message"] == "withdrawn"
        assert data["ruling"] == "This fact check was withdrawn."


class TestOEmbed:
    def url(self, claim, host="testserver") -> str:
        return f"http://{host}/claims/{claim.public_id}/"

    def test_it_describes_a_rich_iframe(self, client, published_claim):
        response = client.get("/oembed/", {"url": self.url(published_claim), "format": "json"})
        assert response.status_code == 200
        data = response.json()
        assert data["version"] == "1.0"
        assert data["type"] == "rich"
        assert (data["width"], data["height"]) == (480, 240)
        assert data["provider_name"] == "Claim Registry"
        assert data["title"].startswith("Accurate: China's youth unemployment")
        src = f"http://testserver/embed/{published_claim.public_id}/?lang=en"
        assert data["html"].startswith(f'<iframe src="{src}" width="480" height="240"')

    def test_format_defaults_to_json(self, client, published_claim):
        assert client.get("/oembed/", {"url": self.url(published_claim)}).status_code == 200

    def test_width_and_height_obey_the_maximums(self, client, published_claim):
        data = client.get(
            "/oembed/", {"url": self.url(published_claim), "maxwidth": 300, "maxheight": "120"}
        ).json()
        assert (data["width"], data["height"]) == (300, 120)
        assert 'width="300" height="120"' in data["html"]

    @pytest.mark.parametrize(("most", "given"), [((10, 10), (240, 120)), ((1, 500), (240, 240))])
    def test_tiny_maximums_are_clamped_to_a_readable_card(
        self, client, published_claim, most, given
    ):
        data = client.get(
            "/oembed/",
            {"url": self.url(published_claim), "maxwidth": most[0], "maxheight": most[1]},
        ).json()
        assert (data["width"], data["height"]) == given
        assert f'width="{given[0]}" height="{given[1]}"' in data["html"]

    def test_larger_maximums_keep_the_natural_size(self, client, published_claim):
        data = client.get(
            "/oembed/", {"url": self.url(published_claim), "maxwidth": 2000, "maxheight": 900}
        ).json()
        assert (data["width"], data["height"]) == (480, 240)

    def test_the_embed_url_also_resolves(self, client, published_claim):
        url = f"http://testserver/embed/{published_claim.public_id}/"
        assert client.get("/oembed/", {"url": url}).status_code == 200

    def test_an_unsupported_format_is_501(self, client, published_claim):
        response = client.get("/oembed/", {"url": self.url(published_claim), "format": "xml"})
        assert response.status_code == 501
        assert response.json() == {
            "status": 501,
            "code": "not_implemented",
            "message": "Only the json format is supported.",
            "errors": {"format": ["Only the json format is supported."]},
        }

    def test_a_missing_url_is_400(self, client, db):
        response = client.get("/oembed/")
        assert response.status_code == 400
        assert response.json()["code"] == "invalid"
        assert response.json()["errors"] == {"url": ["The url parameter is required."]}

    @pytest.mark.parametrize("value", ["0", "-5", "abc", "1.5", "99999999"])
    def test_a_bad_maxwidth_is_400(self, client, published_claim, value):
        response = client.get("/oembed/", {"url": self.url(published_claim), "maxwidth": value})
        assert response.status_code == 400
        assert response.json()["errors"] == {
            "maxwidth": ["maxwidth must be a positive whole number."]
        }

    def test_a_bad_maxheight_is_400(self, client, published_claim):
        response = client.get("/oembed/", {"url": self.url(published_claim), "maxheight": "x"})
        assert response.status_code == 400
        assert response.json()["errors"] == {
            "maxheight": ["maxheight must be a positive whole number."]
        }

    def test_an_overlong_url_is_400(self, client, db):
        assert client.get("/oembed/", {"url": "http://testserver/" + "a" * 3000}).status_code == 400

    @pytest.mark.parametrize(
        "url",
        [
            "http://testserver/claims/zzzzzzzz/",
            "http://evil.example/claims/{id}/",
            "javascript:alert(1)//testserver/claims/{id}/",
            "http://testserver/corrections/",
            "http://testserver/badge/{id}.svg",
            "not a url",
        ],
    )
    def test_an_unknown_url_is_404(self, client, published_claim, url):
        response = client.get("/oembed/", {"url": url.format(id=published_claim.public_id)})
        assert response.status_code == 404
        assert response.json()["message"] == "No published fact check has this URL."
        assert response.json()["code"] == "not_found"

    def test_a_draft_is_404(self, client, make_claim):
        draft = make_claim()
        response = client.get("/oembed/", {"url": self.url(draft)})
        assert response.status_code == 404

    def test_it_escapes_hostile_text_in_the_html(self, client, hostile_claim):
        data = client.get("/oembed/", {"url": self.url(hostile_claim)}).json()
        assert "<script" not in data["html"]
        assert data["html"].count("<") == 2  # <iframe …> and </iframe>
        assert re.search(r'title="Inaccurate: &lt;/text&gt;&lt;script&gt;', data["html"])
        assert '"onload=' not in data["html"]

    def test_it_answers_in_chinese_for_a_chinese_reader(self, client, published_claim):
        data = client.get(
            "/oembed/", {"url": self.url(published_claim)}, HTTP_ACCEPT_LANGUAGE="zh-Hant"
        ).json()
        assert data["title"].startswith("正確:")
        assert "?lang=zh-hant" in data["html"]

    def test_a_lang_in_the_pasted_url_wins(self, client, published_claim, withdraw):
        url = self.url(published_claim) + "?lang=zh-hant"
        assert client.get("/oembed/", {"url": url}).json()["title"].startswith("正確:")
        withdraw(published_claim)
        assert client.get("/oembed/", {"url": url}).json()["title"] == "已撤回的查核"


class TestBadgeScript:
    def test_it_serves_the_loader_with_both_languages_built_in(self, client, db):
        response = client.get("/badge.js")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/javascript; charset=utf-8"
        body = response.content.decode()
        assert "__STRINGS__" not in body
        strings = json.loads(re.search(r"var STRINGS = (\{.*?\}\});", body).group(1))
        assert strings == {"en": {"fallback": "Fact check"}, "zh-hant": {"fallback": "事實查核"}}

    def test_it_never_writes_html_from_data(self, client, db):
        body = client.get("/badge.js").content.decode()
        assert "innerHTML" not in body
        assert "eval(" not in body and "new Function" not in body
        assert "textContent" in body

    def test_it_answers_304_to_its_etag(self, client, db):
        etag = client.get("/badge.js")["ETag"]
        assert client.get("/badge.js", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_hostile_constant_really_is_hostile():
    assert "</script>" in HOSTILE and "\u202e" in HOSTILE


class TestVeryLongText:
    @pytest.fixture
    def long_claim(self, make_claim, source, publish):
        from claims.models import Evidence

        claim = make_claim(
            status=ClaimStatus.REVIEW,
            quote="引" * 4000,
            restatement="R" * 4000,
            ruling="x" * 4000,
        )
        Evidence.objects.create(claim=claim, source=source, role="supports", seen=True)
        return publish(claim, "misleading")

    def test_the_card_cuts_long_text(self, client, long_claim):
        body = client.get(f"/embed/{long_claim.public_id}/").content.decode()
        assert "引" * 279 + "…" in body
        assert "x" * 200 not in body

    def test_oembed_cuts_the_title(self, client, long_claim):
        data = client.get(
            "/oembed/", {"url": f"http://testserver/claims/{long_claim.public_id}/"}
        ).json()
        assert len(data["title"]) < 200

    def test_the_badge_is_unaffected(self, client, long_claim):
        response = client.get(f"/badge/{long_claim.public_id}.svg")
        assert response.status_code == 200
        assert len(response.content) < 3000
