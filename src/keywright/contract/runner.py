"""`keywright contract`: schemathesis, every check on, against each API of a deployment.

schemathesis's own CLI does the work and the reporting (progress, per failure the check, a
curl line to reproduce it, the response and why it breaks the spec); this module gives it
per-API credentials, the idempotency hook and one JUnit file for all APIs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from keywright.apis import Api
from keywright.contract.config import Credentials


@dataclass(frozen=True)
class ContractRun:
    url: str
    apis: Sequence[Api]
    credentials: Credentials
    max_examples: int = 50
    seed: int | None = None
    workers: int = 1
    junit: Path | None = None


def run(contract: ContractRun) -> int:
    """Run each API's contract test; 0 only when every one is clean."""
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="keywright-contract-") as tmp:
        reports = []
        for api in contract.apis:
            click.secho(f"\n━━ {api.title}: {contract.url}{api.base_path}", bold=True)
            report = Path(tmp) / f"{api.name}.xml"
            returncode = subprocess.call(
                _command(contract, api, Path(tmp), report), env=_environment()
            )
            if returncode != 0:
                failed.append(api.name)
            if report.exists():
                reports.append(report)
        if contract.junit is not None:
            _merge_junit(reports, contract.junit)
    click.echo()
    for api in contract.apis:
        if api.name in failed:
            click.secho(
                f"✗ {api.name}: the deployment breaks its contract (failures above)", fg="red"
            )
        else:
            click.secho(f"✓ {api.name}: clean", fg="green")
    return 1 if failed else 0


def _command(contract: ContractRun, api: Api, tmp: Path, report: Path) -> list[str]:
    config = tmp / f"{api.name}.toml"
    config.write_text(_config_toml(api, contract.credentials), encoding="utf-8")
    command = [
        str(Path(sys.executable).parent / "st"),
        "--config-file",
        str(config),
        "run",
        f"{contract.url}{api.base_path}/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        str(contract.max_examples),
        "--workers",
        str(contract.workers),
        "--report",
        "junit",
        "--report-junit-path",
        str(report),
    ]
    if contract.seed is not None:
        command += ["--seed", str(contract.seed)]
    return command


def _config_toml(api: Api, credentials: Credentials) -> str:
    lines = []
    for scheme, values in credentials.for_api(api).items():
        lines.append(f"[auth.openapi.{json.dumps(scheme)}]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def _environment() -> dict[str, str]:
    return {**os.environ, "SCHEMATHESIS_HOOKS": "keywright.contract.hooks"}


def _merge_junit(reports: Sequence[Path], target: Path) -> None:
    merged = ET.Element("testsuites")
    for report in reports:
        root = ET.parse(report).getroot()
        suites = [root] if root.tag == "testsuite" else list(root)
        merged.extend(suites)
    target.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(merged).write(target, encoding="utf-8", xml_declaration=True)
