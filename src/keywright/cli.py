"""The `keywright` command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from keywright import __version__
from keywright.apis import APIS


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


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
