"""Medians and spreads over repetitions, ratios to Prism, the targets' verdicts, a terminal
table and bench/results.md."""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from statistics import median

from keywright.bench.runner import Measurement
from keywright.bench.targets import PEER, PRISM_VERSION, SETTINGS

MOCK, SERVE = "keywright mock", "keywright serve"
DEFAULTS, EVERY_CORE = SETTINGS[0].name, SETTINGS[-1].name  # the two the targets name

COLUMNS = (
    "server",
    "scenario",
    "req/s",
    "min–max",
    "×Prism",
    "min–max",
    "p50 ms",
    "p99 ms",
    "×Prism",
    "peak MB",
    "×Prism",
    "start s",
    "×Prism",
    "non-2xx",
)


@dataclass(frozen=True)
class Row:
    """One server on one scenario at one setting, over every repetition."""

    setting: str
    server: str
    scenario: str
    runs: list[Measurement]
    peers: dict[int, Measurement]
    """Prism's measurement of the same scenario, by repetition."""

    def values(self, of: Callable[[Measurement], float]) -> list[float]:
        return [of(m) for m in self.runs]

    def ratios(self, of: Callable[[Measurement], float]) -> list[float]:
        """Ours over Prism's, repetition by repetition."""
        return [
            of(m) / of(peer)
            for m in self.runs
            if (peer := self.peers.get(m.round)) is not None and of(peer)
        ]

    def cells(self) -> list[str]:
        rps = self.values(_rps)
        non_2xx = sum(m.load.non_2xx for m in self.runs) / (
            sum(m.load.requests for m in self.runs) or 1
        )
        return [
            self.server,
            self.scenario,
            f"{median(rps):.0f}",
            f"{min(rps):.0f}–{max(rps):.0f}",
            _ratio(self.ratios(_rps)),
            _spread(self.ratios(_rps)),
            f"{median(self.values(_p50)):.2f}",
            f"{median(self.values(_p99)):.2f}",
            _ratio(self.ratios(_p99)),
            f"{median(self.values(_memory)):.0f}",
            _ratio(self.ratios(_memory)),
            f"{median(self.values(_start)):.2f}",
            _ratio(self.ratios(_start)),
            f"{100 * non_2xx:.0f}%",
        ]


@dataclass(frozen=True)
class Verdict:
    target: str
    met: bool
    detail: str


def rows(measurements: Sequence[Measurement]) -> list[Row]:
    groups: dict[tuple[str, str, str], list[Measurement]] = {}
    for m in measurements:
        groups.setdefault((m.setting, m.target, m.scenario), []).append(m)
    compared_with = {setting.name: setting.compared_with for setting in SETTINGS}
    return [
        Row(
            setting,
            server,
            scenario,
            runs,
            {m.round: m for m in groups.get((compared_with[setting], PEER, scenario), [])},
        )
        for (setting, server, scenario), runs in groups.items()
    ]


def verdicts(table: Sequence[Row], log_line_us: float | None = None) -> list[Verdict]:
    """The targets of bench/notes.md, judged on this run: every repetition must meet them.
    `log_line_us` is the log line's measured cost per request (`bench.log_cost`)."""
    found = [_all_answered(table)]
    for setting in (DEFAULTS, EVERY_CORE):
        found += _at_least(table, MOCK, setting, 2.0)
    found += _at_least(table, SERVE, DEFAULTS, 1.0)
    if log_line_us is not None:
        found += _log_line(table, MOCK, log_line_us)
    starts = [m.cold_start_s for row in _valid(table, MOCK, DEFAULTS) for m in row.runs]
    if starts:
        found.append(
            Verdict(
                "mock cold start ≤ 1 s, at defaults",
                max(starts) <= 1.0,
                f"{len([s for s in starts if s <= 1.0])}/{len(starts)} starts; slowest "
                f"{max(starts):.2f} s",
            )
        )
    for setting in (DEFAULTS, EVERY_CORE):
        p99 = [r for row in _valid(table, MOCK, setting) for r in row.ratios(_p99)]
        if p99:
            found.append(
                Verdict(
                    f"mock p99 ≤ Prism's, {setting}",
                    max(p99) <= 1.0,
                    f"{len([r for r in p99 if r <= 1.0])}/{len(p99)} runs; highest {max(p99):.2f}×",
                )
            )
    return found


def _all_answered(table: Sequence[Row]) -> Verdict:
    """A ratio of refusals is no ratio: every valid POST to ours and to Prism must succeed."""
    runs = [m for row in table if row.server in (MOCK, SERVE, PEER) for m in row.runs if m.valid]
    refused = [m for m in runs if m.load.non_2xx or not m.load.requests]
    where = ", ".join(sorted({f"{m.target} {m.scenario} ({m.setting})" for m in refused}))
    return Verdict(
        "every valid POST answered 2xx (ours and Prism)",
        not refused and bool(runs),
        f"{len(runs) - len(refused)}/{len(runs)} runs" + (f"; refused: {where}" if where else ""),
    )


