"""Helpers for tests that touch the archive: a stand-in resolver, a PDF, a stored capture."""

from __future__ import annotations

import socket


def resolver_for(table: dict[str, list[str]], calls: list | None = None):
    """A stand-in for socket.getaddrinfo answering from `table`; records each name asked."""

    def resolve(host, port, type=0, **kwargs):  # noqa: A002
        if calls is not None:
            calls.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (
                socket.AF_INET6 if ":" in address else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (address, port),
            )
            for address in table[host]
        ]

    return resolve


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF printing `lines` in Helvetica, built by hand to the PDF 1.4 format."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = " ".join(f"({escape(line)}) Tj 0 -16 Td" for line in lines)
    content = f"BT /F1 12 Tf 72 720 Td {shown} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return out


def stored_capture(source, body: bytes, content_type: str = "text/html; charset=utf-8"):
    """A capture made from a response built here, for tests that need no server."""
    import hashlib
    from datetime import UTC, datetime

    from django.core.files.base import ContentFile

    from sources.archive.fetch import Fetched
    from sources.archive.text import extract
    from sources.archive.warc import warc_bytes
    from sources.models import SourceCapture

    url = source.url or "https://example.org/page"
    fetched = Fetched(
        requested_url=url,
        final_url=url,
        status=200,
        reason="OK",
        headers=[("Content-Type", content_type)],
        body=body,
        fetched_at=datetime.now(UTC),
        address="93.184.215.14",
    )
    extracted = extract(body, content_type)
    capture = SourceCapture(
        source=source,
        requested_url=url,
        final_url=url,
        captured_at=fetched.fetched_at,
        status_code=200,
        content_type=content_type,
        size=len(body),
        sha256=hashlib.sha256(body).hexdigest(),
        text=extracted.text,
        text_method=extracted.method,
        encoding=extracted.encoding,
    )
    capture.warc.save(f"test/{source.pk}.warc.gz", ContentFile(warc_bytes(fetched)), save=False)
    capture.save()
    return capture
