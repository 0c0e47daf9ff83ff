"""A language chosen with `?lang=` is carried by every link to our pages, never by a cookie."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.archive.helpers import stored_capture
from tests.public.test_pages import page

ATOM = "application/atom+xml"


class OurLinks(HTMLParser):
    """The addresses of our own pages that a page links to, and the hidden fields of its forms."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.hidden: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        href = attrs.get("href") or ""
        feed = tag == "link" and attrs.get("rel") == "alternate" and attrs.get("type") == ATOM
        # The switcher's links (hreflang) are the ones that change the language.
        if (tag == "a" and "hreflang" not in attrs or feed) and _ours(href):
            self.hrefs.append(href)
        if tag == "input" and attrs.get("type") == "hidden":
            self.hidden[attrs["name"]] = attrs.get("value", "")


def _ours(href: str) -> bool:
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc and parts.path.startswith("/")


def links(body: str) -> OurLinks:
    parser = OurLinks()
    parser.feed(body)
    assert parser.hrefs, "the page links to none of our pages"
    return parser


def langs(href: str) -> list[str]:
    return parse_qs(urlsplit(href).query).get("lang", [])


@pytest.fixture
def site(make_reviewable, publish, change_verdict, withdraw, source, monkeypatch):
    """An article: a published, a corrected and a withdrawn claim; a source copy; two log pages."""
    monkeypatch.setattr("public.views.pages.CORRECTIONS_PER_PAGE", 1)
    shown = publish(make_reviewable(restatement="Youth unemployment rose to 18.9%."))
    change_verdict(
        publish(make_reviewable(restatement="Graduates numbered 11.58 million.")), "inaccurate"
    )
    withdraw(publish(make_reviewable(restatement="The K visa took effect on 1 October.")))
    capture = stored_capture(source, b"<html><body><p>18.9%</p></body></html>")
    return shown, capture


def pages_of(site) -> list[str]:
    claim, capture = site
    return [
        "/",
        "/articles/k-visa/",
        "/articles/k-visa/?verdict=accurate&q=18.9",
        f"/claims/{claim.public_id}/",
        "/corrections/",
        "/corrections/?page=2",
        "/methodology/",
        f"/archive/{capture.key}/",
    ]


class TestChosenLanguage:
    def test_every_link_to_our_pages_keeps_it(self, client, site):
        for url in pages_of(site):
            joined = "&" if "?" in url else "?"
            found = links(page(client, f"{url}{joined}lang=zh-hant"))
            for href in found.hrefs:
                assert langs(href) == ["zh-hant"], (url, href)

    def test_the_links_cover_claims_articles_feeds_copies_and_pages(self, client, site):
        claim, capture = site
        hrefs = links(page(client, "/?lang=zh-hant")).hrefs
        hrefs += links(page(client, f"/claims/{claim.public_id}/?lang=zh-hant")).hrefs
        hrefs += links(page(client, "/corrections/?lang=zh-hant")).hrefs
        paths = {urlsplit(href).path for href in hrefs}
        assert f"/claims/{claim.public_id}/" in paths
        assert {"/articles/k-visa/", "/corrections/", "/methodology/"} <= paths
        assert {"/corrections/feed/", "/articles/k-visa/corrections/feed/"} <= paths
        assert f"/archive/{capture.key}/" in paths
        queries = [parse_qs(urlsplit(href).query) for href in hrefs]
        assert {"page": ["2"], "lang": ["zh-hant"]} in queries

    def test_a_link_with_a_query_keeps_both(self, client, site):
        hrefs = links(page(client, "/articles/k-visa/?q=18.9&lang=zh-hant")).hrefs
        assert "/articles/k-visa/?q=18.9&lang=zh-hant&verdict=accurate" in hrefs
        shown_all = [href for href in hrefs if urlsplit(href).path == "/articles/k-visa/"]
        for href in shown_all:
            assert parse_qs(urlsplit(href).query)["lang"] == ["zh-hant"]

    def test_the_search_form_carries_it(self, client, site):
        found = links(page(client, "/articles/k-visa/?verdict=accurate&lang=zh_Hant"))
        assert found.hidden == {"verdict": "accurate", "lang": "zh-hant"}

    def test_english_chosen_is_kept_too(self, client, site):
        body = page(client, "/corrections/?lang=en", headers={"accept-language": "zh-TW"})
        for href in links(body).hrefs:
            assert langs(href) == ["en"], href

    def test_the_switcher_still_offers_both(self, client, site):
        body = page(client, "/articles/k-visa/?q=18.9&lang=zh-hant")
        assert 'href="/articles/k-visa/?q=18.9&amp;lang=en" hreflang="en"' in body
        assert 'href="/articles/k-visa/?q=18.9&amp;lang=zh-hant" hreflang="zh-Hant"' in body

    def test_no_cookie_remembers_it(self, client, site):
        response = client.get("/?lang=zh-hant")
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")


class TestNoChosenLanguage:
    def test_links_stay_plain(self, client, site):
        for url in pages_of(site):
            found = links(page(client, url))
            for href in found.hrefs:
                assert not langs(href), (url, href)
            assert "lang" not in found.hidden

    def test_links_stay_plain_for_a_chinese_browser_but_the_feed_keeps_chinese(self, client, site):
        body = page(client, "/corrections/", headers={"accept-language": "zh-TW"})
        for href in links(body).hrefs:
            expected = ["zh-hant"] if href.startswith("/corrections/feed/") else []
            assert langs(href) == expected, href

    @pytest.mark.parametrize(
        "hostile",
        ['"><script>alert(1)</script>', "zh-hant'onmouseover=alert(1)", "fr", "%00", ""],
    )
    def test_a_hostile_lang_is_ignored(self, client, site, hostile):
        body = page(client, "/articles/k-visa/", data={"lang": hostile, "q": "18.9"})
        found = links(body)
        for href in found.hrefs:
            assert not langs(href), href
        assert "lang" not in found.hidden
        assert "alert(1)" not in body


@pytest.mark.django_db
def test_the_empty_registry_keeps_it_too(client):
    hrefs = links(page(client, "/?lang=zh-hant")).hrefs
    assert "/methodology/?lang=zh-hant" in hrefs
    assert all(langs(href) == ["zh-hant"] for href in hrefs), hrefs
