"""The API's documentation in real headless Chromium: Swagger UI draws every operation under its
strict Content-Security-Policy, and the browser reports no blocked script, style or request."""

from __future__ import annotations

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_swagger_ui_works_under_its_policy(watched_page, live_server):
    # Every violation is reported to the page as an event, besides the console message.
    watched_page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
        "e.violatedDirective + ' ' + e.blockedURI));"
    )
    response = watched_page.goto(f"{live_server.url}/api/docs/")
    policy = response.headers["content-security-policy"]
    assert "'nonce-" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    # The operations are drawn from the schema, fetched by the inline script.
    expect(watched_page.locator(".opblock").first).to_be_visible(timeout=15_000)
    assert watched_page.locator(".opblock").count() > 20
    expect(watched_page.locator(".info .title")).to_contain_text("Claim Registry API")
    # Opening an operation renders its parameters and responses.
    watched_page.locator(".opblock-summary").first.click()
    expect(watched_page.locator(".opblock-body").first).to_be_visible()
    assert watched_page.evaluate("window.__violations") == []
    assert watched_page.problems == []
