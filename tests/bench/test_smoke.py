"""The benchmark harness runs end to end: every server, one second each, a table and a report."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from keywright.bench.wrk import parse
from keywright.cli import main

WRK_OUTPUT = """Running 1s test @ http://127.0.0.1:4010
  2 threads and 32 connections
  Latency Distribution
     50%    1.50ms
     75%    2.00ms
     90%    3.00ms
     99%  125.00us
  1234 requests in 1.00s, 300.00KB read
  Non-2xx or 3xx responses: 12
Requests/sec:   1234.56
"""


def test_wrk_output_is_read() -> None:
    result = parse(WRK_OUTPUT)
    assert result.requests_per_second == 1234.56
    assert (result.p50_ms, result.p99_ms) == (1.5, 0.125)
    assert (result.requests, result.non_2xx) == (1234, 12)


def test_the_harness_runs_one_second_per_server(tmp_path: Path) -> None:
    output = tmp_path / "results.md"
    result = CliRunner().invoke(
        main,
        [
            "bench",
            "--seconds",
            "1",
            "--warmup",
            "0",
            "--repeat",
            "1",
            "--scenario",
            "API key",
            "--setting",
            "defaults",
            "--output",
            str(output),
        ],
    )
    assert result.exit_code == 0, result.output
    report = output.read_text()
    for server in ("keywright mock", "keywright serve", "prism -m", "connexion --mock=all"):
        rows = [line for line in report.splitlines() if line.startswith(f"| {server} |")]
        assert len(rows) == 1, server
        assert all(float(row.split("|")[3]) > 0 for row in rows), rows  # requests per second
    assert re.search(r"\| prism -m \| API key \| [\d.]+ \| [\d]+–[\d]+ \| 1\.00 \|", report)
    assert "## Machine" in report
    assert re.search(
        r"\| mock ≥ 2× Prism req/s on valid POSTs, defaults \| (yes|\*\*no\*\*) \| 1/1 runs", report
    )
