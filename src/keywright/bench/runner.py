"""One benchmark run: every target, every scenario, several repetitions."""

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
from keywright.bench.targets import Target
from keywright.bench.wrk import LoadResult, run_wrk
from keywright.catalog import Catalog
from keywright.server.config import DEV_CONFIG
from keywright.specs.examples import example_requests


@dataclass(frozen=True)
class Measurement:
    target: str
    scenario: str
    load: LoadResult
    peak_memory_mb: float
    cold_start_s: float
    first_status: int


def run_bench(
    catalog: Catalog,
    targets: Sequence[Target],
    scenarios: Sequence[Scenario],
    *,
    seconds: float,
    warmup: float,
    repeat: int,
    progress: Callable[[str], None] = print,
) -> list[Measurement]:
    measurements: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="keywright-bench-") as tmp:
        config = _bench_config(catalog, Path(tmp))
        for round_ in range(1, repeat + 1):
            for target in targets:
                groups = (
                    [[s for s in scenarios if s.api == api] for api in catalog]
                    if target.per_api
                    else [list(scenarios)]
                )
                for group in filter(None, groups):
                    db = Path(tmp) / f"{round_}-{free_port()}.db"
                    measurements += _measure(
                        target, group, db, config, seconds, warmup, round_, progress
                    )
    return measurements


def _measure(
    target: Target,
    group: list[Scenario],
    db: Path,
    config: Path,
    seconds: float,
    warmup: float,
    round_: int,
    progress: Callable[[str], None],
) -> list[Measurement]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    first = group[0]
    server = ServerProcess(target.command(port, first.api if target.per_api else None, db, config))
    try:
        cold, status = server.first_answer(
            url + target.path(first.api, first.route),
            _example_body(first),
            first.headers,
        )
        results = []
        for scenario in group:
            progress(f"[{round_}] {target.name:<22} {scenario.name:<18} ...")
            script = lua_script(scenario, target.path(scenario.api, scenario.route))
            if warmup:
                run_wrk(url, script, seconds=warmup)
            results.append((scenario, run_wrk(url, script, seconds=seconds)))
        peak = server.peak_memory_mb()
    finally:
        server.stop()
    return [Measurement(target.name, s.name, load, peak, cold, status) for s, load in results]


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
