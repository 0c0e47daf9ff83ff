"""A captured page full of script, opened from our origin in real headless Chromium: inert."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.archive.helpers import stored_capture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HOSTILE_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Captured</title>
<script>document.title = "ran"; localStorage.setItem("x", "1");</script>
<link rel="stylesheet" href="{beacon}/style.css">
</head><body onload="document.body.dataset.onload = 'ran'">
<p id="text">16-24歲勞動力失業率為18.9%</p>
<img src="{beacon}/pixel.gif" alt="">
<img src="x" onerror="document.body.dataset.onerror = 'ran'">
<form action="{beacon}/form" method="post"><input name="q" value="1"></form>
<script>fetch("/api/v1/desk/claims/").then(() => document.body.dataset.fetch = "ran")</script>
</body></html>"""


class Beacon:
    """A local server that counts every request the captured page manages to send it."""

    def __init__(self):
        self.hits: list[str] = []
        beacon = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the http.server API)
                beacon.hits.append(self.path)
                self.send_response(204)
                self.end_headers()

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def beacon():
    server = Beacon()
    yield server
    server.close()


def test_a_stored_page_runs_no_script_and_loads_nothing(
    live_server, chromium, beacon, source, published_claim
):
    capture = stored_capture(source, HOSTILE_PAGE.format(beacon=beacon.url).encode())
    page = chromium.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/archive/{capture.key}/page", wait_until="load")
    page.wait_for_timeout(500)
    assert page.locator("#text").inner_text() == "16-24歲勞動力失業率為18.9%"
    assert page.title() == "Captured"
    data = page.evaluate("() => Object.assign({}, document.body.dataset)")
    assert data == {}
    assert beacon.hits == []
    assert dialogs == []
    page.close()
