"""The cache of the benchmark's "uncached" half: everything but the kept answers.

That half measures what building an answer costs, so no whole answer may be kept
(claims/public_cache.py): every request reads the database. What the design keeps across
answers stays, as in production: the public generation, and the count of each list under it
(api/pagination.py), which the first page-numbered request after a public change pays.
Datasette, which the list is compared with, likewise counts an immutable table once.
"""

from __future__ import annotations

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

from claims.public_cache import KEY_PREFIX
from registry.cache import TolerantRedisCache


def _kept_answer(key: str) -> bool:
    return key.startswith(KEY_PREFIX)


class _WithoutKeptAnswers:
    def get(self, key, default=None, version=None):
        return default if _kept_answer(key) else super().get(key, default, version)

    def get_many(self, keys, version=None):
        return super().get_many([key for key in keys if not _kept_answer(key)], version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return not _kept_answer(key) and super().add(key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not _kept_answer(key):
            super().set(key, value, timeout, version)


class RedisWithoutKeptAnswers(_WithoutKeptAnswers, TolerantRedisCache):
    pass


class LocalMemoryWithoutKeptAnswers(_WithoutKeptAnswers, LocMemCache):
    pass
