"""Options several commands share."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from keywright.catalog import SPECS_VARIABLE

Command = TypeVar("Command", bound=Callable[..., Any])


def _use_specs(_context: click.Context, _parameter: click.Parameter, value: Path | None) -> None:
    # Through the environment, so uvicorn's worker processes and the reloader see it too.
    if value is not None:
        os.environ[SPECS_VARIABLE] = str(value.resolve())


def specs_option(command: Command) -> Command:
    """`--specs DIR`: another folder of specs (a team's fork) instead of the ones shipped."""
    return click.option(
        "--specs",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        envvar=SPECS_VARIABLE,
        expose_value=False,
        is_eager=True,
        callback=_use_specs,
        help=f"The folder of specs to use (every *.yaml in it). [env: {SPECS_VARIABLE}]",
    )(command)


def require_extra(extra: str, module: str) -> None:
    """Stop in one line (exit 2) when an optional part of keywright is not installed."""
    import importlib.util
    import sys

    if importlib.util.find_spec(module) is None:
        click.secho(
            f"✗ this command needs keywright's {extra!r} extra: pip install 'keywright[{extra}]'",
            fg="red",
            err=True,
        )
        sys.exit(2)
