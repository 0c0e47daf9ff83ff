"""Password guessing on the admin sign-in and the desk token endpoint, one guess at a time.

django-axes counts failed sign-ins in the database and refuses a locked-out client before
its password is checked (settings: AXES_*). It reads the count before the password check
and writes the failure after, so guesses sent in parallel all read the same count and all
get their password checked (axes issue #592, "won't fix"). `attempt()` closes that gap:
on PostgreSQL, attempts from one client address wait for each other on an advisory lock
held until the attempt's failure is committed. Every lockout counter axes keeps here
includes the address, so this one lock covers them all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import connections, router, transaction
from django.db.models import Sum
from django.http import HttpRequest


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, with a limit for each lockout parameter rather than one.

    An address may fail more often than one account at it (an office shares one address),
    but with one limit for both, the address would always be locked first. Axes compares
    one number with AXES_FAILURE_LIMIT; this one is the count nearest its own limit, moved
    onto that scale: an address's 20th failure counts as an account's 5th.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        limit = settings.AXES_FAILURE_LIMIT
        limits = [limit, settings.LOGIN_FAILURES_PER_ADDRESS]  # AXES_LOCKOUT_PARAMETERS' order
        counts = [
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        return max(
            count + limit - own_limit for count, own_limit in zip(counts, limits, strict=True)
        )


def cool_off_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def _lock_key(address: str | None) -> int:
    digest = hashlib.sha256(f"sign-in:{address}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def attempt(request: HttpRequest, username: str) -> Iterator[bool]:
    """One sign-in attempt per client address at a time; yields whether it may proceed.

    Authenticate inside the block and do not raise there: leaving it by an exception would
    roll back the failure axes just recorded.
    """
    AxesProxyHandler.update_request(request)
    using = router.db_for_write(AccessAttempt)
    connection = connections[using]
    if connection.vendor != "postgresql":
        # SQLite (development) has one writer at a time but no lock to wait on here.
        yield AxesProxyHandler.is_allowed(request, {"username": username})
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_key(request.axes_ip_address)])
        yield AxesProxyHandler.is_allowed(request, {"username": username})


def signed_in(request: HttpRequest, username: str) -> None:
    """Forget this account's failures from this address; other accounts' failures stay."""
    AxesProxyHandler.update_request(request)
    AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address).delete()


def refused_account(request: HttpRequest, user) -> None:
    """Count a right password for an account the desk refuses (not staff) as a failure.

    Otherwise the count standing still would tell a guesser the password was right.
    """
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )
