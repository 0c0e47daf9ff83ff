"""axe-core in headless Chromium: no accessibility violation of any impact on what we serve.

axe-core comes from the npm registry, pinned with a lockfile in tests/axe (`npm ci` there).
"""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from claims.models import Claim, ClaimStatus
from tests.chromium import sign_in
from tests.public.test_badge_script_browser import PublisherSite

AXE = Path(__file__).resolve().parents[1] / "axe/node_modules/axe-core/axe.min.js"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIOLATIONS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.length}× ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
}"""

NAMED = "() => !document.querySelector('.select2-selection:not([aria-label])')"

PUBLISHER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A publisher's story</title></head>
<body><main><h1>A publisher's story</h1>
<p>Youth unemployment <span data-claim="{first}">rose to 18.9% in August</span>.</p>
<iframe id="card" src="{origin}/embed/{first}/" width="480" height="240"
  title="Fact check"></iframe>
<script src="{origin}/badge.js" defer></script></main></body></html>
"""


@pytest.fixture
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: run `npm ci` in tests/axe")
        pytest.skip("axe-core is not installed (npm ci in tests/axe)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def shipped():
    call_command("load_article", stdout=StringIO())
    public = Claim.objects.filter(status=ClaimStatus.PUBLISHED).select_related("verdict")
    return {claim.verdict.code: claim for claim in public.order_by("-id")}


@pytest.fixture
def axe_page(chromium, axe_source):
    # Our pages' policy runs no script; the checker's own is let in, nothing else changes.
    context = chromium.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    page = context.new_page()

    def violations(url: str | None = None) -> list[str]:
        if url:
            page.goto(url)
        page.add_script_tag(content=axe_source)
        return page.evaluate(VIOLATIONS)

    page.violations = violations
    yield page
    context.close()


def test_the_public_pages_have_no_violations(axe_page, live_server, shipped):
    paths = ["/", "/corrections/", "/methodology/", "/?verdict=inaccurate"]
    paths += [f"/claims/{claim.public_id}/" for claim in shipped.values()]
    paths += [f"{path}?lang=zh-hant" for path in ("/", "/corrections/")]
    first = next(iter(shipped.values()))
    paths += [f"/embed/{first.public_id}/", f"/embed/{first.public_id}/?lang=zh-hant"]
    found = {path: axe_page.violations(live_server.url + path) for path in paths}
    assert {path: problems for path, problems in found.items() if problems} == {}


def test_a_publishers_page_with_the_badge_popover_open_has_none(axe_page, live_server, shipped):
    first = next(iter(shipped.values()))
    page = PUBLISHER_PAGE.format(origin=live_server.url, first=first.public_id)
    site = PublisherSite(page, "default-src *")
    try:
        axe_page.goto(site.url)
        axe_page.locator(".claim-registry-badge button").click()
        axe_page.locator(".claim-registry-badge .pop").wait_for(state="visible")
        assert axe_page.violations() == []
    finally:
        site.close()


def test_the_claim_desk_has_no_violations(axe_page, live_server, shipped, fact_checker):
    sign_in(axe_page, live_server.url, fact_checker)
    claim = next(iter(shipped.values()))
    paths = [
        "/admin/claims/claim/",
        f"/admin/claims/claim/{claim.pk}/change/",
        "/admin/claims/claim/add/",
    ]
    found = {}
    for path in paths:
        axe_page.goto(live_server.url + path)
        # The autocomplete boxes are drawn by the page's scripts once it has loaded.
        axe_page.wait_for_function(NAMED)
        found[path] = axe_page.violations()
    assert {path: problems for path, problems in found.items() if problems} == {}


def test_the_sign_in_page_has_no_violations(axe_page, live_server, db):
    assert axe_page.violations(live_server.url + "/admin/login/") == []
