"""The load-test driver (bench/load_test.py) runs, reads wrk, and finds no error here.

Two seconds against the served app: a proof that the driver works, not a measurement.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from tests.faults.conftest import ROOT, _unavailable


def test_the_driver_reports_every_target_without_errors(served_app):
    if not shutil.which("wrk"):
        _unavailable("wrk is not installed (make bench-tools)")
    run = subprocess.run(
        [sys.executable, "-m", "bench.load_test", "--url", served_app.base_url]
        + ["--seconds", "2", "--connections", "8", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    results = {r["target"]: r for r in json.loads(run.stdout)}
    assert set(results) == {"api_list", "api_detail", "badge_svg", "badge_json"}
    for result in results.values():
        assert result["requests"] > 0
        assert result["failed_answers"] == 0
        assert result["socket_errors"]["connect"] == result["socket_errors"]["timeout"] == 0
