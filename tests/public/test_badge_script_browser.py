"""A publisher's page, served from another origin under a strict CSP, in real headless Chromium.

It embeds claims through every method we offer: the script loader (with its keyboard popover),
the plain SVG badge and the iframe card, and one claim whose text is hostile.
"""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claims.models import ClaimStatus, Evidence
from tests.public.conftest import HOSTILE

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


HOST_CSS = """
/* A publisher's careless global styles: none of them may reach into the badge. */
button { background: red !important; border: 6px solid red !important; padding: 20px; }
img { border: 7px dashed red; }
p { font-family: serif; }
"""

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Publisher</title>
<link rel="stylesheet" href="/host.css"></head>
<body>
<p id="story">Youth unemployment <span data-claim="{first}">rose to 18.9% in August</span>,
and <span data-claim="{second}">the K visa took effect on 1 October</span>.
A hostile one: <span data-claim="{hostile}">…</span>.</p>
<p>Image badge: <a href="{origin}/claims/{first}/"><img id="img-badge"
  src="{origin}/badge/{first}.svg" alt="fact check"></a></p>
<iframe id="card" src="{origin}/embed/{second}/" width="480" height="240"
  title="Fact check"></iframe>
<iframe id="oembed-card" src="{origin}/embed/{first}/?lang=zh-hant" width="480" height="240"
  title="Fact check" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>
