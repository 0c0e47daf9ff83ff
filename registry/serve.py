"""The production server: `python -m registry.serve` runs Granian on the WSGI application.

Granian parses HTTP in Rust and calls the same WSGI application gunicorn would
(registry/wsgi.py). On the 2-core benchmark machine it answered a kept badge about six
times as fast as gunicorn's best worker class: gunicorn's own Python HTTP handling caps a
hello-world WSGI app at about 15,000 requests a second there, Granian's at about 90,000
(docs/scaling.md, "Serving"). Database-bound requests cost the same under either.

Every setting is Granian's own environment variable (`GRANIAN_WORKERS`, `GRANIAN_PORT`…,
see `granian --help`); this only fills in the defaults chosen from measurements, so an
operator's value always wins:

| variable | default | why |
| --- | --- | --- |
| `GRANIAN_HOST`, `GRANIAN_PORT` | `127.0.0.1`, `8000` | behind a TLS proxy on the same host |
| `GRANIAN_WORKERS` | one per core | one Python interpreter per core; more added nothing |
| `GRANIAN_BLOCKING_THREADS` | 8 | kept answers wait on Redis; other threads work meanwhile |
| `GRANIAN_BACKLOG` | 2048 | as gunicorn's default |
| `GRANIAN_RESPAWN_FAILED_WORKERS` | true | a crashed worker comes back |
| `GRANIAN_WORKERS_LIFETIME` | 6 hours | recycled now and then, so a slow leak never grows |
| `GRANIAN_WORKERS_KILL_TIMEOUT` | 30 s | requests in flight finish on a restart |

`registry/gunicorn.conf.py` stays supported for sites that standardise on gunicorn.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

APPLICATION = "registry.wsgi:application"


def defaults() -> dict[str, str]:
    return {
        "GRANIAN_INTERFACE": "wsgi",
        "GRANIAN_HOST": "127.0.0.1",
        "GRANIAN_PORT": "8000",
        "GRANIAN_WORKERS": str(os.cpu_count() or 1),
        "GRANIAN_BLOCKING_THREADS": "8",
        "GRANIAN_BACKLOG": "2048",
        "GRANIAN_RESPAWN_FAILED_WORKERS": "true",
        "GRANIAN_WORKERS_LIFETIME": "6h",
        "GRANIAN_WORKERS_KILL_TIMEOUT": "30",
    }


def environment(base: dict[str, str]) -> dict[str, str]:
    """`base` with every unset Granian setting given its default."""
    return {**defaults(), **{k: v for k, v in base.items() if v != ""}}


def executable() -> str:
    beside = Path(sys.executable).with_name("granian")
    found = str(beside) if beside.exists() else shutil.which("granian")
    if found is None:
        raise SystemExit("granian is not installed: pip install -r requirements.txt")
    return found


def main() -> None:
    program = executable()
    os.execve(program, [program, APPLICATION], environment(dict(os.environ)))  # noqa: S606


if __name__ == "__main__":
    main()
