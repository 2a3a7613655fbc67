"""The `keywright` command line."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import click

from keywright import __version__
from keywright.apis import APIS

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
    from keywright.specs import lint_spec

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
def serve(host: str, port: int, db: str, config_path: Path | None) -> None:
    """Run the reference server: all three APIs, real semantics, one port."""
    import uvicorn

    from keywright.server import create_app
    from keywright.server.banner import banner
    from keywright.server.config import ConfigError, load_config
    from keywright.server.store import open_store

    try:
        config = load_config(config_path)
    except ConfigError as exc:
        click.secho(f"✗ {exc}", fg="red", err=True)
        sys.exit(2)
    store = open_store(db)
    click.secho(banner(f"http://{host}:{port}", config, db), fg="cyan")
    uvicorn.run(create_app(config, store), host=host, port=port, log_level="info")


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
def mock(host: str, port: int, latency_ms: int, cors: bool, reload: bool) -> None:
    """Run the mock server: all three APIs from specs/, no database, responses you can pick."""
    import logging
    import os

    import uvicorn

    from keywright.apis import APIS, SPECS_DIR
    from keywright.app import SWAGGER_UI_PATH

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
        reload_dirs=[str(SPECS_DIR)] if reload else None,
        reload_includes=["*.yaml"] if reload else None,
        access_log=False,
        log_level="info",
    )


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
