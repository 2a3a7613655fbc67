"""The soak: `keywright serve` and `keywright mock` started side by side with short deadlines,
seeded, measured calm, then attacked (well-formed creates, every hostile family, abandoned
requests and slow clients at once) in two segments with a quiet moment after each, where their
memory and descriptors are read; then `serve` is restarted on its database to find every key
it acknowledged, and its files and both logs are searched for the secrets it issued.

Everything is bounded: requests by count, each phase by a wall-clock cap, each exchange by a
timeout. Nothing leaves the loopback interface.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import random
import re
import time
from collections import Counter
from collections.abc import Awaitable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from tests.catalog import CATALOG
from tests.configs import roomy_config
from tests.processes import keywright
from tests.soak import attacks
from tests.soak.attacks import JSON, Api, Request, Seeds
from tests.soak.leaks import plaintext
from tests.soak.oracle import Oracle
from tests.soak.probe import Usage, usage
from tests.soak.slow import KINDS, Deadlines, Slow, slow_connection
from tests.soak.wire import Outcome, Reply, Sending, exchange

CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]")
ENV = {"KEYWRIGHT_PROXY_API_KEY": "", "KEYWRIGHT_OAUTH_TOKEN": "", "KEYWRIGHT_ADMIN_TOKEN": ""}
"""The development credentials, whatever the environment says (as the other server tests)."""
DEADLINES = Deadlines(header=2.0, body=2.0, keep_alive=2)
"""Short, so that slow clients are cut off many times within a run."""
SETTLE = 1.5
"""Seconds for a server to close what it refused (it reads a refused connection for 1 s more)."""


@dataclass(frozen=True)
class Settings:
    name: str
    requests: int
    """Requests per server in the attack phase."""
    seconds: float
    """The attack phase's wall-clock cap."""
    calm: int
    """Well-formed requests per server before the attack: the latency without attack."""
    slow_clients: int
    """Slow connections each server holds at any moment of the attack."""
    rss_growth_mib: float
    """How much a server's memory may grow from the first thousand requests to the last."""
    fd_growth: int = 3
    """How many more descriptors a server may hold at the end than after the first thousand."""
    p99_bound: float = 1.0
    """Seconds: the p99 of well-formed requests under attack (half the 2 s deadlines: a server
    that waited on slow clients would show their deadline here)."""
    warmup: int = 1000
    well_formed_clients: int = 3
    attackers: int = 6
    deadlines: Deadlines = DEADLINES
    late: float = 1.5
    """Seconds past its deadline a slow connection may still be open (a busy event loop)."""
    exchange_timeout: float = 15.0
    log_bytes_per_request: int = 512


SHORT = Settings("short", requests=1200, seconds=20, calm=150, slow_clients=8, rss_growth_mib=12)
LONG = Settings("long", requests=40_000, seconds=300, calm=500, slow_clients=100, rss_growth_mib=16)


def settings() -> Settings:
    return LONG if os.environ.get("KEYWRIGHT_SOAK", "").lower() == "long" else SHORT


@dataclass(frozen=True)
class Issued:
    """A key a server acknowledged: the secret it showed once, and what names the key."""

    api: str
    secret: str
    name: str
    """The access key's id, the proxy key's identifier, the API key's id."""


@dataclass(frozen=True)
class Finding:
    """A request and what came back, for the report: enough to reproduce it."""

    server: str
    request: Request
    what: str

    def __str__(self) -> str:
        raw = self.request.raw
        shown = raw if len(raw) <= 400 else raw[:300] + b"...(%d bytes)" % len(raw)
        return (
            f"[{self.server}] {self.request.family} / {self.request.case} ({self.request.api}): "
            f"{self.what}\n    request: {shown!r}"
        )


