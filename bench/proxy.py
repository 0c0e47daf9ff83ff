"""The proxy targets: the app behind the shipped nginx configuration, against nginx static.

`python -m bench.proxy --duration 10` (after `python -m bench.run --reuse` has filled the
database): starts the app as `bench.run` does (Granian, production settings, the cache on),
the shipped configuration in front of it (`python -m deploy.nginx`, micro-cache and all; its
per-address limits lifted, since wrk is a single address) and
nginx serving the same bytes as static files, then drives each with wrk and prints the
ratios the issue sets: a badge through the proxy ÷ the badge as a file (≥ 0.8), and the
cached claim list (50 rows) through the proxy ÷ a file of the same size (≥ 0.5).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import django

from bench import config, services, wrk
from bench.run import (
    PRODUCTION_ENV,
    RESULTS,
    flush_cache,
    machine,
    redis_available,
    sample_public_id,
    warm_up,
)

PORT_PROXY = int(os.environ.get("BENCH_PORT_PROXY", "8108"))
# The shipped configuration with only its per-address rates raised, for this run alone: wrk is
# one client address, which the production rates (deploy/nginx/__init__.py) answer with 429s
# within a second. nginx counts the rate in thousandths per millisecond: far larger values
# overflow.
LIMITS = [
    "PAGE_RATE=400000r/s",
    "PAGE_BURST=4000000",
    "BADGE_RATE=400000r/s",
    "BADGE_BURST=4000000",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=config.DURATION_SECONDS)
    args = parser.parse_args(argv)
    started = datetime.now(UTC)
    os.environ.update(PRODUCTION_ENV)
    os.environ["DATABASE_URL"] = config.DATABASE_URL
    django.setup()
    public_id = sample_public_id()
    env = {"BENCH_CACHE": "true", "DATABASE_URL": config.DATABASE_URL}
    if redis_available(config.REDIS_URL):
        env["REDIS_URL"] = config.REDIS_URL
        flush_cache(config.REDIS_URL)
    proxy = f"http://127.0.0.1:{PORT_PROXY}"
    static = f"http://127.0.0.1:{config.PORT_NGINX}"
    paths = {"badge": f"/badge/{public_id}.svg", "list": config.API_LIST}
    with tempfile.TemporaryDirectory(prefix="claimreg-proxy-") as tmp:
        workdir = Path(tmp)
        log = workdir / "servers.log"
        front = [
            sys.executable,
            "-m",
            "deploy.nginx",
            "--listen",
            f"127.0.0.1:{PORT_PROXY}",
            "--upstream",
            f"127.0.0.1:{config.PORT_GUNICORN}",
            # wrk is one client address: the per-address limits would answer 429s.
            *LIMITS,
        ]
        outcome = {"started": started.isoformat(), "machine": machine(), "limits": LIMITS}
        with (
            services.granian(config.PORT_GUNICORN, env, log),
            services.running(front, PORT_PROXY, log=log),
        ):
            # The bytes the proxy sends (its links name the host without the app's port).
            bodies = {name: services.probe(proxy + path)[1] for name, path in paths.items()}
            with services.nginx(config.PORT_NGINX, workdir / "static", bodies["badge"], log):
                (workdir / "static" / "www" / "list.json").write_bytes(bodies["list"])
                (workdir / "static" / "www" / "list.json").chmod(0o644)
                urls = {
                    "badge_static": f"{static}/badge.svg",
                    "badge_proxy": proxy + paths["badge"],
                    "list_static": f"{static}/list.json",
                    "list_proxy": proxy + paths["list"],
                }
                rates, results = {}, {}
                for name, url in urls.items():
                    status, body, _headers = services.probe(url)
                    if status != 200:
                        raise SystemExit(f"{url} answers {status}")
                    print(f"{name:14} {len(body):>10,} bytes", flush=True)
                    warm_up(url)
                    measured = wrk.run(
                        url,
                        threads=config.THREADS,
                        connections=config.CONNECTIONS,
                        seconds=args.duration,
                    )
                    rates[name] = measured.requests_per_second
                    results[name] = {**measured.as_dict(), "bytes": len(body)}
                    status, _body, _headers = services.probe(url)
                    if status != 200:  # refused under load: the figure would be of 429s
                        print(f"{name}: answers {status} after the run; not counted")
                        rates[name] = None
                        results[name]["status"] = f"answers {status} after the run"
                    print(f"{name:14} {measured.requests_per_second:>10,.0f} req/s", flush=True)
    outcome["targets"] = results
    outcome["load_average_at_end"] = os.getloadavg()[0]
    outcome["ratios"] = {}
    for what in ("badge", "list"):
        proxied, static_rate = rates[f"{what}_proxy"], rates[f"{what}_static"]
        ratio = proxied / static_rate if proxied and static_rate else None
        outcome["ratios"][f"{what} through the proxy ÷ static"] = ratio
        print(f"{what} through the proxy ÷ static: {f'{ratio:.2f}×' if ratio else 'not measured'}")
    stamp = started.strftime("%Y-%m-%d-%H%M")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{stamp}-proxy.json").write_text(json.dumps(outcome, indent=2))
    print(f"written: bench/results/{stamp}-proxy.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
