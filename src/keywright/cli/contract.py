"""`keywright contract`: schemathesis against a deployment or our own servers."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from keywright.apis import APIS


@click.command()
@click.option(
    "--url", help="Base URL of a running deployment (default: our reference server, in-process)."
)
@click.option(
    "--mock",
    "use_mock",
    is_flag=True,
    help="Without --url: test our mock instead of the reference server.",
)
@click.option(
    "--api",
    "api_names",
    multiple=True,
    type=click.Choice([a.name for a in APIS]),
    help="Only these APIs (repeatable; default: all three).",
)
@click.option("--max-examples", default=50, show_default=True, type=click.IntRange(1))
@click.option("--seed", type=int, help="Fix the random seed to reproduce a run.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--junit",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a JUnit XML report here.",
)
@click.option(
    "--proxy-api-key",
    envvar="KEYWRIGHT_PROXY_API_KEY",
    help="Proxy keys x-api-key [KEYWRIGHT_PROXY_API_KEY].",
)
@click.option(
    "--oauth-token",
    envvar="KEYWRIGHT_OAUTH_TOKEN",
    help="Access keys OAuth2 token [KEYWRIGHT_OAUTH_TOKEN].",
)
@click.option(
    "--basic-user",
    envvar="KEYWRIGHT_BASIC_USER",
    help="Access keys Basic user [KEYWRIGHT_BASIC_USER].",
)
@click.option(
    "--basic-password",
    envvar="KEYWRIGHT_BASIC_PASSWORD",
    help="... and password [KEYWRIGHT_BASIC_PASSWORD].",
)
@click.option(
    "--admin-token",
    envvar="KEYWRIGHT_ADMIN_TOKEN",
    help="API keys AdminToken [KEYWRIGHT_ADMIN_TOKEN].",
)
def contract(
    url: str | None,
    use_mock: bool,
    api_names: tuple[str, ...],
    max_examples: int,
    seed: int | None,
    workers: int,
    junit: Path | None,
    proxy_api_key: str | None,
    oauth_token: str | None,
    basic_user: str | None,
    basic_password: str | None,
    admin_token: str | None,
) -> None:
    """Prove a deployment honours the contract: schemathesis with every check, per API."""
    from contextlib import nullcontext

    from keywright.apis import get_api
    from keywright.contract.config import Credentials
    from keywright.contract.local import local_target, serving
    from keywright.contract.runner import ContractRun, run

    given = Credentials(proxy_api_key, oauth_token, basic_user, basic_password, admin_token)
    if url is None:
        app, defaults = local_target(mock=use_mock)
        given = given.or_else(defaults)
        server = serving(app)
    else:
        server = nullcontext(url.rstrip("/"))
    apis = tuple(get_api(name) for name in api_names) or APIS
    with server as base_url:
        code = run(ContractRun(base_url, apis, given, max_examples, seed, workers, junit))
    sys.exit(code)


COMMANDS = (contract,)
