"""Reading a source of ClaimReview one record at a time: a DataFeed, a claims:search answer,
or HTML articles with ClaimReview in JSON-LD.

JSON is streamed with ijson, so a feed of a million reviews is never held whole: each record
is built, read and handed on. A record that cannot be read becomes a RecordError with its
position; reading goes on with the next.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import ijson
from django.utils.translation import gettext as _

from elsewhere.records import RecordError, from_claim_review, from_fact_check_claim, has_type

DATAFEED, FACT_CHECK_SEARCH, JSON_LIST, HTML = "datafeed", "claims:search", "list", "html"
# Where records sit in each JSON shape: a DataFeed's elements, a claims:search answer's
# claims, a bare list of ClaimReview, a JSON-LD @graph.
RECORD_PREFIXES = {
    "dataFeedElement.item": DATAFEED,
    "claims.item": FACT_CHECK_SEARCH,
    "item": JSON_LIST,
    "@graph.item": JSON_LIST,
}
SNIFF_BYTES = 512
# Deeper than any ClaimReview nests; a feed nested deeper is refused before the parser's own
# bookkeeping (a prefix string per level) grows with the square of the depth. The parser reads
# READ_BYTES at a time and reports a read's events together, so a read can nest at most that
# deep before the limit is seen (a few MB; 64 kB reads would allow gigabytes).
MOST_NESTING = 64
READ_BYTES = 4096
# Python refuses to read an integer of more digits than this (sys.get_int_max_str_digits), and
# ijson's C parser then crashes the process: longer runs of digits are refused first.
MOST_DIGITS = min(sys.get_int_max_str_digits() or 4300, 4300) - 1
_DIGITS_RUN = re.compile(rb"[0-9]{%d}" % (MOST_DIGITS + 1))
_TRAILING_DIGITS = re.compile(rb"[0-9]*\Z")
_LEADING_DIGITS = re.compile(rb"[0-9]*")


@dataclass(frozen=True)
class Read:
    """One record: its position in the source, and its fields or why it was refused."""

    position: str
    fields: dict | None = None
    error: str = ""


class SourceError(Exception):
    """The source as a whole cannot be read (not JSON nor HTML, truncated, refused)."""


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


def open_source(source: str, *, fetch=None) -> tuple[IO[bytes], str]:
    """A binary stream of the source and the base URL its links resolve against.

    A URL is fetched through the archive's guarded fetcher (`fetch`), so an import can reach
    only public addresses, with the archive's size and time caps.
    """
    if is_url(source):
        if fetch is None:
            raise SourceError(_("URLs are fetched only with a fetcher"))
        fetched = fetch(source)
        if fetched.status != 200:
            answered = _("the server answered %(status)s %(reason)s") % {
                "status": fetched.status,
                "reason": fetched.reason,
            }
            raise SourceError(answered.strip())
        return io.BytesIO(fetched.body), fetched.final_url
    path = Path(source)
    try:
        return path.open("rb"), path.resolve().as_uri()
    except OSError as error:
        raise SourceError(
            _("cannot open the file: %(error)s") % {"error": error.strerror or error}
        ) from None


def sniff(stream: IO[bytes]) -> str:
    """'json' or 'html', from the first bytes; the stream is left where it was."""
    head = stream.read(SNIFF_BYTES)
    stream.seek(stream.tell() - len(head))
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text[:1] in (b"{", b"["):
        return "json"
    if text[:1] == b"<":
        return "html"
    raise SourceError(_("it is neither JSON nor HTML"))


def read_json(stream: IO[bytes], our_labels: Mapping[str, str] | None = None) -> Iterator[Read]:
    """Every record of a DataFeed, a claims:search answer or a list of ClaimReview, in order."""
    counters = dict.fromkeys(RECORD_PREFIXES, 0)
    try:
        for prefix, value in _objects_at(_ShortNumbers(stream), RECORD_PREFIXES):
            counters[prefix] += 1
            position = f"{prefix.split('.')[0] or 'item'}[{counters[prefix] - 1}]"
            kind = RECORD_PREFIXES[prefix]
            if kind == FACT_CHECK_SEARCH:
                yield from _fact_check_records(position, value, our_labels)
            elif kind == DATAFEED and _is_feed_item(value):
                yield from _feed_item_records(position, value, our_labels)
            else:
                yield _read(position, from_claim_review, value, our_labels=our_labels)
    except ijson.common.IncompleteJSONError as error:
        raise SourceError(
            _("the JSON stops or breaks: %(error)s") % {"error": str(error)[:200]}
        ) from None


def read_html(
    stream: IO[bytes], base_url: str, our_labels: Mapping[str, str] | None = None
) -> Iterator[Read]:
    """Every ClaimReview in an HTML page's JSON-LD, in the page's order."""
    import extruct  # imported here: only HTML imports need it

    html = stream.read()
    try:
        found = extruct.extract(html, base_url=base_url, syntaxes=["json-ld"], uniform=True)
    except Exception as error:  # noqa: BLE001 - a page extruct cannot read is a bad source
        raise SourceError(
            _("the page cannot be read: %(error)s") % {"error": type(error).__name__}
        ) from None
    reviews = [item for block in found.get("json-ld", []) for item in _claim_reviews(block)]
    for index, review in enumerate(reviews):
        yield _read(f"json-ld[{index}]", from_claim_review, review, our_labels=our_labels)


def _objects_at(stream: IO[bytes], prefixes) -> Iterator[tuple[str, Any]]:
    """(prefix, object) for each complete JSON value found at one of `prefixes`."""
    builder, building, depth, nesting = None, "", 0, 0
    for prefix, event, value in ijson.parse(stream, use_float=False, buf_size=READ_BYTES):
        if event in ("start_map", "start_array"):
            nesting += 1
            if nesting > MOST_NESTING:
                raise SourceError(
                    _("the JSON nests deeper than %(most)d levels") % {"most": MOST_NESTING}
                )
        elif event in ("end_map", "end_array"):
            nesting -= 1
        if builder is None:
            if prefix in prefixes and event in ("start_map", "start_array"):
                builder, building, depth = ijson.ObjectBuilder(), prefix, 0
            elif prefix in prefixes:
                yield prefix, value  # a scalar where a record belongs: refused as one
                continue
            else:
                continue
        builder.event(event, value)
        if event in ("start_map", "start_array"):
            depth += 1
        elif event in ("end_map", "end_array"):
            depth -= 1
        if depth == 0:
            yield building, builder.value
            builder = None


class _ShortNumbers:
    """The stream, refused (SourceError) where it holds a run of more than MOST_DIGITS digits,
    across reads too."""

    def __init__(self, stream: IO[bytes]):
        self.stream, self.trailing = stream, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        leading = len(_LEADING_DIGITS.match(chunk).group())
        if self.trailing + leading > MOST_DIGITS or _DIGITS_RUN.search(chunk):
            raise SourceError(
                _("the JSON holds a run of more than %(most)d digits") % {"most": MOST_DIGITS}
            )
        if leading == len(chunk):
            self.trailing += leading
        else:
            self.trailing = len(_TRAILING_DIGITS.search(chunk).group())
        return chunk


def _is_feed_item(value: Any) -> bool:
    return isinstance(value, Mapping) and has_type(value, "DataFeedItem")


def _feed_item_records(position, element, our_labels) -> Iterator[Read]:
    items = element.get("item")
    items = items if isinstance(items, list) else [items]
    if not items or items == [None]:
        yield Read(position, error=_("the DataFeedItem has no item"))
    for index, item in enumerate(items):
        at = position if len(items) == 1 else f"{position}.item[{index}]"
        yield _read(at, from_claim_review, item, our_labels=our_labels)


def _fact_check_records(position, claim, our_labels) -> Iterator[Read]:
    reviews = claim.get("claimReview") if isinstance(claim, Mapping) else None
    if not isinstance(reviews, list) or not reviews:
        yield Read(position, error=_("the claim has no claimReview list"))
        return
    for index, review in enumerate(reviews):
        yield _read(
            f"{position}.claimReview[{index}]",
            from_fact_check_claim,
            claim,
            review,
            our_labels=our_labels,
        )


def _read(position: str, reader, *args, our_labels) -> Read:
    try:
        return Read(position, fields=reader(*args, our_labels=our_labels))
    except RecordError as error:
        return Read(position, error=str(error))


def _claim_reviews(block: Any) -> Iterator[Mapping]:
    """ClaimReview objects in a JSON-LD block, at its top or inside an @graph."""
    if isinstance(block, list):
        for item in block:
            yield from _claim_reviews(item)
    elif isinstance(block, Mapping):
        if has_type(block, "ClaimReview"):
            yield block
        yield from _claim_reviews(block.get("@graph"))