<script src="{origin}/badge.js" defer></script>
</body></html>
"""


class PublisherSite:
    """A tiny web server on its own port, standing in for a news site."""

    def __init__(self, page: str, policy: str):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the http.server API)
                body, kind = (
                    (HOST_CSS, "text/css") if self.path == "/host.css" else (site.page, "text/html")
                )
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Security-Policy", site.policy)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.page, self.policy = page, policy
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def claims(reviewable_claim, make_claim, source, publish, verdicts):
    first = publish(reviewable_claim, "accurate")
    second = make_claim(
        status=ClaimStatus.REVIEW,
        kind="date",
        value=None,
        unit="",
        comparator="",
        quote="K簽證10月1日起實施",
        restatement="China's K visa took effect on 1 October 2025.",
        ruling="The State Council order sets 1 October 2025, but as an amendment, not a new law.",
    )
    Evidence.objects.create(claim=second, source=source, role="context", seen=True)
    second = publish(second, "mostly-accurate")
    hostile = make_claim(status=ClaimStatus.REVIEW, ruling=HOSTILE, restatement=HOSTILE)
    Evidence.objects.create(claim=hostile, source=source, role="supports", seen=True)
    hostile = publish(hostile, "inaccurate")
    return first, second, hostile


@pytest.fixture
def publisher(live_server, claims):
    first, second, hostile = claims
    origin = live_server.url
    page = PAGE.format(
        origin=origin, first=first.public_id, second=second.public_id, hostile=hostile.public_id
    )
    policy = (
        f"default-src 'none'; script-src {origin}; connect-src {origin}; img-src {origin}; "
        f"frame-src {origin}; style-src 'self'"
    )
    site = PublisherSite(page, policy)
    yield site
    site.close()


@pytest.fixture
def page(chromium):
    page = chromium.new_page(viewport={"width": 900, "height": 700})
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("dialog", lambda dialog: (page.problems.append("dialog"), dialog.dismiss()))
    yield page
    page.close()


def badge(page, claim):
    return page.locator(f'[data-claim-for="{claim.public_id}"]')


def focused_in_shadow(page) -> str:
    return page.evaluate(
        "() => { const a = document.activeElement; const inner = a && a.shadowRoot && "
        "a.shadowRoot.activeElement; return inner ? inner.tagName + ':' + "
        "(a.getAttribute('data-claim-for') || '') : (a ? a.tagName : ''); }"
    )


def test_the_script_adds_badges_with_a_keyboard_popover(page, publisher, claims):
    first, second, hostile = claims
    page.goto(publisher.url)
    first_image = badge(page, first).locator("button img")
    second_image = badge(page, second).locator("button img")
    sync_api.expect(first_image).to_have_attribute("alt", "fact check: Accurate")
    sync_api.expect(second_image).to_have_attribute("alt", "fact check: Mostly accurate")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.claim-registry-badge')].every(h => "
        "h.shadowRoot.querySelector('img') && h.shadowRoot.querySelector('img').complete && "
        "h.shadowRoot.querySelector('img').naturalWidth > 0)"
    )
    # Each badge sits right after its claim (with the punctuation that follows, if any).
    assert (
        page.evaluate(
            f"""() => {{ const next = document.querySelector('[data-claim="{first.public_id}"]')
              .nextElementSibling;
            return (next.classList.contains('claim-registry-keep') ? next.firstElementChild : next)
              .getAttribute('data-claim-for'); }}"""
        )
        == first.public_id
    )

    # The host page's `button { background: red }` does not reach the badge.
    background = first_image.locator("xpath=..").evaluate(
        "b => getComputedStyle(b).backgroundColor"
    )
    assert background == "rgba(0, 0, 0, 0)"
    assert first_image.evaluate("i => getComputedStyle(i).borderTopStyle") == "none"
    # …and the badge's styles do not leak out: the publisher's own image keeps its border.
    assert page.locator("#img-badge").evaluate("i => getComputedStyle(i).borderTopStyle") == (
        "dashed"
    )

    button = badge(page, first).locator("button")
    panel = badge(page, first).locator(".pop")
    sync_api.expect(button).to_have_attribute("aria-expanded", "false")
    sync_api.expect(panel).to_be_hidden()

    page.keyboard.press("Tab")
    assert focused_in_shadow(page) == f"BUTTON:{first.public_id}"
    page.keyboard.press("Enter")
    sync_api.expect(button).to_have_attribute("aria-expanded", "true")
    sync_api.expect(panel).to_be_visible()
    sync_api.expect(panel).to_contain_text("Accurate")
    sync_api.expect(panel).to_contain_text("The NBS release gives 18.9%.")
    link = panel.locator("a")
    assert link.get_attribute("href").endswith(f"/claims/{first.public_id}/?lang=en")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "badge-script-popover.png"), full_page=True)

    page.keyboard.press("Escape")
    sync_api.expect(panel).to_be_hidden()
    sync_api.expect(button).to_have_attribute("aria-expanded", "false")
    assert focused_in_shadow(page) == f"BUTTON:{first.public_id}"

    # Space opens the next one too.
    page.keyboard.press("Tab")  # the link inside the closed panel is not focusable
    assert focused_in_shadow(page) == f"BUTTON:{second.public_id}"
    page.keyboard.press("Space")
    sync_api.expect(badge(page, second).locator(".pop")).to_contain_text("State Council order")
    assert page.problems == []


def test_hostile_claim_text_stays_text(page, publisher, claims):
    _, _, hostile = claims
    page.goto(publisher.url)
    button = badge(page, hostile).locator("button")
    sync_api.expect(button.locator("img")).to_have_attribute("alt", "fact check: Inaccurate")
    button.click()
    panel = badge(page, hostile).locator(".pop")
    sync_api.expect(panel.locator(".ruling")).to_have_text(HOSTILE)
    assert panel.locator("script").count() == 0
    assert page.locator("script").count() == 1  # only the loader itself
    assert page.problems == []


def test_every_embed_method_shows_the_right_verdict(page, publisher, claims):
    first, second, _ = claims
    page.goto(publisher.url)
    image = page.locator("#img-badge")
    page.wait_for_function("() => document.getElementById('img-badge').naturalWidth > 0")
    assert image.evaluate("i => i.naturalHeight") == 20
    card = page.frame_locator("#card")
    sync_api.expect(card.locator("img.badge")).to_have_attribute(
        "alt", "fact check: Mostly accurate"
    )
    sync_api.expect(card.locator("body")).to_contain_text("K簽證10月1日起實施")
    assert page.problems == []


def test_it_degrades_to_a_plain_link_when_the_registry_is_unreachable(page, publisher, claims):
    first, _, _ = claims
    page.route("**/embed/*.json*", lambda route: route.abort())
    page.goto(publisher.url)
    link = badge(page, first).locator("a")
    sync_api.expect(link).to_have_text("Fact check")
    assert link.get_attribute("href").endswith(f"/claims/{first.public_id}/?lang=en")


def test_it_follows_the_host_page_language(page, publisher, claims):
    first, _, _ = claims
    publisher.page = publisher.page.replace('<html lang="en">', '<html lang="zh-Hant-TW">')
    page.goto(publisher.url)
    sync_api.expect(badge(page, first).locator("button img")).to_have_attribute(
        "alt", "事實查核：正確"
    )


def test_the_claim_page_fits_a_phone_and_breaks_no_policy(chromium, live_server, claims):
    first, _, hostile = claims
    page = chromium.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    problems = []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.on("dialog", lambda dialog: (problems.append("dialog"), dialog.dismiss()))
    for claim in (first, hostile):
        page.goto(f"{live_server.url}/claims/{claim.public_id}/?lang=zh-hant")
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
        assert (
            page.evaluate(
                "() => JSON.parse(document.querySelector('script[type=\"application/ld+json\"]')"
                ".textContent)['@type']"
            )
            == "ClaimReview"
        )
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{live_server.url}/claims/{first.public_id}/?lang=zh-hant")
    page.screenshot(path=str(ARTIFACTS / "claim-page-phone.png"), full_page=True)
    page.close()
    assert problems == []


OBJECT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Publisher</title></head>
<body>
<p>As an object: <object id="object-badge" data="{origin}/badge/{first}.svg"
  type="image/svg+xml" width="160" height="20">fact check</object></p>
<p>As an embed: <embed id="embed-badge" src="{origin}/badge/{second}.svg?lang=zh-hant"
  type="image/svg+xml" width="160" height="20"></p>
</body></html>
"""


