"""Turn measurements into the console lines and the Markdown note in bench/results/LATEST.md."""

from __future__ import annotations

from bench import config


def _figures(result: dict) -> tuple[str, str, str]:
    if result.get("status") != "measured":
        return "—", "—", "—"
    return (
        f"{result['requests_per_second']:,.0f}",
        f"{result['p50_ms']:.2f}",
        f"{result['p99_ms']:.2f}",
    )


def _note(result: dict) -> str:
    if result.get("status") != "measured":
        return result.get("status", "")
    return f"{result['errors']:,} errors" if result.get("errors") else ""


def line(target: config.Target, result: dict) -> str:
    rate, p50, p99 = _figures(result)
    return (
        f"  {target.name:<20} {rate:>10} req/s  p50 {p50:>8} ms  p99 {p99:>8} ms  {_note(result)}"
    )


def matrix_line(row: dict) -> str:
    variant = " ".join(
        f"{k.removeprefix('GUNICORN_').lower()}={v}" for k, v in row["variant"].items()
    )
    rate, p50, p99 = _figures(row)
    return f"  {variant:<45} {row['target']:<12} {rate:>8} req/s p50 {p50} ms p99 {p99} ms"


def ratio(results: dict, numerator: str, denominator: str) -> float | None:
    top, bottom = results.get(numerator, {}), results.get(denominator, {})
    if top.get("status") != "measured" or bottom.get("status") != "measured":
        return None
    return top["requests_per_second"] / bottom["requests_per_second"]


def _targets_table(run: dict) -> list[str]:
    lines = [
        "| target | what | req/s | p50 ms | p99 ms | note |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for target in config.TARGETS:
        result = run["targets"].get(target.name)
        if result is None:
            continue
        rate, p50, p99 = _figures(result)
        lines.append(
            f"| `{target.name}` | {target.label} | {rate} | {p50} | {p99} | {_note(result)} |"
        )
    return lines


def _ratios_table(run: dict) -> list[str]:
    lines = ["| ratio | measured | target |", "| --- | ---: | ---: |"]
    for name, numerator, denominator, goal in config.RATIOS:
        value = ratio(run["targets"], numerator, denominator)
        shown = "not available" if value is None else f"{value:.3g}×"
        wanted = "" if goal is None else f"≥ {goal:g}×"
        if value is not None and goal is not None:
            wanted += " ✓" if value >= goal else " ✗"
        lines.append(f"| {name} | {shown} | {wanted} |")
    return lines


def _scale_table(runs: list[dict]) -> list[str]:
    """p50 of one client alone (the latency of a request), then p50 under wrk's 32."""
    runs = sorted(runs, key=lambda run: run["claims"])
    sizes = [run["claims"] for run in runs]
    alone = " | ".join(f"alone at {size:,}" for size in sizes)
    loaded = " | ".join(f"32 conns at {size:,}" for size in sizes)
    columns = 2 * len(sizes) + 1
    lines = [f"| target | {alone} | growth | {loaded} |", "| --- |" + " ---: |" * columns]
    for target in config.TARGETS:
        if not target.scale:
            continue
        singles, loads, growth_of = [], [], []
        for run in runs:
            result = run["targets"].get(target.name, {})
            single = result.get("single_client", {})
            if single.get("requests"):
                growth_of.append(single["p50_ms"])
                mark = " ✗" if single["p50_ms"] > config.SCALE_P50_LIMIT_MS else " ✓"
                singles.append(f"{single['p50_ms']:.2f}{mark}")
            else:
                status = result.get("status", "—")
                singles.append("—" if status == "measured" else status)
            loaded_p50 = result.get("p50_ms") if result.get("status") == "measured" else None
            loads.append("—" if loaded_p50 is None else f"{loaded_p50:.2f}")
        growth = f"{growth_of[-1] / growth_of[0]:.2f}×" if len(growth_of) == len(runs) > 1 else "—"
        lines.append(
            f"| `{target.name}` | {' | '.join(singles)} | {growth} | {' | '.join(loads)} |"
        )
    return lines


def _matrix_table(rows: list[dict]) -> list[str]:
    lines = ["| gunicorn | view | req/s | p50 ms | p99 ms |", "| --- | --- | ---: | ---: | ---: |"]
    for row in rows:
        variant = ", ".join(
            f"{k.removeprefix('GUNICORN_').lower()} {v}" for k, v in row["variant"].items()
        )
        rate, p50, p99 = _figures(row)
        lines.append(f"| {variant} | `{row['target']}` | {rate} | {p50} | {p99} |")
    return lines


def markdown(outcome: dict) -> str:
    machine, load = outcome["machine"], outcome["wrk"]
    lines = [
        "# Benchmark results",
        "",
        f"Run {outcome['started'][:16].replace('T', ' ')} UTC at commit `{machine['commit']}` "
        f"on {machine['cores']} cores ({machine['cpu'] or 'unknown CPU'}, load average "
        f"{machine.get('load_average_at_start', 0):.1f} at the start); "
        f"wrk -t{load['threads']} -c{load['connections']} -d{load['duration_seconds']}s on "
        "loopback. The app runs as production serves it, `python -m registry.serve` "
        "(Granian, WSGI), with production settings (DEBUG off, PostgreSQL, persistent "
        "connections); the `_gunicorn` rows are the same app under "
        "`registry/gunicorn.conf.py`. Regenerate with `make bench` "
        "(10,000 claims) or `make bench-scale` (and 1,000,000).",
    ]
    if "gunicorn_matrix" in outcome:
        lines += ["", "## Gunicorn configurations", "", *_matrix_table(outcome["gunicorn_matrix"])]
    for run in outcome.get("runs", []):
        lines += [
            "",
            f"## {run['claims']:,} claims (cache: {run['cache']}, badge {run['badge_bytes']} B)",
            "",
            *_targets_table(run),
            "",
            *_ratios_table(run),
        ]
    if len(outcome.get("runs", [])) > 1:
        lines += [
            "",
            f"## Scale (p50 in ms; the target is {config.SCALE_P50_LIMIT_MS:g} ms)",
            "",
            "*Alone*: one connection, one request at a time, so the p50 is what a request "
            "costs. *32 conns*: the p50 under wrk's 32 connections, mostly time queued behind "
            "the others on two cores.",
            "",
            *_scale_table(outcome["runs"]),
        ]
    return "\n".join(lines) + "\n"
