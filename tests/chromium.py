"""Headless Chromium for the browser tests: where it is and how it is started, in one place."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def chromium(monkeypatch):
    """A running headless Chromium; skipped without one, except in CI, which must have it."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; CI must run the browser tests")
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still plain synchronous ones. Set for this test only: nothing run later inherits it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def watched_page(chromium):
    """A page that records what went wrong in it (`page.problems`): script errors, console
    errors and any answer of 400 or more, but the /favicon.ico a browser asks for by itself."""
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.problems = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            # A failed load is recorded below, with its status and address.
            and not message.text.startswith("Failed to load resource")
            and page.problems.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and page.problems.append(f"{response.status} {response.url}")
        ),
    )
    yield page
    page.close()


PASSWORD = "correct horse battery staple"  # every user tests/conftest.py makes


def sign_in(page, base_url: str, user) -> None:
    """Sign `user` in to the desk through its own login form."""
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
