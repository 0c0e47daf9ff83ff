"""Regenerate the README's screenshots from a running Claim Registry, in headless Chromium.

    make run                                   # in another terminal: the shipped article
    .venv/bin/python docs/screenshots/make.py  # or --url http://host:port

Needs the test tools (`make setup-dev`: Playwright) and Chromium (`apt-get install chromium`).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"

# A publisher's paragraph with the badge script, as the README's embedding section shows it.
PUBLISHER_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<style>body {{ font: 18px/1.6 Georgia, serif; max-width: 34rem; margin: 2rem; }}</style>
</head><body><p>This June's graduating class reached
<span data-claim="{claim}">11.58 million, a record</span>, the ministry said.</p>
<script src="{url}/badge.js"></script></body></html>"""


def first_claim(page, url: str) -> str:
    page.goto(f"{url}/?verdict=inaccurate")
    found = re.search(r'href="/claims/([^/"]+)/"', page.content())
    if not found:
        raise SystemExit(f"No published claim at {url}/: run `make run` first.")
    return found.group(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the running site")
    parser.add_argument("--chromium", default=CHROMIUM, help="the Chromium to drive")
    args = parser.parse_args()
    url = args.url.rstrip("/")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=args.chromium, args=["--headless", "--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        claim = first_claim(page, url)

        page.goto(f"{url}/claims/{claim}/")
        page.screenshot(path=HERE / "claim-page.png")
        page.goto(f"{url}/")
        page.screenshot(path=HERE / "article-page.png")
        page.goto(f"{url}/?lang=zh-hant")
        page.screenshot(path=HERE / "article-page-zh-hant.png")

        phone = browser.new_page(viewport={"width": 375, "height": 800}, device_scale_factor=2)
        phone.goto(f"{url}/claims/{claim}/?lang=zh-hant")
        phone.screenshot(path=HERE / "claim-page-phone-zh-hant.png")

        card = browser.new_page(viewport={"width": 480, "height": 400})
        card.goto(f"{url}/embed/{claim}/")
        card.locator("body").screenshot(path=HERE / "embed-card.png")

        publisher = browser.new_page(viewport={"width": 640, "height": 360})
        publisher.set_content(PUBLISHER_PAGE.format(url=url, claim=claim))
        publisher.locator(".claim-registry-badge button").click()
        publisher.locator(".claim-registry-badge .pop").wait_for(state="visible")
        publisher.screenshot(path=HERE / "badge.png")
        browser.close()
    print(f"Wrote the screenshots to {HERE}")


if __name__ == "__main__":
    main()
