"""`keywright contract`: schemathesis against a deployment or our own servers, judged by our specs."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from keywright.catalog import Catalog
from keywright.cli.options import require_extra, specs_option
from keywright.contract.credentials import NamedOption, named_options

CHECK_NAMES = (
    "not_a_server_error, status_code_conformance, content_type_conformance, "
    "response_headers_conformance, response_schema_conformance, negative_data_rejection, "
    "positive_data_acceptance, missing_required_header, unsupported_method, "
    "allow_header_conformance, ignored_auth, ..."
)


def _catalog() -> Catalog | None:
    try:
        return Catalog.load()
    except FileNotFoundError:
        return None


CATALOG = _catalog()
NAMED = named_options(CATALOG) if CATALOG is not None else []


def _credential_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """An option (and its `KEYWRIGHT_*` variable) per security scheme of every API package."""
    for named in reversed(NAMED):
        option = named.option
        if option.password_option and option.password_envvar and option.password_parameter:
            command = click.option(
                option.password_option,
                option.password_parameter,
                envvar=option.password_envvar,
                help=f"The password to {option.option}. [{option.password_envvar}]",
            )(command)
        command = click.option(
            option.option,
            option.parameter,
            envvar=option.envvar,
            help=f"{option.help} [{option.envvar}]",
        )(command)
    return command


def _pairs(
    separator: str, what: str
) -> Callable[[click.Context, click.Parameter, tuple[str, ...]], Any]:
    def parse(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> Any:
        for value in values:
            name, found, _ = value.partition(separator)
            if not found or not name.strip():
                raise click.BadParameter(f"{value!r} is not {what}")
        return values

    return parse


@click.command()
@specs_option
@click.option(
    "--url",
    help="Where requests go: the deployment's origin (and any prefix); each API's base path "
    "from its spec is appended. Default: our reference server, in-process.",
)
@click.option(
    "--mock", "use_mock", is_flag=True, help="Without --url: test our mock instead of the server."
)
@click.option(
    "--api",
    "api_names",
    multiple=True,
    type=click.Choice(CATALOG.names if CATALOG is not None else []),
    help="Only these APIs (repeatable; default: every spec).",
)
@click.option(
    "--spec",
    "spec_paths",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Test against this spec file instead of ours (repeatable), for an API we do not ship.",
)
@click.option(
    "--base-path",
    help="Override the base path taken from each spec's servers (e.g. /api/admin).",
)
@click.option(
    "--max-examples",
    default=50,
    show_default=True,
    type=click.IntRange(1),
    help="Test cases per operation and phase.",
)
@click.option("--seed", type=int, help="Fix the random seed to reproduce a run.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Concurrent schemathesis workers.",
)
@click.option(
    "--checks",
    default="all",
    show_default=True,
    help=f"Comma-separated checks to run ({CHECK_NAMES}).",
)
@click.option("--exclude-checks", help="Comma-separated checks to skip.")
@click.option(
    "--phases",
    default="examples,coverage,fuzzing,stateful",
    show_default=True,
    help="Comma-separated schemathesis phases to run.",
)
@click.option(
    "-H",
    "--header",
    "headers",
    multiple=True,
    callback=_pairs(":", "'Name: value'"),
    help="Send this header with every request: 'Name: value' (repeatable).",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    callback=_pairs("=", "NAME=VALUE"),
    help="Use this value instead of generated ones: a path, query or header parameter "
    "(accountIdentifier=acme, projectId=<uuid>) or a body field, the value as JSON "
    "(body.organizations={...}) (repeatable).",
)
@click.option(
    "--request-timeout",
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds to wait for each response.",
)
@click.option(
    "--tls-verify/--no-tls-verify",
    default=True,
    show_default=True,
    help="Verify the deployment's TLS certificate.",
)
@click.option(
    "--wait",
    "wait_seconds",
    type=click.FloatRange(min=0),
    help="Wait up to this many seconds for the target to answer before testing.",
)
@click.option(
    "--junit",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the JUnit XML report here (default: REPORT_DIR/junit.xml).",
)
@click.option(
    "--report-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("contract-report"),
    show_default=True,
    help="Keep schemathesis's reports and configuration here, one folder per API.",
)
@click.option(
    "--credential",
    "credential_entries",
    multiple=True,
    callback=_pairs("=", "[API:]SCHEME=VALUE"),
    help="A credential for any security scheme: [API:]SCHEME=VALUE, e.g. "
    "api-keys:AdminToken=adm_… or Basic=user:password (repeatable).",
)
@_credential_options
def contract(
    url: str | None,
    use_mock: bool,
    api_names: tuple[str, ...],
    spec_paths: tuple[Path, ...],
    base_path: str | None,
    max_examples: int,
    seed: int | None,
    workers: int,
    checks: str,
    exclude_checks: str | None,
    phases: str,
    headers: tuple[str, ...],
    params: tuple[str, ...],
    request_timeout: float | None,
    tls_verify: bool,
    wait_seconds: float | None,
    junit: Path | None,
    report_dir: Path,
    credential_entries: tuple[str, ...],
    **named_credentials: str | None,
) -> None:
    """Prove a deployment honours our specs: schemathesis with every check, per API.

    The schema comes from keywright's specs (or --spec), never from the deployment. A run
    fails when any check fails, and also when an operation never accepted a request (no
    working credential, a wrong base path, identifiers the deployment does not know).
    """
    from contextlib import nullcontext

    require_extra("contract", "schemathesis")
    from keywright.contract.credentials import Credentials
    from keywright.contract.local import local_target, serving
    from keywright.contract.runner import ContractRun, run, wait_for
    from keywright.contract.suite import Suite

    if CATALOG is None:
        raise click.UsageError("no specs folder found (set KEYWRIGHT_SPECS)")
    try:
        given = Credentials.parse(credential_entries).merged_over(_named(named_credentials))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--credential") from None
    if spec_paths:
        suites = [Suite.from_spec(path, base_path=base_path) for path in spec_paths]
    else:
        apis = [CATALOG.get(name) for name in api_names] or list(CATALOG)
        suites = [Suite.from_api(api, base_path=base_path) for api in apis]
    if url is None:
        target = local_target(CATALOG, mock=use_mock)
        given = given.merged_over(target.credentials)
        if target.skipped_checks:
            skipped = ",".join(target.skipped_checks)
            click.secho(
                f"(our mock accepts any well-formed credential: skipping {skipped})", dim=True
            )
            exclude_checks = ",".join(filter(None, (exclude_checks, skipped)))
        server: Any = serving(target.app)
    else:
        server = nullcontext(url.rstrip("/"))
    with server as base_url:
        if wait_seconds is not None and not wait_for(base_url, wait_seconds, verify=tls_verify):
            click.secho(
                f"✗ {base_url} did not answer within {wait_seconds:g} s", fg="red", err=True
            )
            sys.exit(1)
        code = run(
            ContractRun(
                base_url,
                suites,
                given,
                report_dir,
                junit=junit,
                max_examples=max_examples,
                seed=seed,
                workers=workers,
                checks=checks,
                exclude_checks=exclude_checks,
                phases=phases,
                headers=headers,
                parameters=_parameters(params),
                request_timeout=request_timeout,
                tls_verify=tls_verify,
            )
        )
    sys.exit(code)


def _parameters(params: tuple[str, ...]) -> dict[str, Any]:
    """`NAME=VALUE` pairs; a `body.` field's VALUE is JSON where it parses as JSON."""
    import contextlib
    import json

    parsed: dict[str, Any] = {}
    for param in params:
        name, _, value = param.partition("=")
        parsed[name] = value
        if name.startswith("body."):
            with contextlib.suppress(ValueError):
                parsed[name] = json.loads(value)
    return parsed


def _named(values: dict[str, str | None]) -> Any:
    """The credentials given by named options (`--admin-token`; `--basic-user` with its password)."""
    from keywright.contract.credentials import Credentials

    found: dict[tuple[str | None, str], tuple[str, ...]] = {}
    for named in NAMED:
        option: NamedOption = named
        value = values.get(option.option.parameter)
        if not value:
            continue
        password = option.option.password_parameter
        credential = (value, values.get(password) or "") if password else (value,)
        found[(option.api, option.option.scheme)] = credential
    return Credentials(found)


COMMANDS = (contract,)
