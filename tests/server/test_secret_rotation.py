"""Rotating the secret key: `KEYWRIGHT_SECRET_KEY=new,old` digests and encrypts with the new key
and still accepts what the old one made; once the old key is dropped, what it made is refused
in the API's envelope (401, or a replay's documented 500), never a crash."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from keywright.server import create_app, open_database
from keywright.server.config import DEV_CONFIG, ConfigError, load_config
from keywright.server.storage import Database
from tests.catalog import CATALOG
from tests.clock import Clock
from tests.credentials import ADMIN, OAUTH, PROJECT, basic
from tests.envelopes import assert_envelope

OLD, NEW = "old-secret-A-0f3c9e", "new-secret-B-7d21a4"
API_KEYS = "/api/admin/api-keys"
ACCESS_KEYS = f"/v1/projects/{PROJECT}/accessKeys"
REPLAYED = {**ADMIN, "x-idempotency-key": "rotation_retry_001"}
CREATOR = {"scopes": ["admin:api-keys:create", "pci:tokens:read"]}

Server = Callable[[str], TestClient]


@pytest.fixture
def server(tmp_path: Path, clock: Clock) -> Iterator[Server]:
    """Starts the reference server on one database file with `KEYWRIGHT_SECRET_KEY` set as
    given, as a restart with a new setting would (each start closes the previous database)."""
    opened: list[Database] = []

    def start(secret_keys: str) -> TestClient:
        if opened:
            opened[-1].close()
        opened.append(open_database(str(tmp_path / "kw.db"), CATALOG))
        config = load_config(environ={"KEYWRIGHT_SECRET_KEY": secret_keys})
        return TestClient(create_app(config, opened[-1], clock=clock, validate_responses=True))

    yield start
    opened[-1].close()


def _made_under(client: TestClient) -> tuple[dict[str, object], dict[str, str]]:
    """An idempotent API-key creation's reply and an access key's Basic credentials."""
    reply = client.post(API_KEYS, json=CREATOR, headers=REPLAYED)
    assert reply.status_code == 200, reply.text
    created = client.post(ACCESS_KEYS, json={"displayName": "rotation"}, headers=OAUTH).json()
    return reply.json(), basic(created["accessKey"]["accessKeyId"], created["secret"])


def _api_key(reply: dict[str, object]) -> dict[str, str]:
    return {"x-api-key": str(reply["key_value"])}


def test_what_the_old_key_made_works_while_it_is_listed_as_previous(server: Server) -> None:
    reply, access_key = _made_under(server(OLD))
    client = server(f"{NEW},{OLD}")
    created = client.post(API_KEYS, json={"scopes": ["pci:tokens:read"]}, headers=_api_key(reply))
    assert created.status_code == 200, "the API key made under the old secret authenticates"
    listed = client.post(ACCESS_KEYS, json={"displayName": "by-key"}, headers=access_key)
    assert listed.status_code == 200, "the access key made under the old secret authenticates"
    replay = client.post(API_KEYS, json=CREATOR, headers=REPLAYED)
    assert replay.status_code == 200
    assert replay.json() == reply, "the reply encrypted under the old secret replays identically"
    assert replay.headers["idempotent-replayed"] == "true"


def test_what_the_old_key_made_is_refused_once_it_is_dropped(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    reply, access_key = _made_under(server(OLD))
    client = server(NEW)
    assert_envelope("api-keys", client.post(API_KEYS, json=CREATOR, headers=_api_key(reply)), 401)
    assert_envelope(
        "access-keys", client.post(ACCESS_KEYS, json={"displayName": "x"}, headers=access_key), 401
    )
    with caplog.at_level(logging.DEBUG):
        replay = client.post(API_KEYS, json=CREATOR, headers=REPLAYED)
    body = assert_envelope("api-keys", replay, 500)
    assert body["classifier"] == "INTERNAL_ERROR"
    assert "cannot be decrypted with the configured secret keys" in body["message"]
    [logged] = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert "cannot be decrypted with the configured secret keys" in logged.getMessage()
    assert "Traceback" not in caplog.text
    for secret in (OLD, NEW, str(reply["key_value"])):
        assert secret not in caplog.text


def test_what_is_made_during_a_rotation_is_made_with_the_new_key(server: Server) -> None:
    reply, access_key = _made_under(server(f"{NEW},{OLD}"))
    client = server(NEW)
    created = client.post(API_KEYS, json={"scopes": ["pci:tokens:read"]}, headers=_api_key(reply))
    assert created.status_code == 200
    listed = client.post(ACCESS_KEYS, json={"displayName": "by-key"}, headers=access_key)
    assert listed.status_code == 200
    replay = client.post(API_KEYS, json=CREATOR, headers=REPLAYED)
    assert (replay.status_code, replay.json()) == (200, reply)


@pytest.mark.parametrize(
    ("setting", "variable"),
    [
        ("secret_key: [new, old]", None),
        ("secret_key:\n  - new\n  - old", None),
        ("secret_key: x", "new,old"),
    ],
    ids=["file list", "file block list", "variable over the file"],
)
def test_the_current_key_comes_first(tmp_path: Path, setting: str, variable: str | None) -> None:
    path = tmp_path / "kw.yaml"
    path.write_text(_with_secret_key(setting))
    environ = {} if variable is None else {"KEYWRIGHT_SECRET_KEY": variable}
    config = load_config(path, environ=environ)
    assert config.secret_key == "new"
    assert config.secret_keys == ("new", "old")


def test_a_single_key_is_one_key_even_with_a_comma_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "kw.yaml"
    path.write_text(_with_secret_key("secret_key: 'one,key'"))
    assert load_config(path, environ={}).secret_keys == ("one,key",)
    assert load_config(environ={}).secret_keys == (
        "keywright-development-secret-do-not-use-in-production",
    )


@pytest.mark.parametrize(
    ("variable", "message"),
    [
        ("new,", "KEYWRIGHT_SECRET_KEY: key 2 of 2 is empty"),
        (",old", "KEYWRIGHT_SECRET_KEY: key 1 of 2 is empty"),
        ("new,,old", "KEYWRIGHT_SECRET_KEY: key 2 of 3 is empty"),
        ("new, old", "KEYWRIGHT_SECRET_KEY: key 2 of 2 has whitespace around it"),
    ],
    ids=["trailing comma", "leading comma", "double comma", "space after comma"],
)
def test_the_variable_refuses_an_empty_key(variable: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_config(environ={"KEYWRIGHT_SECRET_KEY": variable})
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("secret_key: [new, '']", "secret_key[1] is empty"),
        ("secret_key:\n  - new\n  -", "secret_key[1] is empty"),
        ("secret_key: ''", "secret_key is empty"),
        ("secret_key:", "secret_key is empty"),
        ("secret_key: []", "secret_key is an empty list"),
        ("secret_key: {new: old}", "secret_key is not a string or a list of strings"),
    ],
    ids=["empty string", "null item", "empty key", "null key", "empty list", "mapping"],
)
def test_the_file_refuses_an_empty_key(tmp_path: Path, setting: str, message: str) -> None:
    path = tmp_path / "kw.yaml"
    path.write_text(_with_secret_key(setting))
    with pytest.raises(ConfigError) as raised:
        load_config(path, environ={})
    assert str(raised.value).startswith(f"config {path}: {message}")
    assert "\n" not in str(raised.value)


def _with_secret_key(setting: str) -> str:
    """The development config with its `secret_key` line replaced by `setting`."""
    lines = DEV_CONFIG.read_text().splitlines()
    return "\n".join(setting if line.startswith("secret_key:") else line for line in lines)
