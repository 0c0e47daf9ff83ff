"""The one announcement of a change the public can see: a new generation, and one message.

claims/signals.py reports every save that reaches a public claim (its evidence, derivations,
sources, publisher, article or a verdict on the scale) with `announce`. Whatever one
transaction announces is gathered, and once it commits (never if it rolls back):

- the public *generation* moves on, in Django's cache: every cached public answer is kept
  under the generation it was built in (claims/public_cache.py), so all of them are dropped
  at once, without knowing which answers showed the changed claims;
- `public_claims_changed` is sent once, with every claim id and public id the transaction
  changed: the hook for anything that purges by tag (a CDN, Varnish), see docs/scaling.md.

The generation is a time in whole seconds, so it also serves as `Last-Modified`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import django.dispatch
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "public:generation"

# Sent once per committed transaction that changed what the public sees:
# `public_claims_changed.send(sender=Claim, claim_ids=[...], public_ids=[...])`.
public_claims_changed = django.dispatch.Signal()


def generation() -> int:
    """The current public generation; a lost one (cache restart, eviction) starts anew."""
    found = cache.get(GENERATION_KEY)
    if found is None:
        found = int(time.time())
        cache.add(GENERATION_KEY, found, timeout=None)
        found = cache.get(GENERATION_KEY, found)
    return found


def start_new_generation() -> None:
    previous = cache.get(GENERATION_KEY) or 0
    # Two changes within one second still differ.
    cache.set(GENERATION_KEY, max(int(time.time()), previous + 1), timeout=None)


class _Announcement:
    """What one transaction changed, sent once after it commits."""

    def __init__(self, claims: dict[int, str]):
        self.claims = claims
        # Sent, or handed on to a later announcement of the same transaction.
        self.done = False
        self.savepoints: set[str] = set()

    def __call__(self) -> None:
        from claims.models import Claim

        if self.done:
            return
        self.done = True
        start_new_generation()
        public_claims_changed.send(
            sender=Claim,
            claim_ids=list(self.claims),
            public_ids=list(self.claims.values()),
        )


def announce(claims: Iterable[tuple[int, str]], *, scale: bool = False) -> None:
    """Announce, after the current transaction commits, that these (pk, public id) changed.

    `scale=True` announces an edit of the verdict scale, which every public answer shows even
    when no claim is named. Several calls in one transaction make one announcement: each
    call hands what the transaction announced so far on to a new last one.
    """
    changed = dict(claims)
    if not changed and not scale:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        transaction.on_commit(_Announcement(changed))  # runs now
        return
    announcement = _Announcement(changed)
    savepoints = set(connection.savepoint_ids)
    earlier = getattr(connection, "public_announcement", None)
    # Still waiting in this transaction (the last one's, committed or rolled back, is gone).
    if (
        earlier is not None
        and not earlier.done
        and any(entry[1] is earlier for entry in reversed(connection.run_on_commit))
    ):
        earlier.done = True
        announcement.claims = {**earlier.claims, **changed}
        # Dropped only by rolling back a savepoint both calls were made in: a rolled-back
        # inner savepoint may announce a little more than landed, never less.
        savepoints &= earlier.savepoints
    announcement.savepoints = savepoints
    connection.public_announcement = announcement
    # As transaction.on_commit registers it, under the savepoints that can undo it.
    connection.run_on_commit.append((savepoints, announcement, False))


def tags(*, claims: Iterable[str] = (), articles: Iterable[int] = (), lists: bool = False):
    """The purge tags of an answer: `claim-<public id>`, `article-<id>` and `lists`."""
    names = [f"claim-{public_id}" for public_id in claims]
    names += [f"article-{article}" for article in articles]
    if lists:
        names.append("lists")
    return names


def tag_response(response, names: Iterable[str]):
    """Send the tags as `Surrogate-Key` (Fastly, Varnish) and `Cache-Tag` (Cloudflare)."""
    names = list(names)
    if names:
        response.headers["Surrogate-Key"] = " ".join(names)
        response.headers["Cache-Tag"] = ",".join(names)
    return response
