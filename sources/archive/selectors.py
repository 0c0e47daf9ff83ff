"""Which sources the archive commands work on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from sources.models import Source


class UnknownSources(ValueError):
    def __init__(self, missing: Sequence[str]):
        self.missing = list(missing)
        super().__init__(", ".join(self.missing))


def named_sources(names: Sequence[str] | None) -> QuerySet:
    """Sources with a URL, all of them or those named by id or slug; UnknownSources if any
    name matches none."""
    sources = Source.objects.exclude(url="").order_by("pk")
    if not names:
        return sources
    ids = [int(name) for name in names if name.isdigit()]
    chosen = Source.objects.filter(Q(pk__in=ids) | Q(slug__in=names))
    known = {str(pk) for pk in chosen.values_list("pk", flat=True)}
    known |= set(chosen.values_list("slug", flat=True))
    missing = [name for name in names if name not in known]
    if missing:
        raise UnknownSources(missing)
    return sources.filter(pk__in=chosen.values("pk"))


def sources_to_capture(
    names: Sequence[str] | None = None, *, stale_days: int | None = None
) -> QuerySet:
    """Sources never captured, and with `stale_days`, those whose newest copy is older."""
    sources = named_sources(names).annotate(newest_capture_at=Max("captures__captured_at"))
    due = Q(newest_capture_at__isnull=True)
    if stale_days is not None:
        due |= Q(newest_capture_at__lte=timezone.now() - timedelta(days=stale_days))
    return sources.filter(due).select_related("publisher")
