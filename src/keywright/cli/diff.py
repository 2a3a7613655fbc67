"""`keywright diff`: breaking spec changes, caught in CI before clients meet them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from keywright.cli.options import specs_option


@click.command()
@specs_option
@click.argument("old", required=False, type=click.Path(exists=True, path_type=Path))
@click.argument("new", required=False, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--base",
    metavar="GIT_REF",
    help="Compare the specs folder at this git ref (where HEAD left it) with the working tree.",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="markdown: for a CI job summary, a PR comment or release notes; json: for tools.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["breaking", "warning"]),
    default="breaking",
    show_default=True,
    help="Exit 1 when a change of this level or worse is found.",
)
def diff(old: Path | None, new: Path | None, base: str | None, output: str, fail_on: str) -> None:
    """What changed between OLD and NEW (two spec files or two folders of specs, matched by
    file name), or since --base GIT_REF; each change breaking, warning or info. Exit 1 when
    something breaks, 2 when an input cannot be read."""
    from keywright.catalog import Catalog
    from keywright.diff import Level, compare_specs, from_git, from_paths
    from keywright.diff.report import FORMATS
    from keywright.diff.sources import DiffInputError

    try:
        if base is not None:
            if old or new:
                raise DiffInputError("give OLD and NEW, or --base, not both")
            pairs = from_git(base, Catalog.load().specs_dir)
        elif old is not None and new is not None:
            pairs = from_paths(old, new)
        else:
            raise DiffInputError("give OLD and NEW (files or folders), or --base GIT_REF")
    except DiffInputError as exc:
        click.secho(f"✗ {exc}", fg="red", err=True)
        sys.exit(2)
    changes = compare_specs(pairs)
    click.echo(FORMATS[output](changes))
    threshold = Level.WARNING if fail_on == "warning" else Level.BREAKING
    if any(change.level >= threshold for change in changes):
        sys.exit(1)


COMMANDS = (diff,)
