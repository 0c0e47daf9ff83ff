"""The public pages of the shipped article in headless Chromium, on a phone and a desktop."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from claims.models import Claim, ClaimStatus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE, DESKTOP = 375, 1280

# Latin words and figures that a line break must not split; Chinese may break between any two
# characters, as it is written.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('main th, main td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[A-Za-z0-9$%][A-Za-z0-9$%.,'’]*/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""

SCROLLING = """() => [document.documentElement, ...document.querySelectorAll('.table-wrap, pre')]
  .filter((box) => box.scrollWidth > box.clientWidth + 1)
  .map((box) => box.tagName + '.' + box.className + ' ' + box.scrollWidth)"""


@pytest.fixture
def shipped():
    call_command("load_article", stdout=StringIO())
    public = Claim.objects.filter(status=ClaimStatus.PUBLISHED).select_related("verdict")
    one_per_verdict = {claim.verdict.code: claim for claim in public.order_by("-id")}
    return list(one_per_verdict.values())


def public_pages(claims) -> list[str]:
    pages = ["/", "/?verdict=inaccurate&q=graduates", "/corrections/", "/methodology/"]
    pages += [f"/claims/{claim.public_id}/" for claim in claims]
    return pages + [f"{path}?lang=zh-hant" for path in pages]


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_no_public_page_scrolls_sideways_or_breaks_a_word(chromium, live_server, shipped, width):
    page = chromium.new_page(viewport={"width": width, "height": 800})
    problems = {}
    for path in public_pages(shipped):
        page.goto(live_server.url + path)
        scrolling, broken = page.evaluate(SCROLLING), page.evaluate(BROKEN_WORDS)
        if scrolling or broken:
            problems[path] = {"scrolls": scrolling, "broken words": broken}
    assert problems == {}
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_reader_searches_an_article_and_opens_a_named_check(chromium, live_server, shipped):
    claim = next(claim for claim in shipped if claim.verdict.code == "inaccurate")
    page = chromium.new_page(viewport={"width": PHONE, "height": 800})
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Inaccurate").click()
    page.get_by_label("Search these claims").fill(claim.restatement.split()[1])
    page.get_by_role("button", name="Search").click()
    assert "verdict=inaccurate" in page.url
    link = page.get_by_role("link", name=f"Read the full fact check: {claim.restatement}")
    link.click()
    page.wait_for_url(f"**/claims/{claim.public_id}/")
