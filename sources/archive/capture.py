"""Capture a source: fetch its URL, keep the response as WARC, read its text."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from sources.archive.fetch import FetchError, Limits, fetch, limits_from_settings
from sources.archive.guard import Refused, Unresolvable
from sources.archive.text import extract
from sources.archive.warc import warc_bytes
from sources.models import Source, SourceCapture


class CaptureError(Exception):
    """Nothing was kept; the message says why, for the editor."""


def source_capture(*, source: Source, by=None, limits: Limits | None = None) -> SourceCapture:
    """Fetch `source.url` now and keep what came back as a new archived copy."""
    if not source.url:
        raise CaptureError(_("This source has no URL to capture."))
    try:
        fetched = fetch(source.url, limits or limits_from_settings())
    except (Refused, Unresolvable, FetchError) as error:
        raise CaptureError(str(error)) from None
    if not 200 <= fetched.status < 300:
        raise CaptureError(
            _("The page answered HTTP %(status)s; nothing was kept.") % {"status": fetched.status}
        )
    extracted = extract(fetched.body, fetched.content_type)
    digest = hashlib.sha256(fetched.body).hexdigest()
    capture = SourceCapture(
        source=source,
        requested_url=fetched.requested_url,
        final_url=fetched.final_url,
        captured_at=fetched.fetched_at,
        status_code=fetched.status,
        content_type=fetched.content_type[:200],
        size=len(fetched.body),
        sha256=digest,
        text=extracted.text,
        text_method=extracted.method,
        encoding=extracted.encoding,
        captured_by=by,
    )
    name = f"sources/{source.pk}/{fetched.fetched_at:%Y%m%dT%H%M%S}-{digest[:16]}.warc.gz"
    capture.warc.save(name, ContentFile(warc_bytes(fetched)), save=False)
    try:
        with transaction.atomic():
            capture.save()
    except Exception:
        capture.warc.storage.delete(capture.warc.name)
        raise
    return capture


@dataclass
class BatchResult:
    captured: list[SourceCapture]
    failed: list[tuple[Source, str]]
    left: list[Source]


def capture_many(
    sources: Iterable[Source],
    *,
    by=None,
    limit: int | None = None,
    limits: Limits | None = None,
    progress: Callable[[Source], None] | None = None,
) -> BatchResult:
    """Capture each source in turn, at most `limit` of them; a failure stops nothing."""
    result = BatchResult([], [], [])
    for source in sources:
        if limit is not None and len(result.captured) + len(result.failed) >= limit:
            result.left.append(source)
            continue
        try:
            result.captured.append(source_capture(source=source, by=by, limits=limits))
        except CaptureError as error:
            result.failed.append((source, str(error)))
        if progress is not None:
            progress(source)
    return result
