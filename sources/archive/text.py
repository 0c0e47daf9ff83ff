"""The text of a captured page, for matching excerpts and for readers.

HTML goes through trafilatura's main-text extraction (menus, footers and scripts left out), a
PDF through pypdf, plain text as it is. Bytes are decoded by the charset the server or the page
declares, else by charset-normalizer's detection, with the labels browsers treat as wider
encodings read as those (GB2312 and GBK as GB18030, Big5 as Big5-HKSCS): many Chinese
government pages are not UTF-8, and some declare a narrower charset than they use.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from dataclasses import dataclass

import charset_normalizer

logger = logging.getLogger(__name__)

HTML, PDF, PLAIN, NONE = "html", "pdf", "plain", "none"
# More text than any source's excerpt needs; the WARC keeps the rest.
MAX_TEXT_CHARS = 2_000_000
MAX_PDF_PAGES = 1000

# WHATWG's encoding labels that mean a wider encoding than their name says.
WIDER_ENCODINGS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cn-big5": "big5hkscs",
    "csbig5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Extracted:
    text: str
    method: str  # html, pdf, plain or none
    encoding: str = ""


def media_type(content_type: str, body: bytes) -> str:
    """html, pdf, plain or none, from the Content-Type header, or from the bytes without one."""
    declared = content_type.split(";", 1)[0].strip().lower()
    if declared in ("text/html", "application/xhtml+xml"):
        return HTML
    if declared == "application/pdf":
        return PDF
    if declared == "text/plain":
        return PLAIN
    if declared in ("", "application/octet-stream", "binary/octet-stream"):
        head = body[:1024].lstrip().lower()
        if head.startswith(b"%pdf-"):
            return PDF
        if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
            return HTML
    return NONE


def charset_of(content_type: str) -> str:
    for parameter in content_type.split(";")[1:]:
        name, _sep, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'")
    return ""


def codec_for(label: str) -> str | None:
    """The Python codec for an encoding label, widened as browsers widen it; None if unknown."""
    label = label.strip().lower()
    if not label:
        return None
    label = WIDER_ENCODINGS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(body: bytes, content_type: str = "", *, sniff_html: bool = False) -> tuple[str, str]:
    """(text, codec): by BOM, declared charset, <meta charset>, then detection."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace"), codec
    declared = [charset_of(content_type)]
    if sniff_html:
        found = _META_CHARSET.search(body[:4096])
        declared.append(found.group(1).decode("ascii", "ignore") if found else "")
    for label in declared:
        codec = codec_for(label)
        if codec is None:
            continue
        try:
            return body.decode(codec), codec
        except UnicodeDecodeError:
            logger.info("declared charset %s does not decode the page; detecting", label)
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(body).best()
    codec = codec_for(best.encoding) if best is not None else None
    if codec is None:
        return body.decode("utf-8", errors="replace"), "utf-8"
    return body.decode(codec, errors="replace"), codec


def extract(body: bytes, content_type: str) -> Extracted:
    """The readable text of a response body."""
    kind = media_type(content_type, body)
    if kind == HTML:
        html, codec = decode(body, content_type, sniff_html=True)
        return Extracted(_clip(html_text(html)), HTML, codec)
    if kind == PDF:
        return Extracted(_clip(pdf_text(body)), PDF)
    if kind == PLAIN:
        text, codec = decode(body, content_type)
        return Extracted(_clip(text), PLAIN, codec)
    return Extracted("", NONE)


def html_text(html: str) -> str:
    """The main text of a page; all of its text when no main text stands out."""
    # Imported here: trafilatura takes about a second to import, and only the archiver needs it,
    # not every web worker that starts.
    import trafilatura

    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_links=False,
        include_images=False,
        favor_recall=True,
        deduplicate=False,
        with_metadata=False,
    )
    if not text:
        text = trafilatura.html2txt(html, clean=True)
    return text or ""


def pdf_text(body: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(body))
        pages = reader.pages[:MAX_PDF_PAGES]
        return "\n".join(page.extract_text() or "" for page in pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        logger.info("could not read the PDF's text: %s", error)
        return ""


def _clip(text: str) -> str:
    return text[:MAX_TEXT_CHARS]
