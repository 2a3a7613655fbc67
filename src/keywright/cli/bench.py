"""`keywright bench`: side by side with Prism and Connexion's mock."""

from __future__ import annotations

from pathlib import Path

import click

from keywright.cli.options import specs_option


@click.command()
@specs_option
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
    "--setting",
    "setting_names",
    multiple=True,
    help="Only these settings: defaults, quiet, 'quiet, every core' (repeatable).",
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
    setting_names: tuple[str, ...],
    output: Path,
) -> None:
    """Benchmark our mock and server against Prism and Connexion's mock, same load, one run."""
    from keywright.bench.log_cost import log_line_microseconds
    from keywright.bench.report import render_markdown, render_terminal, rows
    from keywright.bench.runner import run_bench
    from keywright.bench.scenarios import scenarios as all_scenarios
    from keywright.bench.targets import SETTINGS, TARGETS
    from keywright.catalog import Catalog

    catalog = Catalog.load()
    targets = [t for t in TARGETS if not target_names or t.name in target_names]
    scenarios = [
        s for s in all_scenarios(catalog) if not scenario_names or s.name in scenario_names
    ]
    measurements = run_bench(
        catalog,
        targets,
        scenarios,
        seconds=seconds,
        warmup=warmup,
        repeat=repeat,
        settings=[s for s in SETTINGS if not setting_names or s.name in setting_names],
        progress=lambda line: click.secho(line, dim=True),
    )
    table = rows(measurements)
    log_line_us = log_line_microseconds()
    click.echo(render_terminal(table, log_line_us))
    # After the tables: the hostile soak's figures (`make soak`), then the notes.
    written = [output.parent / name for name in ("soak.md", "notes.md")]
    notes = "\n".join(f.read_text(encoding="utf-8") for f in written if f.exists())
    settings = (
        f"wrk -t2 -c32, {seconds:g} s measured after {warmup:g} s warm-up, {repeat} repetitions"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_markdown(table, settings, notes, log_line_us), encoding="utf-8")
    click.secho(f"✓ wrote {output}", fg="green")


COMMANDS = (bench,)
