"""Production settings plus the benchmark's baseline views (bench/urls.py).

Everything else is exactly `registry.settings`, read from the same environment.
"""

from registry.settings import *  # noqa: F403
from registry.settings import env_bool

ROOT_URLCONF = "bench.urls"

# The "uncached" half of a run measures what the database costs: no cache at all.
if not env_bool("BENCH_CACHE", True):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