def _at_least(table: Sequence[Row], server: str, setting: str, ratio: float) -> list[Verdict]:
    ratios = [r for row in _valid(table, server, setting) for r in row.ratios(_rps)]
    if not ratios:
        return []
    met = [r for r in ratios if r >= ratio]
    return [
        Verdict(
            f"{server.removeprefix('keywright ')} ≥ {ratio:g}× Prism req/s on valid POSTs, "
            f"{setting}",
            len(met) == len(ratios),
            f"{len(met)}/{len(ratios)} runs; {min(ratios):.2f}–{max(ratios):.2f}×",
        )
    ]


def _log_line(table: Sequence[Row], server: str, microseconds: float) -> list[Verdict]:
    """The line's cost as a share of each run's time per request at defaults: measured
    directly, since req/s with and without it differ by less than a run's noise."""
    rates = [_rps(m) for row in _valid(table, server, DEFAULTS) for m in row.runs]
    if not rates:
        return []
    shares = [microseconds * rate / 1e6 for rate in rates]
    return [
        Verdict(
            f"{server.removeprefix('keywright ')}'s log line costs ≤ 5 % of req/s, defaults",
            max(shares) <= 0.05,
            f"{microseconds:.1f} µs a request on the event loop: {100 * max(shares):.1f} % of "
            f"the fastest run ({max(rates):.0f} req/s), {len(shares)} runs",
        )
    ]


def _valid(table: Sequence[Row], server: str, setting: str) -> list[Row]:
    return [
        row
        for row in table
        if row.server == server and row.setting == setting and all(m.valid for m in row.runs)
    ]


def render_terminal(table: Sequence[Row], log_line_us: float | None = None) -> str:
    parts = []
    for setting in SETTINGS:
        cells = [list(COLUMNS), *[row.cells() for row in table if row.setting == setting.name]]
        if len(cells) == 1:
            continue
        widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in cells]
        parts.append("\n".join([setting.heading, *lines]))
    parts.append(
        "\n".join(
            f"{'✓' if v.met else '✗'} {v.target}: {v.detail}" for v in verdicts(table, log_line_us)
        )
    )
    return "\n\n".join(parts)


def render_markdown(
    table: Sequence[Row], settings: str, notes: str, log_line_us: float | None = None
) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `make bench` (`keywright bench`) on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. "
        "Figures are medians over the repetitions, with the lowest and highest; `×Prism` is "
        f"the ratio to Prism {PRISM_VERSION} `mock -m` on the same scenario, at the same "
        "logging, in the same repetition (higher is better for req/s, lower for "
        "latency, memory and start-up).",
        "",
        f"Settings: {settings}.",
        "",
        "## Machine",
        "",
        *[f"- {line}" for line in machine()],
        "",
        "## Targets, judged on this run",
        "",
        "| target | met | detail |",
        "|---|---|---|",
        *[
            f"| {v.target} | {'yes' if v.met else '**no**'} | {v.detail} |"
            for v in verdicts(table, log_line_us)
        ],
        "",
    ]
    for setting in SETTINGS:
        body = [row.cells() for row in table if row.setting == setting.name]
        if body:
            lines += [
                f"## {setting.heading}",
                "",
                "| " + " | ".join(COLUMNS) + " |",
                "|" + "---|" * len(COLUMNS),
                *["| " + " | ".join(cells) + " |" for cells in body],
                "",
            ]
    lines += [
        "`start s` is the time from process start to the first answer to a real request; "
        "`non-2xx` the share of answers that were not a success.",
        "",
    ]
    return "\n".join(lines) + notes


def machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    wrk = _version(["wrk", "--version"])
    return [
        f"CPU: {cpu}, {os.cpu_count()} cores; memory {memory_kb / 1024 / 1024:.0f} GiB",
        f"OS: {platform.platform()}",
        f"Python {platform.python_version()}; Node {_version(['node', '--version'])}; "
        f"{wrk.splitlines()[0] if wrk else 'wrk'}",
    ]


def _rps(m: Measurement) -> float:
    return m.load.requests_per_second


def _p50(m: Measurement) -> float:
    return m.load.p50_ms


def _p99(m: Measurement) -> float:
    return m.load.p99_ms


def _memory(m: Measurement) -> float:
    return m.peak_memory_mb


def _start(m: Measurement) -> float:
    return m.cold_start_s


def _ratio(values: list[float]) -> str:
    return f"{median(values):.2f}" if values else "–"


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f}" if values else "–"


def _version(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except OSError:
        return "unknown"
    return (result.stdout or result.stderr).strip()
