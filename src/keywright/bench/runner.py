"""One benchmark run: every setting, target and scenario, several repetitions (each
repetition measures every server once, so ratios compare servers measured minutes apart)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from keywright.apis import package_for
from keywright.bench.process import ServerProcess, free_port
from keywright.bench.scenarios import Scenario, lua_script
from keywright.bench.targets import Setting, Target
from keywright.bench.wrk import LoadResult, run_wrk
from keywright.catalog import Catalog
from keywright.server.config import DEV_CONFIG
from keywright.specs.examples import example_requests


@dataclass(frozen=True)
class Measurement:
    round: int
    setting: str
    target: str
    scenario: str
    valid: bool
    load: LoadResult
    peak_memory_mb: float
    cold_start_s: float


def run_bench(
    catalog: Catalog,
    targets: Sequence[Target],
    scenarios: Sequence[Scenario],
    *,
    seconds: float,
    warmup: float,
    repeat: int,
    settings: Sequence[Setting],
    progress: Callable[[str], None] = print,
) -> list[Measurement]:
    measurements: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="keywright-bench-") as tmp:
        config = _bench_config(catalog, Path(tmp))
        for round_ in range(1, repeat + 1):
            # one server's settings back to back: its quiet and default rows are seconds apart
            for target in targets:
                groups = (
                    [[s for s in scenarios if s.api == api] for api in catalog]
                    if target.per_api
                    else [list(scenarios)]
                )
                # every other round the other way round: neither setting always goes first
                in_order = settings if round_ % 2 else list(reversed(settings))
                for group in filter(None, groups):
                    for setting in filter(target.runs_under, in_order):
                        db = Path(tmp) / f"{round_}-{free_port()}.db"
                        run = _Run(round_, setting, target, db, config)
                        measurements += _measure(run, group, seconds, warmup, progress)
    return measurements


@dataclass(frozen=True)
class _Run:
    round: int
    setting: Setting
    target: Target
    db: Path
    config: Path


def _measure(
    run: _Run,
    group: list[Scenario],
    seconds: float,
    warmup: float,
    progress: Callable[[str], None],
) -> list[Measurement]:
    target = run.target
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    first = group[0]
    api = first.api if target.per_api else None
    server = ServerProcess(target.command(port, api, run.db, run.config, run.setting))
    try:
        cold = server.first_answer(
            url + target.path(first.api, first.route),
            _example_body(first),
            first.headers,
        )
        results = []
        for scenario in group:
            progress(
                f"[{run.round}] {run.setting.name:<17} {target.name:<22} {scenario.name:<18} ..."
            )
            script = lua_script(scenario, target.path(scenario.api, scenario.route))
            if warmup:
                run_wrk(url, script, seconds=warmup)
            results.append((scenario, run_wrk(url, script, seconds=seconds)))
        peak = server.peak_memory_mb()
    finally:
        server.stop()
    return [
        Measurement(run.round, run.setting.name, target.name, s.name, s.valid, load, peak, cold)
        for s, load in results
    ]


def _bench_config(catalog: Catalog, folder: Path) -> Path:
    """The development config, changed as each API package asks for benchmarks (room for every
    key the load creates)."""
    config = yaml.safe_load(DEV_CONFIG.read_text(encoding="utf-8"))
    for api in catalog:
        package = package_for(api)
        if package is not None and package.bench_config:
            config[api.module_name].update(package.bench_config)
    path = folder / "bench-config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def _example_body(scenario: Scenario) -> str:
    """The spec's first request example: what a person would send first."""
    return json.dumps(next(example_requests(scenario.api.doc)).body)
