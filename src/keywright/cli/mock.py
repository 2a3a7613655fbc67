"""`keywright mock`: the mock server for frontend teams."""

from __future__ import annotations

import sys
from typing import Any

import click

from keywright.cli.options import specs_option
from keywright.serving.limits import Limits, limit_options
from keywright.serving.logs import log_level_option
from keywright.serving.uvicorn_options import uvicorn_options


@click.command()
@specs_option
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
@limit_options
@log_level_option
def mock(
    host: str,
    port: int,
    latency_ms: int,
    cors: bool,
    reload: bool,
    workers: int,
    log_level: str,
    **bounds: Any,
) -> None:
    """Run the mock server: every spec, no database, responses you can pick."""
    import uvicorn

    from keywright.catalog import SWAGGER_UI_PATH, Catalog
    from keywright.serving.ports import port_problem
    from keywright.serving.settings import Settings
    from keywright.specs.document import SpecUnreadable

    catalog = Catalog.load()
    if (problem := port_problem(host, port)) is not None:
        click.secho(f"✗ {problem}", fg="red", err=True)
        sys.exit(2)
    url = f"http://{host}:{port}"
    lines = [f"keywright mock on {url}  (any well-formed credential is accepted)", ""]
    try:
        lines += [f"  {api.title:<24} {url}{api.base_path}{SWAGGER_UI_PATH}/" for api in catalog]
    except SpecUnreadable as exc:
        if not reload:
            click.secho(f"✗ {exc}", fg="red", err=True)
            sys.exit(2)
        lines += [f"  ✗ {exc}: every request answers 503 until it is fixed"]
    lines += ["", f"  index {url}/   health {url}/healthz"]
    lines += [
        "",
        "Pick a response: Prefer: code=409 | example=NAME | dynamic=true | seed=N | delay=MS",
        "(or ?__code=409&__example=NAME&__dynamic=true&__seed=N&__delay=MS)",
    ]
    click.secho("\n".join(lines), fg="cyan")
    limits = Limits(**bounds)
    Settings(
        specs_dir=str(catalog.specs_dir), latency_ms=latency_ms, cors=cors, limits=limits
    ).export()
    uvicorn.run(
        "keywright.mock:app_from_settings",
        factory=True,
        host=host,
        port=port,
        reload=reload,
        workers=None if reload else workers,
        reload_dirs=[str(catalog.specs_dir)] if reload else None,
        reload_includes=["*.yaml"] if reload else None,
        **uvicorn_options(log_level, limits),
    )


COMMANDS = (mock,)
