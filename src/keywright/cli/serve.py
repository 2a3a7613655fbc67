"""`keywright serve`: the reference server."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from keywright.cli.options import specs_option
from keywright.serving.limits import Limits, limit_options
from keywright.serving.logs import log_level_option
from keywright.serving.uvicorn_options import uvicorn_options


@click.command()
@specs_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--db",
    default="data/keywright.db",  # = keywright.server.config.DEFAULT_DB; importing it loads Connexion
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
@click.option(
    "--cors/--no-cors",
    default=True,
    show_default=True,
    help="Answer browsers' CORS requests, credentials included.",
)
@limit_options
@log_level_option
def serve(
    host: str,
    port: int,
    db: str,
    config_path: Path | None,
    workers: int,
    cors: bool,
    log_level: str,
    **bounds: Any,
) -> None:
    """Run the reference server: every API a package implements, real semantics, one port."""
    import uvicorn

    from keywright.catalog import Catalog
    from keywright.server import open_database
    from keywright.server.banner import banner
    from keywright.server.config import ConfigError, load_config
    from keywright.server.credential_shapes import shape_problems
    from keywright.serving.ports import port_problem
    from keywright.serving.settings import Settings

    catalog = Catalog.load()
    try:
        config = load_config(config_path, catalog=catalog)
    except ConfigError as exc:
        click.secho(f"✗ {exc}", fg="red", err=True)
        sys.exit(2)
    problems = shape_problems(config, catalog)
    if problems:
        for problem in problems:
            click.secho(f"✗ {problem}", fg="red", err=True)
        sys.exit(2)
    if workers > 1 and db == ":memory:":
        click.secho(
            "✗ --workers needs a database file: in-memory stores are per process",
            fg="red",
            err=True,
        )
        sys.exit(2)
    if (busy := port_problem(host, port)) is not None:
        click.secho(f"✗ {busy}", fg="red", err=True)
        sys.exit(2)
    limits = Limits(**bounds)
    open_database(db, catalog).close()  # create the file (and fail here, clearly) first
    click.secho(banner(f"http://{host}:{port}", catalog, config, db), fg="cyan")
    Settings(
        specs_dir=str(catalog.specs_dir),
        db=db,
        config=None if config_path is None else str(config_path),
        cors=cors,
        limits=limits,
    ).export()
    uvicorn.run(
        "keywright.server:app_from_settings",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        **uvicorn_options(log_level, limits),
    )


COMMANDS = (serve,)
