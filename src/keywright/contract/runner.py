"""`keywright contract`: schemathesis, every check on, against each API of a deployment.

The contract is our spec, never the deployment's opinion of itself: schemathesis loads the
spec file and sends requests to `--url` + the spec's base path. schemathesis's own CLI does
the testing and the reporting (per failure the check, why the response breaks the spec, a
curl line); this module adds the credentials, the idempotency hook, a tally of every answer
so that a run in which an operation never accepted a request fails, and one JUnit file.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click
import httpx
import tomli_w

from keywright.contract.config import settings
from keywright.contract.credentials import Credentials
from keywright.contract.junit import SuiteReport, write_junit
from keywright.contract.suite import Suite
from keywright.contract.tally import read_tally, recording_to
from keywright.contract.verdict import judge


@dataclass(frozen=True)
class ContractRun:
    url: str
    suites: Sequence[Suite]
    credentials: Credentials
    report_dir: Path
    junit: Path | None = None
    max_examples: int = 50
    seed: int | None = None
    workers: int = 1
    checks: str = "all"
    exclude_checks: str | None = None
    phases: str = "examples,coverage,fuzzing,stateful"
    headers: Sequence[str] = ()
    parameters: Mapping[str, str] = field(default_factory=dict)
    request_timeout: float | None = None
    tls_verify: bool = True


def run(contract: ContractRun) -> int:
    """Run each API's contract test; 0 only when every API was tested and is clean."""
    reports, verdicts = [], []
    for suite in contract.suites:
        click.secho(f"\n━━ {suite.name}: {contract.url}{suite.base_path}", bold=True)
        report, problems = _run_suite(contract, suite)
        reports.append(report)
        verdicts.append((suite, report, problems))
    junit = contract.junit or contract.report_dir / "junit.xml"
    write_junit(reports, junit)
    click.echo()
    failed = False
    for suite, report, problems in verdicts:
        if problems:
            failed = True
            click.secho(f"✗ {suite.name}: {problems[0]}", fg="red")
            for problem in problems[1:]:
                click.secho(f"  {problem}", fg="red")
        else:
            accepted = ", ".join(
                f"{c.operation.operation_id} {sum(n for s, n in c.statuses.items() if s < 300)}"
                f"/{sum(c.statuses.values())} accepted"
                for c in report.coverage
            )
            click.secho(f"✓ {suite.name}: clean ({accepted})", fg="green")
    click.echo(f"Reports: {junit} (JUnit), {contract.report_dir}/<api>/ (schemathesis)")
    return 1 if failed else 0


def wait_for(url: str, seconds: float, *, verify: bool = True) -> bool:
    """Whether `url` answers anything (any status) within `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            httpx.get(url, timeout=2, verify=verify)
            return True
        except httpx.TransportError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.25)


def _run_suite(contract: ContractRun, suite: Suite) -> tuple[SuiteReport, list[str]]:
    folder = contract.report_dir / suite.name
    if suite.load_error is not None:
        click.secho(f"✗ {suite.load_error}", fg="red")
        return SuiteReport(suite.name, folder / "junit.xml", [], [suite.load_error]), [
            suite.load_error
        ]
    folder.mkdir(parents=True, exist_ok=True)
    responses, junit, report = (
        folder / "responses.ndjson",
        folder / "junit.xml",
        folder / "report.json",
    )
    for stale in (responses, junit, report):
        stale.unlink(missing_ok=True)
    config = folder / "schemathesis.toml"
    config.write_text(
        tomli_w.dumps(settings(suite, contract.credentials, parameters=contract.parameters)),
        encoding="utf-8",
    )
    with recording_to(responses):
        returncode = _schemathesis(_arguments(contract, suite, config, folder))

    covered = judge(suite, read_tally(responses), contract.credentials, contract.url)
    errors = _run_errors(report, returncode)
    problems = [*errors, *(c.untested for c in covered if c.untested is not None)]
    if returncode != 0 and not problems:
        problems.append("the deployment breaks its contract (failures above)")
    return SuiteReport(suite.name, junit, covered, errors), problems


def _schemathesis(arguments: list[str]) -> int:
    """schemathesis's own CLI, in this process: its start-up (about 2 s) is paid once per run,
    not once per API."""
    from schemathesis.cli import schemathesis as cli

    import keywright.contract.hooks  # noqa: F401  (registers the hooks)

    try:
        cli.main(arguments, prog_name="st")
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else 1
    return 0


def _arguments(contract: ContractRun, suite: Suite, config: Path, folder: Path) -> list[str]:
    command = [
        "--config-file",
        str(config),
        "run",
        str(suite.spec),
        "--url",
        f"{contract.url}{suite.base_path}",
        "--checks",
        contract.checks,
        "--phases",
        contract.phases,
        "--max-examples",
        str(contract.max_examples),
        "--workers",
        str(contract.workers),
        "--report",
        "junit,json",
        "--report-dir",
        str(folder),
        "--report-junit-path",
        str(folder / "junit.xml"),
        "--report-json-path",
        str(folder / "report.json"),
    ]
    if contract.exclude_checks:
        command += ["--exclude-checks", contract.exclude_checks]
    if contract.seed is not None:
        command += ["--seed", str(contract.seed)]
    if contract.request_timeout is not None:
        command += ["--request-timeout", str(contract.request_timeout)]
    if not contract.tls_verify:
        command += ["--tls-verify", "false"]
    for header in contract.headers:
        command += ["-H", header]
    return command


def _run_errors(report: Path, returncode: int) -> list[str]:
    """Errors that stopped schemathesis from testing, from its JSON report."""
    if not report.exists():
        return [f"schemathesis stopped before writing its report (exit code {returncode})"]
    data = json.loads(report.read_text(encoding="utf-8"))
    errors = [
        f"schemathesis: {_first_line(error)} (details above)" for error in data.get("errors", [])
    ]
    if data.get("operations", {}).get("tested", 0) == 0 and not errors:
        errors.append("no operation was tested")
    return errors


def _first_line(error: object) -> str:
    if isinstance(error, dict):
        text = error.get("message") or error.get("title") or json.dumps(error)
    else:
        text = str(error)
    return str(text).strip().splitlines()[0] if str(text).strip() else "error"
