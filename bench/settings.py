"""Production settings plus the benchmark's baseline views (bench/urls.py).

Everything else is exactly `registry.settings`, read from the same environment.
"""

from registry.settings import *  # noqa: F403
from registry.settings import env_bool

ROOT_URLCONF = "bench.urls"

# The "uncached" half of a run measures what building an answer costs: no answer is kept,
# the generation and the lists' counts are (bench/answerless_cache.py).
if not env_bool("BENCH_CACHE", True):
    _WITHOUT_ANSWERS = {
        "registry.cache.TolerantRedisCache": "bench.answerless_cache.RedisWithoutKeptAnswers",
        "django.core.cache.backends.locmem.LocMemCache": (
            "bench.answerless_cache.LocalMemoryWithoutKeptAnswers"
        ),
    }
    CACHES = {
        "default": {
            **CACHES["default"],  # noqa: F405
            "BACKEND": _WITHOUT_ANSWERS[CACHES["default"]["BACKEND"]],  # noqa: F405
        }
    }
