"""The browsable API in real headless Chromium: DRF's page draws under its policy, with no
blocked script, style or request."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip("no Chromium installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def allow_orm_beside_playwright(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; our ORM calls are synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def page():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-sync"],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})
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
        browser.close()


def test_the_claim_list_is_a_page_in_a_browser(page, live_server, registry):
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
        "e.violatedDirective + ' ' + e.blockedURI));"
    )
    response = page.goto(f"{live_server.url}/api/v1/claims/")
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self';" in response.headers["content-security-policy"]
    sync_api.expect(page.locator(".response-info")).to_contain_text(registry["youth"].public_id)
    # DRF's own scripts load and run under the policy: jQuery and Bootstrap's plugins.
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.jQuery === 'function' && typeof jQuery.fn.tooltip")
    assert page.evaluate("window.__violations") == []
    assert page.problems == []
