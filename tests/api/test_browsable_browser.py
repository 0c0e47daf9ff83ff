"""The browsable API in real headless Chromium: DRF's page draws under its policy, with no
blocked script, style or request."""

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
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and not m.text.startswith("Failed to load resource")
            and page.problems.append(m.text)
        ),
    )
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    # A browser asks for /favicon.ico by itself; every other request must succeed.
    page.on(
        "response",
        lambda r: (
            r.status >= 400
            and not r.url.endswith("/favicon.ico")
            and page.problems.append(f"{r.status} {r.url}")
        ),
    )
    yield page
    page.close()


def test_the_claim_list_is_a_page_in_a_browser(page, live_server, registry):
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
        "e.violatedDirective + ' ' + e.blockedURI));"
    )
    response = page.goto(f"{live_server.url}/api/v1/claims/")
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self';" in response.headers["content-security-policy"]
    expect(page.locator(".response-info")).to_contain_text(registry["youth"].public_id)
    # DRF's own scripts load and run under the policy: jQuery and Bootstrap's plugins.
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.jQuery === 'function' && typeof jQuery.fn.tooltip")
    assert page.evaluate("window.__violations") == []
    assert page.problems == []
