"""`keywright lint` and `keywright generate`: the specs and the models made from them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from keywright.catalog import Catalog
from keywright.cli.options import require_extra, specs_option


@click.command()
@specs_option
@click.argument(
    "files",
    nargs=-1,
    metavar="[SPEC]...",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--external/--no-external",
    default=True,
    show_default=True,
    help="Also run Spectral (spectral:oas) and Redocly (recommended), where Node.js is installed.",
)
def lint(files: tuple[Path, ...], external: bool) -> None:
    """Check specs (default: every spec of the specs folder) with openapi-spec-validator, our own checks, and
    the independent linters Spectral and Redocly."""
    from keywright.specs.lint import Finding, lint_spec

    paths = files or tuple(api.path for api in Catalog.load())
    findings: dict[Path, list[Finding]] = {path: lint_spec(path) for path in paths}
    if external:
        from keywright.specs.external import external_findings, node_unavailable

        why_not = node_unavailable()
        if why_not is None:
            for finding in external_findings(paths):
                findings.setdefault(finding.file, []).append(finding)
        else:
            click.secho(f"(Spectral and Redocly skipped: {why_not})", dim=True)
    failed = 0
    for path in paths:
        if findings[path]:
            failed += 1
            click.secho(
                f"✗ {_display(path)}: {len(findings[path])} problem(s)", fg="red", bold=True
            )
            for finding in findings[path]:
                click.echo(
                    f"  {_display(finding.file)}: {click.style(finding.path, fg='yellow')}: "
                    f"{finding.message} [{finding.check}]"
                )
        else:
            click.secho(f"✓ {_display(path)}", fg="green")
    if failed:
        sys.exit(1)


@click.command()
@specs_option
@click.option(
    "--check", is_flag=True, help="Fail, naming the stale files, if the output is out of date."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write (default: generated/ of this checkout, else ./generated).",
)
def generate(check: bool, out: Path | None) -> None:
    """Generate the pydantic models and the interfaces from the specs."""
    require_extra("generate", "datamodel_code_generator")
    from keywright import codegen

    catalog = Catalog.load()
    out = out or codegen.default_output_dir()
    try:
        if check:
            stale = codegen.stale_files(catalog, out)
            if stale:
                click.secho("✗ generated code is stale; run `make generate`:", fg="red", bold=True)
                for name in stale:
                    click.echo(f"  {name}")
                sys.exit(1)
            click.secho("✓ generated/ matches the specs", fg="green")
            return
        for path in codegen.generate(catalog, out):
            click.secho(f"✓ wrote {_display(path)}", fg="green")
    except codegen.GenerationError as exc:
        click.secho(f"✗ {exc}", fg="red", err=True)
        sys.exit(1)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


COMMANDS = (
    lint,
    generate,
)