@dataclass
class Tally:
    """Everything one server was sent and answered."""

    sent: int = 0
    answered: int = 0
    abandoned: int = 0
    well_formed: int = 0
    hostile: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    families: dict[str, Counter[str]] = field(default_factory=dict)
    """Family → what its requests got: a status, or how they ended (abandoned, unanswered)."""
    server_errors: list[Finding] = field(default_factory=list)
    off_spec: list[Finding] = field(default_factory=list)
    granted: list[Finding] = field(default_factory=list)
    """Hostile requests answered 2xx where the server should refuse them."""
    refused: list[Finding] = field(default_factory=list)
    """Well-formed requests not answered 2xx."""
    unanswered: list[Finding] = field(default_factory=list)
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"calm": [], "attack": []})
    issued: list[Issued] = field(default_factory=list)
    unfinished: list[tuple[Api, str]] = field(default_factory=list)
    slow: list[Slow] = field(default_factory=list)
    usage: dict[str, Usage] = field(default_factory=dict)


@dataclass
class Server:
    kind: str
    port: int
    pid: int
    log: Path
    apis: list[Api]
    seeds: Seeds = field(default_factory=Seeds)
    tally: Tally = field(default_factory=Tally)
    plan: list[Request] = field(default_factory=list)
    """The hostile requests, each once, in this server's order."""


