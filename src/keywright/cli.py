"""The `keywright` command line."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import click

from keywright import __version__
from keywright.apis import APIS

HTTP_PROTOCOL = "keywright.errors.protocol:EnvelopeHttpProtocol"
"""uvicorn's httptools protocol, answering requests HTTP refuses in the API's envelope."""

# Connexion 3.3 imports starlette's test client at start-up, which warns on every run.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="keywright")
def main() -> None:
    """keywright: OpenAPI-first contract package for three credential-issuing APIs."""


@main.command()
@click.argument("specs", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def lint(specs: tuple[Path, ...]) -> None:
    """Check specs (default: all of specs/) with openapi-spec-validator and our own checks."""
    from keywright.specs.lint import lint_spec

    paths = specs or tuple(api.spec_path for api in APIS)
    failed = 0
    for path in paths:
        findings = lint_spec(path)
        if findings:
            failed += 1
            click.secho(f"✗ {_display(path)}: {len(findings)} problem(s)", fg="red", bold=True)
            for finding in findings:
                click.echo(
                    f"  {_display(finding.file)}: {click.style(finding.path, fg='yellow')}: "
                    f"{finding.message} [{finding.check}]"
                )
        else:
            click.secho(f"✓ {_display(path)}", fg="green")
    if failed:
        sys.exit(1)


@main.command()
@click.option(
    "--check", is_flag=True, help="Fail, naming the stale files, if generated/ is out of date."
)
def generate(check: bool) -> None:
    """Generate pydantic models in generated/ from the specs."""
    from keywright import codegen

    try:
        if check:
            stale = codegen.stale_files()
            if stale:
                click.secho("✗ generated code is stale; run `make generate`:", fg="red", bold=True)
                for name in stale:
                    click.echo(f"  {name}")
                sys.exit(1)
            click.secho("✓ generated/ matches the specs", fg="green")
            return
        for path in codegen.generate():
            click.secho(f"✓ wrote {_display(path)}", fg="green")
    except codegen.GenerationError as exc:
        click.secho(f"✗ {exc}", fg="red", err=True)
        sys.exit(1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--db",
    default="data/keywright.db",
    show_default=True,
    help="SQLite file (created on first start), or :memory: for a throwaway run.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Config file (default: the built-in development config).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes serving requests (they share the SQLite file; not with :memory:).",
)
def serve(host: str, port: int, db: str, config_path: Path | None, workers: int) -> None:
    """Run the reference server: all three APIs, real semantics, one port."""
    import os

    import uvicorn

    from keywright.server.banner import banner
    from keywright.server.config import ConfigError, load_config
    from keywright.server.store import open_store

    try:
        config = load_config(config_path)
    except ConfigError as exc:
        click.secho(f"✗ {exc}", fg="red", err=True)
        sys.exit(2)
    if workers > 1 and db == ":memory:":
        click.secho(
            "✗ --workers needs a database file: in-memory stores are per process",
            fg="red",
            err=True,
        )
        sys.exit(2)
    open_store(db).close()  # create the file (and fail here, clearly) before workers start
    click.secho(banner(f"http://{host}:{port}", config, db), fg="cyan")
    os.environ["KEYWRIGHT_DB"] = db
    if config_path is not None:
        os.environ["KEYWRIGHT_CONFIG"] = str(config_path)
    uvicorn.run(
        "keywright.server:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        http=HTTP_PROTOCOL,
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=4010, show_default=True, type=int)
@click.option(
    "--latency",
    "latency_ms",
    default=0,
    show_default=True,
    type=click.IntRange(0, 60_000),
    help="Delay every response by this many milliseconds.",
)
@click.option(
    "--cors/--no-cors", default=True, show_default=True, help="Answer browsers' CORS requests."
)
@click.option("--reload", is_flag=True, help="Restart when anything under specs/ changes.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes serving requests (the mock keeps no state).",
)
def mock(host: str, port: int, latency_ms: int, cors: bool, reload: bool, workers: int) -> None:
    """Run the mock server: all three APIs from specs/, no database, responses you can pick."""
    import logging
    import os

    import uvicorn

    from keywright.apis import APIS, SPECS_DIR, SWAGGER_UI_PATH

    logging.basicConfig(format="%(message)s")
    logging.getLogger("keywright").setLevel(logging.INFO)
    url = f"http://{host}:{port}"
    lines = [f"keywright mock on {url}  (any well-formed credential is accepted)", ""]
    lines += [f"  {api.title:<12} {url}{api.base_path}{SWAGGER_UI_PATH}/" for api in APIS]
    lines += [
        "",
        "Pick a response: Prefer: code=409 | example=NAME | dynamic=true | seed=N | delay=MS",
        "(or ?__code=409&__example=NAME&__dynamic=true&__seed=N&__delay=MS)",
    ]
    click.secho("\n".join(lines), fg="cyan")
    os.environ["KEYWRIGHT_MOCK_LATENCY_MS"] = str(latency_ms)
    os.environ["KEYWRIGHT_MOCK_CORS"] = "1" if cors else "0"
    uvicorn.run(
        "keywright.mock:app_from_environment",
        factory=True,
        host=host,
        port=port,
        reload=reload,
        workers=None if reload else workers,
        reload_dirs=[str(SPECS_DIR)] if reload else None,
        reload_includes=["*.yaml"] if reload else None,
        access_log=False,
        log_level="info",
        http=HTTP_PROTOCOL,
    )


@main.command()
@click.option(
    "--url", help="Base URL of a running deployment (default: our reference server, in-process)."
)
@click.option(
    "--mock",
    "use_mock",
    is_flag=True,
    help="Without --url: test our mock instead of the reference server.",
)
@click.option(
    "--api",
    "api_names",
    multiple=True,
    type=click.Choice([a.name for a in APIS]),
    help="Only these APIs (repeatable; default: all three).",
)
@click.option("--max-examples", default=50, show_default=True, type=click.IntRange(1))
@click.option("--seed", type=int, help="Fix the random seed to reproduce a run.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--junit",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a JUnit XML report here.",
)
@click.option(
    "--proxy-api-key",
    envvar="KEYWRIGHT_PROXY_API_KEY",
    help="Proxy keys x-api-key [KEYWRIGHT_PROXY_API_KEY].",
)
@click.option(
    "--oauth-token",
    envvar="KEYWRIGHT_OAUTH_TOKEN",
    help="Access keys OAuth2 token [KEYWRIGHT_OAUTH_TOKEN].",
)
@click.option(
    "--basic-user",
    envvar="KEYWRIGHT_BASIC_USER",
    help="Access keys Basic user [KEYWRIGHT_BASIC_USER].",
)
@click.option(
    "--basic-password",
    envvar="KEYWRIGHT_BASIC_PASSWORD",
    help="... and password [KEYWRIGHT_BASIC_PASSWORD].",
)
@click.option(
    "--admin-token",
    envvar="KEYWRIGHT_ADMIN_TOKEN",
    help="API keys AdminToken [KEYWRIGHT_ADMIN_TOKEN].",
)
def contract(
    url: str | None,
    use_mock: bool,
    api_names: tuple[str, ...],
    max_examples: int,
    seed: int | None,
    workers: int,
    junit: Path | None,
    proxy_api_key: str | None,
    oauth_token: str | None,
    basic_user: str | None,
    basic_password: str | None,
    admin_token: str | None,
) -> None:
    """Prove a deployment honours the contract: schemathesis with every check, per API."""
    from contextlib import nullcontext

    from keywright.apis import get_api
    from keywright.contract.config import Credentials
    from keywright.contract.local import local_target, serving
    from keywright.contract.runner import ContractRun, run

    given = Credentials(proxy_api_key, oauth_token, basic_user, basic_password, admin_token)
    if url is None:
        app, defaults = local_target(mock=use_mock)
        given = given.or_else(defaults)
        server = serving(app)
    else:
        server = nullcontext(url.rstrip("/"))
    apis = tuple(get_api(name) for name in api_names) or APIS
    with server as base_url:
        code = run(ContractRun(base_url, apis, given, max_examples, seed, workers, junit))
    sys.exit(code)


@main.command()
@click.option("--seconds", default=10.0, show_default=True, help="Measured load per scenario.")
@click.option(
    "--warmup", default=3.0, show_default=True, help="Unmeasured load before each scenario."
)
@click.option(
    "--repeat",
    default=3,
    show_default=True,
    type=click.IntRange(1),
    help="Repetitions (medians are reported).",
)
@click.option("--target", "target_names", multiple=True, help="Only these servers (repeatable).")
@click.option(
    "--scenario", "scenario_names", multiple=True, help="Only these scenarios (repeatable)."
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("bench/results.md"),
    show_default=True,
)
def bench(
    seconds: float,
    warmup: float,
    repeat: int,
    target_names: tuple[str, ...],
    scenario_names: tuple[str, ...],
    output: Path,
) -> None:
    """Benchmark our mock and server against Prism and Connexion's mock, same load, one run."""
    from keywright.bench.report import render_markdown, render_terminal, summarise
    from keywright.bench.runner import run_bench
    from keywright.bench.scenarios import SCENARIOS
    from keywright.bench.targets import TARGETS

    targets = [t for t in TARGETS if not target_names or t.name in target_names]
    scenarios = [s for s in SCENARIOS if not scenario_names or s.name in scenario_names]
    measurements = run_bench(
        targets,
        scenarios,
        seconds=seconds,
        warmup=warmup,
        repeat=repeat,
        progress=lambda line: click.secho(line, dim=True),
    )
    rows = summarise(measurements)
    click.echo(render_terminal(rows))
    notes_file = output.parent / "notes.md"
    notes = notes_file.read_text(encoding="utf-8") if notes_file.exists() else ""
    settings = (
        f"wrk -t2 -c32, {seconds:g} s measured after {warmup:g} s warm-up, {repeat} repetitions"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_markdown(rows, settings, notes), encoding="utf-8")
    click.secho(f"✓ wrote {output}", fg="green")


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
