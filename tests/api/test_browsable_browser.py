"""The browsable API in real headless Chromium: DRF's page draws under its policy, with no
blocked script, style or request."""

from __future__ import annotations

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_claim_list_is_a_page_in_a_browser(watched_page, live_server, registry):
    watched_page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
        "e.violatedDirective + ' ' + e.blockedURI));"
    )
    response = watched_page.goto(f"{live_server.url}/api/v1/claims/")
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self';" in response.headers["content-security-policy"]
    expect(watched_page.locator(".response-info")).to_contain_text(registry["youth"].public_id)
    # DRF's own scripts load and run under the policy: jQuery and Bootstrap's plugins.
    watched_page.wait_for_load_state("load")
    assert watched_page.evaluate("typeof window.jQuery === 'function' && typeof jQuery.fn.tooltip")
    assert watched_page.evaluate("window.__violations") == []
    assert watched_page.problems == []
