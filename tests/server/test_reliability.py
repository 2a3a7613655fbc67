"""Under load from 32 concurrent clients, and through a kill -9, `keywright serve` keeps its word:
no 5xx, every acknowledged key is stored and works, uniqueness rules hold."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import httpx

from tests.configs import roomy_config
from tests.credentials import ADMIN, OAUTH, PROJECT, basic
from tests.processes import keywright

CLIENTS = 32
ENV = {"KEYWRIGHT_PROXY_API_KEY": "", "KEYWRIGHT_OAUTH_TOKEN": "", "KEYWRIGHT_ADMIN_TOKEN": ""}


def _serve(tmp_path: Path, db: Path) -> list[str]:
    return ["serve", "--db", str(db), "--config", str(roomy_config(tmp_path))]


class Load:
    """CLIENTS threads creating keys until told to stop (or `seconds` pass); what was acknowledged."""

    def __init__(self, url: str, seconds: float) -> None:
        self.url = url
        self.deadline = time.monotonic() + seconds
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.api_keys: list[str] = []
        self.access_keys: list[tuple[str, str]] = []
        self.statuses: list[int] = []
        self.names: dict[str, int] = {}

    def client(self, number: int) -> None:
        with httpx.Client(base_url=self.url, timeout=10) as http:
            turn = 0
            while not self.stop.is_set() and time.monotonic() < self.deadline:
                turn += 1
                try:
                    if turn % 2:
                        response = http.post(
                            "/api/admin/api-keys",
                            json={"scopes": ["pci:tokens:read"]},
                            headers=ADMIN,
                        )
                        if response.status_code == 200:
                            with self.lock:
                                self.api_keys.append(response.json()["key_value"])
                    else:
                        # Clients share names in pairs, so that uniqueness is contested.
                        name = f"load-{number // 2}-{turn}"
                        response = http.post(
                            f"/v1/projects/{PROJECT}/accessKeys",
                            json={"displayName": name},
                            headers=OAUTH,
                        )
                        if response.status_code == 200:
                            body = response.json()
                            with self.lock:
                                self.access_keys.append(
                                    (body["accessKey"]["accessKeyId"], body["secret"])
                                )
                                self.names[name] = self.names.get(name, 0) + 1
                except httpx.TransportError:
                    if self.stop.is_set():
                        return  # the server was killed under us: unacknowledged, not counted
                    raise
                with self.lock:
                    self.statuses.append(response.status_code)

    def run(self, kill_after: float | None = None, pid: int | None = None) -> None:
        threads = [threading.Thread(target=self.client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        if kill_after is not None and pid is not None:
            time.sleep(kill_after)
            self.stop.set()
            os.kill(pid, signal.SIGKILL)
        for thread in threads:
            thread.join(timeout=60)


def _assert_all_work(url: str, load: Load) -> None:
    with httpx.Client(base_url=url, timeout=10) as http:
        for key in load.api_keys:
            response = http.post(
                "/api/admin/api-keys",
                json={"scopes": ["pci:tokens:read"]},
                headers={"x-api-key": key},
            )
            assert response.status_code == 403, "the key authenticates (it holds no create scope)"
        for key_id, secret in load.access_keys:
            response = http.post(
                f"/v1/projects/{PROJECT}/accessKeys",
                json={"displayName": f"check-{key_id}"},
                headers=basic(key_id, secret),
            )
            assert response.status_code == 200


def test_32_clients_no_5xx_everything_acknowledged_is_there(tmp_path: Path) -> None:
    with keywright(*_serve(tmp_path, tmp_path / "kw.db"), env=ENV) as (url, _):
        load = Load(url, seconds=4)
        load.run()
        assert load.statuses and max(load.statuses) < 500
        assert set(load.statuses) <= {200, 409}
        assert all(count == 1 for count in load.names.values()), "a display name was granted twice"
        _assert_all_work(url, load)


def test_kill_9_under_load_loses_no_acknowledged_key(tmp_path: Path) -> None:
    db = tmp_path / "kw.db"
    with keywright(*_serve(tmp_path, db), env=ENV) as (url, server):
        load = Load(url, seconds=30)
        load.run(kill_after=2, pid=server.pid)
        server.wait(timeout=10)
    assert load.api_keys and load.access_keys
    with keywright(*_serve(tmp_path, db), env=ENV) as (url, _):
        _assert_all_work(url, load)
