"""Gunicorn settings: `gunicorn -c registry/gunicorn.conf.py registry.wsgi`.

Each value can be overridden from the environment. The defaults come from measurements on a
2-core machine (docs/scaling.md, "Serving: gunicorn"): threaded workers, two per core with two
threads each. Once a badge is answered from the cache, its cost is mostly the connection:
threaded workers keep connections alive between requests, sync workers open a new one for
every request, and the badge answered two to three times as many requests with threads. The
database-bound list was the same either way. Run behind a buffering proxy (nginx, a load
balancer or a CDN) all the same: it shields the workers from slow clients.
"""

from __future__ import annotations

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from None


CORES = os.cpu_count() or 1

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = _int("GUNICORN_WORKERS", 2 * CORES)
# Used by the gthread worker class only.
threads = _int("GUNICORN_THREADS", 2)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
backlog = _int("GUNICORN_BACKLOG", 2048)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Recycle workers now and then so a slow leak never grows into an outage.
max_requests = _int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 2000)
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
# Load the application before forking: workers share its memory and start faster.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").strip().lower() in {"1", "true", "yes"}