@dataclass
class Result:
    settings: Settings
    servers: list[Server]
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall-clock seconds of each phase."""
    overran: list[str] = field(default_factory=list)
    """Phases cut off by their cap."""
    present: list[Issued] = field(default_factory=list)
    missing: list[tuple[Issued, str]] = field(default_factory=list)
    left_behind: list[tuple[str, str]] = field(default_factory=list)
    """Creates cut short whose name exists afterwards: (api, what the check answered)."""
    leaked: dict[str, list[str]] = field(default_factory=dict)
    control: dict[str, int] = field(default_factory=dict)
    """Control characters (other than newline and tab) in each log: a request's bytes written
    as they are (`%0A` decoded in a path forges a log line)."""
    """File → plaintext secrets found in it."""
    scanned: dict[str, int] = field(default_factory=dict)
    """File → its size in bytes."""
    secrets: int = 0

    def server(self, kind: str) -> Server:
        return next(s for s in self.servers if s.kind == kind)


class Budget:
    """Requests left for one server in one segment, and the time they must be sent by."""

    def __init__(self, requests: int, deadline: float) -> None:
        self.left = requests
        self.deadline = deadline

    def take(self) -> bool:
        if self.left <= 0 or time.monotonic() >= self.deadline:
            return False
        self.left -= 1
        return True


class Soak:
    def __init__(self, settings: Settings, folder: Path) -> None:
        self.settings = settings
        self.folder = folder
        self.oracle = Oracle(CATALOG)
        self.apis = attacks.apis(CATALOG)
        self.result = Result(settings, [])
        self.db = folder / "soak.db"
        self.config = roomy_config(folder)
        self.rng = random.Random(17)
        self.tags = itertools.count()
        """Every create gets its own name: a repeated one would be a conflict, not a create."""

    # Running

    def run(self) -> Result:
        with self._servers() as servers:
            self.result.servers = servers
            self._phase("seed", self._seed(servers), 30)
            for server in servers:
                server.plan = self._plan(server)
                server.tally.usage["start"] = usage(server.pid)
            self._phase("calm", self._calm(servers), 60)
            cap = self.settings.seconds + 2 * (self.settings.late + 8)
            self._phase("attack", self._attack(servers), cap)
        self._verify()
        self._search_secrets()
        return self.result

    @contextlib.contextmanager
    def _servers(self) -> Iterator[list[Server]]:
        limits = self.settings.deadlines.options()
        commands = {
            "serve": ["serve", "--db", str(self.db), "--config", str(self.config), *limits],
            "mock": ["mock", *limits],
        }
        with contextlib.ExitStack() as stack:
            servers = []
            for kind, args in commands.items():
                log = self.folder / f"{kind}.log"
                output = stack.enter_context(log.open("w"))
                url, process = stack.enter_context(
                    keywright(*args, env=ENV, output=output.fileno())
                )
                port = int(url.rsplit(":", 1)[1])
                servers.append(Server(kind, port, process.pid, log, self.apis))
            yield servers

    def _phase(self, name: str, work: Awaitable[None], cap: float) -> None:
        start = time.monotonic()

        async def bounded() -> None:
            try:
                async with asyncio.timeout(cap):
                    await work
            except TimeoutError:
                self.result.overran.append(f"{name} (cap {cap:g} s)")

        asyncio.run(bounded())
        self.result.seconds[name] = time.monotonic() - start

    async def _seed(self, servers: list[Server]) -> None:
        """The keys each server's attacks lean on: a taken name per API, an admin API key,
        an access key for Basic credentials."""
        for server in servers:
            for api in server.apis:
                for purpose, raw in attacks.seed_requests(api):
                    request = Request(
                        api.name,
                        "well-formed",
                        f"seed: {purpose}",
                        "POST",
                        api.path,
                        raw,
                        well_formed=True,
                    )
                    outcome = await self._send(server, request, phase=None)
                    if outcome.reply is None or outcome.reply.status >= 300:
                        continue
                    body = orjson.loads(outcome.reply.body)
                    if purpose == "taken":
                        server.seeds.taken[api.name] = raw.partition(b"\r\n\r\n")[2]
                    if api.name == "access-keys":
                        server.seeds.access_key = (body["accessKey"]["accessKeyId"], body["secret"])
                    if purpose == "admin key":
                        server.seeds.api_key_admin = body["key_value"]

    def _plan(self, server: Server) -> list[Request]:
        plan = [request for api in server.apis for request in attacks.hostile(api, server.seeds)]
        plan += [request for api in server.apis for request in attacks.oversized_heads(api)]
        self.rng.shuffle(plan)
        return plan

    async def _calm(self, servers: list[Server]) -> None:
        deadline = time.monotonic() + 60
        await asyncio.gather(
            *(
                self._well_formed_client(
                    server,
                    number,
                    Budget(self.settings.calm // self.settings.well_formed_clients, deadline),
                    "calm",
                )
                for server in servers
                for number in range(self.settings.well_formed_clients)
            )
        )

    async def _attack(self, servers: list[Server]) -> None:
        """Two segments: up to each server's first thousand requests, then the rest; each
        ends quiet (slow connections closed, refused ones let go) and is measured."""
        deadline = time.monotonic() + self.settings.seconds
        first = {s.kind: max(0, self.settings.warmup - s.tally.sent) for s in servers}
        first = {kind: min(count, self.settings.requests) for kind, count in first.items()}
        await self._segment(servers, first, deadline, "first thousand")
        rest = {kind: self.settings.requests - count for kind, count in first.items()}
        await self._segment(servers, rest, deadline, "last")

    async def _segment(
        self, servers: list[Server], requests: dict[str, int], deadline: float, sample: str
    ) -> None:
        over = asyncio.Event()
        budgets = {s.kind: Budget(requests[s.kind], deadline) for s in servers}
        clients = [
            *(
                self._well_formed_client(s, n, budgets[s.kind], "attack")
                for s in servers
                for n in range(self.settings.well_formed_clients)
            ),
            *(
                self._attacker(s, n, budgets[s.kind])
                for s in servers
                for n in range(self.settings.attackers)
            ),
        ]
        slow = [
            self._slow_client(s, n, over)
            for s in servers
            for n in range(self.settings.slow_clients)
        ]
        slow_tasks = [asyncio.ensure_future(task) for task in slow]
        try:
            await asyncio.gather(*clients)
        finally:
            over.set()
            await asyncio.gather(*slow_tasks)
        await asyncio.sleep(SETTLE)
        for server in servers:
            server.tally.usage[sample] = usage(server.pid)

    # Clients

    async def _well_formed_client(
        self, server: Server, number: int, budget: Budget, phase: str
    ) -> None:
        count = 0
        while budget.take():
            api = server.apis[(number + count) % len(server.apis)]
            tag = f"{phase}-{next(self.tags)}"
            await self._send(server, attacks.well_formed(api, tag, count, server.seeds), phase)
            count += 1

    async def _attacker(self, server: Server, number: int, budget: Budget) -> None:
        position = number * len(server.plan) // self.settings.attackers
        count = 0
        while budget.take():
            if count % 12 == 11:  # an abandoned create now and then
                api = server.apis[count // 12 % len(server.apis)]
                choices = attacks.disconnects(api, f"gone-{next(self.tags)}")
                request = choices[count // 36 % len(choices)]
            elif count % 12 == 5:  # and two requests in one write
                tag = f"pipe-{next(self.tags)}"
                request = attacks.pipelined(server.apis, tag, count // 12, server.seeds)
            else:
                request = server.plan[position % len(server.plan)]
                position += 1
            await self._send(server, request, phase=None)
            count += 1

    async def _slow_client(self, server: Server, number: int, over: asyncio.Event) -> None:
        count = 0
        deadlines = self.settings.deadlines
        cap = max(deadlines.header, deadlines.body, deadlines.keep_alive) + self.settings.late + 5
        while not over.is_set():
            kind = KINDS[(number + count) % len(KINDS)]
            api = server.apis[(number + count // len(KINDS)) % len(server.apis)]
            served = attacks.well_formed(api, f"slow-{next(self.tags)}", 0, server.seeds)
            slow = await slow_connection(server.port, api, kind, deadlines, served, cap)
            server.tally.slow.append(slow)
            if slow.served is not None:
                self._record(server, slow.served, slow.reply, "", phase=None)
            elif slow.reply is not None:
                self._check(server, _slow_request(slow), slow.reply)
            count += 1

    async def _send(self, server: Server, request: Request, phase: str | None) -> Outcome:
        parts = (request, *request.then)
        outcome = await exchange(
            server.port,
            b"".join(part.raw for part in parts),
            timeout=self.settings.exchange_timeout,
            sending=request.sending,
            more=request.more,
            cut=request.cut,
            replies=len(parts),
        )
        for number, part in enumerate(parts):
            reply = outcome.replies[number] if number < len(outcome.replies) else None
            timed = phase if len(parts) == 1 else None
            self._record(server, part, reply, outcome.failure or "", timed, outcome.seconds)
        return outcome

    # Judging each answer

    def _record(
        self,
        server: Server,
        request: Request,
        reply: Reply | None,
        failure: str,
        phase: str | None,
        seconds: float = 0.0,
    ) -> None:
        """Judge one answer (or its absence) to one request; `phase` times it."""
        tally = server.tally
        tally.sent += 1
        if request.well_formed:
            tally.well_formed += 1
        else:
            tally.hostile += 1
        if request.sending is not Sending.WHOLE:
            tally.abandoned += 1
            tally.families.setdefault(request.family, Counter())[request.sending.value] += 1
            if request.unfinished is not None and server.kind == "serve":
                api = next(api for api in server.apis if api.name == request.api)
                tally.unfinished.append((api, request.unfinished))
            return
        ended = str(reply.status) if reply is not None else "unanswered"
        tally.families.setdefault(request.family, Counter())[ended] += 1
        if reply is None:
            tally.unanswered.append(Finding(server.kind, request, f"no answer: {failure}"))
            return
        tally.answered += 1
        success = 200 <= reply.status < 300
        self._check(server, request, reply)
        if request.well_formed:
            if not success:
                tally.refused.append(Finding(server.kind, request, _said(reply)))
                return
            if phase is not None:
                tally.latencies[phase].append(seconds)
            issued = _issued(request, reply)
            if issued is not None:
                tally.issued.append(issued)
        elif success and not (server.kind == "mock" and request.mock_accepts):
            tally.granted.append(Finding(server.kind, request, _said(reply)))

    def _check(self, server: Server, request: Request, reply: Reply) -> None:
        tally = server.tally
        tally.statuses[reply.status] += 1
        if reply.status >= 500:
            tally.server_errors.append(Finding(server.kind, request, _said(reply)))
        problem = self.oracle.problem(request.method, request.path, reply)
        if problem is not None:
            tally.off_spec.append(Finding(server.kind, request, f"{problem}; {_said(reply)}"))

    # Afterwards

    def _verify(self) -> None:
        """Restart `serve` on its database: every key it acknowledged is there and works, and
        no create that was cut short left its name behind."""
        serve = self.result.server("serve")
        log = self.folder / "serve-restarted.log"
        with (
            log.open("w") as output,
            keywright(
                "serve",
                "--db",
                str(self.db),
                "--config",
                str(self.config),
                env=ENV,
                output=output.fileno(),
            ) as (url, _),
        ):
            port = int(url.rsplit(":", 1)[1])
            self._phase("verify", self._verify_keys(port, serve), 120)

    async def _verify_keys(self, port: int, serve: Server) -> None:
        apis = {api.name: api for api in serve.apis}
        gate = asyncio.Semaphore(16)

        async def present(issued: Issued) -> None:
            request, expected = _proof(apis[issued.api], issued)
            async with gate:
                outcome = await exchange(port, request, timeout=self.settings.exchange_timeout)
            status = outcome.reply.status if outcome.reply else None
            if status in expected:
                self.result.present.append(issued)
            else:
                self.result.missing.append((issued, f"answered {status} ({outcome.failure or ''})"))

        async def free(api: Api, tag: str) -> None:
            raw = attacks.http(
                "POST", api.path, [api.credential, JSON], orjson.dumps(api.body(tag))
            )
            async with gate:
                outcome = await exchange(port, raw, timeout=self.settings.exchange_timeout)
            if outcome.reply is None or outcome.reply.status >= 300:
                said = _said(outcome.reply) if outcome.reply else outcome.failure
                self.result.left_behind.append((api.name, f"{tag}: {said}"))

        await asyncio.gather(
            *(present(issued) for issued in serve.tally.issued),
            *(free(api, tag) for api, tag in serve.tally.unfinished),
        )

    def _search_secrets(self) -> None:
        secrets = {issued.secret for s in self.result.servers for issued in s.tally.issued}
        secrets |= {_credential_value(line) for line in (a.credential for a in self.apis)}
        self.result.secrets = len(secrets)
        files = [p for p in self.folder.iterdir() if p.name.startswith(self.db.name)]
        files += [s.log for s in self.result.servers] + [self.folder / "serve-restarted.log"]
        for path in files:
            data = path.read_bytes()
            self.result.scanned[path.name] = len(data)
            found = plaintext(secrets, data)
            if found:
                self.result.leaked[path.name] = sorted(found)
            if path.suffix == ".log":
                self.result.control[path.name] = len(CONTROL.findall(data))


def _slow_request(slow: Slow) -> Request:
    return Request(slow.api, "slow clients", slow.kind.value, "POST", slow.path, b"")


def _said(reply: Reply) -> str:
    return f"{reply.status} {reply.body[:300]!r}"


def _issued(request: Request, reply: Reply) -> Issued | None:
    body: Any = orjson.loads(reply.body)
    if request.api == "api-keys":
        return Issued(request.api, body["key_value"], body["id"])
    if request.api == "access-keys":
        return Issued(request.api, body["secret"], body["accessKey"]["accessKeyId"])
    if request.api == "proxy-keys":
        sent = orjson.loads(request.raw.partition(b"\r\n\r\n")[2])
        return Issued(request.api, body["key"], sent["identifier"])
    return None


def _proof(api: Api, issued: Issued) -> tuple[bytes, set[int]]:
    """A request that only a stored key answers as `expected`: its credential with an invalid
    body (authenticated, then refused: not 401) or, for a proxy key, its identifier again."""
    if api.name == "api-keys":
        return attacks.http(
            "POST", api.path, [f"x-api-key: {issued.secret}".encode(), JSON], b"{}"
        ), {403, 422}
    if api.name == "access-keys":
        return attacks.http(
            "POST", api.path, [attacks.basic(issued.name, issued.secret), JSON], b"{}"
        ), {400}
    body = orjson.dumps({**api.body("proof"), "identifier": issued.name})
    return attacks.http("POST", api.path, [api.credential, JSON], body), {409}


def _credential_value(line: bytes) -> str:
    value = line.partition(b":")[2].strip().decode()
    return value.split(" ", 1)[-1]
