"""Captures as standard WARC files (ISO 28500), written and read with warcio.

One gzipped file per capture: a `warcinfo` record, the `request` we sent, the `response` we
got (the body as received after any content coding was undone, the coding's header renamed
`X-Archive-Orig-…` as replay tools expect) and a `metadata` record naming the redirects
followed. Any WARC tool (pywb, warcio, the Wayback Machine's) can read it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from sources.archive.fetch import Fetched

SOFTWARE = "Claim Registry archiver (warcio)"
# Headers describing the bytes on the wire, which no longer describe the stored body.
_TRANSPORT_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


@dataclass(frozen=True)
class StoredResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return ""


def warc_bytes(fetched: Fetched) -> bytes:
    """A gzipped WARC file holding the exchange."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
    date = datetime_to_iso_date(fetched.fetched_at, use_micros=True)
    dated = {"WARC-Date": date, "WARC-IP-Address": fetched.address}
    writer.write_record(
        writer.create_warcinfo_record(
            "", {"software": SOFTWARE, "format": "WARC File Format 1.1", "robots": "ignore"}
        )
    )
    request = StatusAndHeaders(
        f"GET {_path(fetched.final_url)} HTTP/1.1", fetched.request_headers, is_http_request=True
    )
    headers = [
        (f"X-Archive-Orig-{name}" if name.lower() in _TRANSPORT_HEADERS else name, value)
        for name, value in fetched.headers
    ]
    headers.append(("Content-Length", str(len(fetched.body))))
    status_line = f"{fetched.status} {fetched.reason}".strip()
    response = writer.create_warc_record(
        fetched.final_url,
        "response",
        payload=io.BytesIO(fetched.body),
        length=len(fetched.body),
        http_headers=StatusAndHeaders(status_line, headers, protocol="HTTP/1.1"),
        warc_headers_dict=dict(dated),
    )
    writer.write_record(
        writer.create_warc_record(
            fetched.final_url, "request", http_headers=request, warc_headers_dict=dict(dated)
        )
    )
    writer.write_record(response)
    if fetched.redirects:
        lines = "".join(f"redirected-from: {url}\n" for url in fetched.redirects)
        writer.write_record(
            writer.create_warc_record(
                fetched.final_url,
                "metadata",
                payload=io.BytesIO(lines.encode()),
                warc_content_type="application/warc-fields",
                warc_headers_dict={"WARC-Date": date},
            )
        )
    return buffer.getvalue()


def read_response(stream) -> StoredResponse | None:
    """The response record of a capture's WARC file, or None when there is none."""
    for record in ArchiveIterator(stream):
        if record.rec_type != "response":
            continue
        http = record.http_headers
        status = int((http.get_statuscode() or "0") if http else 0)
        headers = list(http.headers) if http else []
        return StoredResponse(status=status, headers=headers, body=record.content_stream().read())
    return None


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
