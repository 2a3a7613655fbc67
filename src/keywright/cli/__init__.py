"""The `keywright` command line: one module per command, registered on `main`."""

from __future__ import annotations

import warnings

import click

from keywright import __version__

# Connexion 3.3 imports starlette's test client at start-up, which warns on every run.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="keywright")
def main() -> None:
    """keywright: OpenAPI-first contract package for three credential-issuing APIs."""


def _register() -> None:
    from keywright.cli import bench, contract, diff, mock, serve, specs

    for module in (specs, diff, serve, mock, contract, bench):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
