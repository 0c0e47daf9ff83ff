"""The API's documentation in real headless Chromium: Swagger UI draws every operation under its
strict Content-Security-Policy, and the browser reports no blocked script, style or request."""

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
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        yield page
        browser.close()


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
    sync_api.expect(page.locator(".opblock").first).to_be_visible(timeout=15_000)
    assert page.locator(".opblock").count() > 20
    sync_api.expect(page.locator(".info .title")).to_contain_text("Claim Registry API")
    # Opening an operation renders its parameters and responses.
    page.locator(".opblock-summary").first.click()
    sync_api.expect(page.locator(".opblock-body").first).to_be_visible()
    assert page.evaluate("window.__violations") == []
    assert page.problems == []
