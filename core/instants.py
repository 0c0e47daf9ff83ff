"""Moments a request may compare with a stored time: ones both our databases can read.

A date and time from a request ("2025-01-01T00:00:00+16:00") is valid ISO 8601 and valid
Python, yet PostgreSQL refuses a UTC offset of 16 hours or more, and SQLite is sent the moment
in UTC, which for 0001-01-01T00:00:00+01:00 lies before the year 1. Every moment a request
gives is checked here and put in UTC, so that the database is only ever sent what it reads.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# PostgreSQL reads a UTC offset of at most 15:59:59 either way (Python's limit is 23:59:59);
# the time zones in use lie between -12:00 and +14:00.
MAX_UTC_OFFSET = timedelta(hours=16)


def in_utc(moment: datetime) -> datetime:
    """`moment` in UTC; ValidationError if its offset or its year is beyond the databases."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if abs(moment.utcoffset()) >= MAX_UTC_OFFSET:
        raise ValidationError(_("Enter a UTC offset between -15:59 and +15:59."), code="utc_offset")
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValidationError(
            _("Enter a date and time between the years 1 and 9999 in UTC."), code="overflow"
        ) from None