def _badge_frame(page, url_part: str):
    """The document an <object> or <embed> shows (refused framing leaves an error page)."""
    for _attempt in range(100):
        frames = [f for f in page.frames if url_part in f.url]
        if frames and frames[0].locator("svg").count():
            return frames[0]
        page.wait_for_timeout(100)
    raise AssertionError(f"no document shows {url_part}: {[f.url for f in page.frames]}")


def test_a_site_on_another_origin_shows_the_badge_as_an_object_and_an_embed(
    page, live_server, claims
):
    first, second, _ = claims
    origin = live_server.url
    site = PublisherSite(
        OBJECT_PAGE.format(origin=origin, first=first.public_id, second=second.public_id),
        # Chromium checks an <object>'s or <embed>'s document against frame-src as well.
        f"default-src 'none'; object-src {origin}; frame-src {origin}",
    )
    try:
        assert not site.url.startswith(origin)
        page.goto(site.url)
        for element, url_part, label in (
            ("#object-badge", f"/badge/{first.public_id}.svg", "Accurate"),
            ("#embed-badge", f"/badge/{second.public_id}.svg", "大致正確"),
        ):
            frame = _badge_frame(page, url_part)
            sync_api.expect(frame.locator("svg")).to_contain_text(label)
            box = page.locator(element).bounding_box()
            assert box["width"] > 0 and box["height"] > 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "badge-object-embed.png"))
        assert page.problems == []
    finally:
        site.close()


CARD_HEIGHT = """id => new Promise(resolve => {
  const frame = document.getElementById(id);
  const check = () =>
    frame.height !== "240" ? resolve(Number(frame.height)) : setTimeout(check, 50);
  check();
})"""


@pytest.mark.parametrize("frame_id", ["card", "oembed-card"])
def test_badge_js_fits_each_card_frame_to_its_card(page, publisher, claims, frame_id):
    page.goto(publisher.url)
    height = page.evaluate(CARD_HEIGHT, frame_id)
    card = page.frame_locator(f"#{frame_id}").locator("html")
    content = card.evaluate("html => Math.ceil(html.getBoundingClientRect().height)")
    assert height == content
    # The whole card shows: its last line, the link, lies inside the frame.
    link_bottom = (
        page.frame_locator(f"#{frame_id}")
        .locator("a")
        .last.evaluate("a => a.getBoundingClientRect().bottom")
    )
    assert link_bottom <= height
    assert page.problems == []


def test_a_card_that_grows_tells_its_frame_again(page, publisher, claims):
    page.goto(publisher.url)
    first = page.evaluate(CARD_HEIGHT, "card")
    page.locator("#card").evaluate("frame => { frame.width = '240'; }")
    page.wait_for_function(f"() => Number(document.getElementById('card').height) > {first}")


def test_a_badge_keeps_the_punctuation_after_it_on_its_line(page, publisher, claims):
    page.goto(publisher.url)
    page.wait_for_selector(".claim-registry-keep")
    assert page.locator(".claim-registry-keep").count() == 3  # ", and", "." and "."
    for width in range(160, 520, 7):
        page.locator("#story").evaluate(f"p => {{ p.style.width = '{width}px'; }}")
        fragments = page.evaluate(
            "() => [...document.querySelectorAll('.claim-registry-keep')]"
            ".map(keep => keep.getClientRects().length)"
        )
        assert fragments == [1, 1, 1], width


README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readmes_two_lines_fit_a_card_without_badge_js(page, live_server, claims):
    snippet = re.search(
        r"<script>addEventListener\(\"message\".*?</script>", README.read_text(), re.S
    ).group()
    first, _, _ = claims
    origin = live_server.url
    site = PublisherSite(
        f'<!doctype html><html lang="en"><body><iframe id="card" src="{origin}/embed/'
        f'{first.public_id}/" width="480" height="240" title="Fact check"></iframe>'
        + snippet.replace("https://claims.example.org", origin)
        + "</body></html>",
        f"default-src 'none'; script-src 'unsafe-inline'; frame-src {origin}",
    )
    try:
        page.goto(site.url)
        height = page.evaluate(CARD_HEIGHT, "card")
        content = page.frame_locator("#card").locator("html")
        assert height == content.evaluate("html => Math.ceil(html.getBoundingClientRect().height)")
    finally:
        site.close()
