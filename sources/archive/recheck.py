"""Re-check a source's live page against its newest capture: gone, moved, changed, excerpts."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit, urlunsplit

from django.utils import timezone
from django.utils.translation import gettext as _

from sources.archive.fetch import FetchError, Limits, fetch, limits_from_settings
from sources.archive.guard import Refused, Unresolvable
from sources.archive.matching import excerpt_in, normalise
from sources.archive.text import extract
from sources.models import CheckOutcome, Source, SourceCheck

GONE_STATUSES = (404, 410)


def source_check(*, source: Source, limits: Limits | None = None) -> SourceCheck:
    """Fetch the live page now and record what changed since the newest capture."""
    capture = source.newest_capture
    check = SourceCheck(source=source, capture=capture, checked_at=timezone.now())
    if not source.url:
        check.outcome, check.detail = CheckOutcome.UNREACHABLE, _("The source has no URL.")
        check.save()
        return check
    try:
        fetched = fetch(source.url, limits or limits_from_settings())
    except Refused as error:
        check.outcome, check.detail = CheckOutcome.REFUSED, str(error)
    except Unresolvable as error:
        check.outcome, check.detail = CheckOutcome.GONE, str(error)
    except FetchError as error:
        check.outcome, check.detail = CheckOutcome.UNREACHABLE, str(error)
    else:
        check.status_code, check.final_url = fetched.status, fetched.final_url[:2000]
        _judge(check, source, capture, fetched)
    check.save()
    return check


def _judge(check: SourceCheck, source: Source, capture, fetched) -> None:
    if fetched.status in GONE_STATUSES:
        check.outcome = CheckOutcome.GONE
        check.detail = _("The page answered HTTP %(status)s.") % {"status": fetched.status}
        return
    if not 200 <= fetched.status < 300:
        check.outcome = CheckOutcome.UNREACHABLE
        check.detail = _("The page answered HTTP %(status)s.") % {"status": fetched.status}
        return
    check.sha256 = hashlib.sha256(fetched.body).hexdigest()
    was_at = capture.final_url if capture is not None else source.url
    check.moved = _comparable(fetched.final_url) != _comparable(was_at)
    if capture is None:
        check.outcome = CheckOutcome.NOT_CAPTURED
    elif check.sha256 == capture.sha256:
        check.outcome = CheckOutcome.UNCHANGED
    else:
        check.outcome = CheckOutcome.CHANGED
    text = extract(fetched.body, fetched.content_type).text
    plain = normalise(text)
    if plain:
        check.missing_excerpts = [
            row.pk
            for row in source.evidence.order_by("pk")
            if row.excerpt.strip() and not excerpt_in(row.excerpt, text, normalised_text=plain)
        ]
    if check.moved:
        check.detail = _("Now at %(url)s.") % {"url": fetched.final_url}


def _comparable(url: str) -> str:
    """A URL as two addresses for the same page compare: scheme and host in lower case."""
    parts = urlsplit(url)
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def check_many(
    sources: Iterable[Source],
    *,
    limits: Limits | None = None,
    progress: Callable[[Source], None] | None = None,
) -> list[SourceCheck]:
    checks = []
    for source in sources:
        checks.append(source_check(source=source, limits=limits))
        if progress is not None:
            progress(source)
    return checks


def summary(checks: list[SourceCheck]) -> Counter:
    """How many checks came out each way, with moved and missing excerpts counted apart."""
    counts = Counter(check.outcome for check in checks)
    counts["moved"] = sum(check.moved for check in checks)
    counts["excerpt_missing"] = sum(bool(check.missing_excerpts) for check in checks)
    counts["flagged"] = sum(check.flagged for check in checks)
    return counts
