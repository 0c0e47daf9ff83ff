"""The API's documentation in real headless Chromium: Swagger UI draws every operation under its
strict Content-Security-Policy, and the browser reports no blocked script, style or request."""

from __future__ import annotations

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def page(chromium):
    """A page in the shared headless Chromium (tests/chromium.py) that records problems."""
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    yield page
    page.close()


def test_swagger_ui_works_under_its_policy(page, live_server):
    # Every violation is reported to the page as an event, besides the console message.
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
        "e.violatedDirective + ' ' + e.blockedURI));"
    )
    response = page.goto(f"{live_server.url}/api/docs/")
    policy = response.headers["content-security-policy"]
    assert "'nonce-" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    # The operations are drawn from the schema, fetched by the inline script.
    expect(page.locator(".opblock").first).to_be_visible(timeout=15_000)
    assert page.locator(".opblock").count() > 20
    expect(page.locator(".info .title")).to_contain_text("Claim Registry API")
    # Opening an operation renders its parameters and responses.
    page.locator(".opblock-summary").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    assert page.evaluate("window.__violations") == []
    assert page.problems == []
