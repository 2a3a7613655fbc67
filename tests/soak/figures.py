"""What the soak asserts, and the figures it reports: every check is computed from what was
measured, and fails when nothing was (no requests, no keys, no samples)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from tests.soak.probe import Usage
from tests.soak.slow import Kind, Slow
from tests.soak.soak import Result, Server, Settings


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


def p99(samples: list[float]) -> float | None:
    if not samples:
        return None
    ordered = sorted(samples)
    return ordered[math.ceil(0.99 * len(ordered)) - 1]


def checks(result: Result) -> list[Check]:
    settings = result.settings
    found: list[Check] = []

    def check(name: str, passed: bool, detail: str) -> None:
        found.append(Check(name, passed, detail))

    check("every phase ended within its cap", not result.overran, ", ".join(result.overran))
    for server in result.servers:
        tally = server.tally
        kind = server.kind
        least = settings.warmup + 250
        check(
            f"{kind}: enough requests to judge",
            tally.sent >= least,
            f"{tally.sent} sent, {least} needed",
        )
        families = {request.family for request in server.plan} | {"abandoned"}
        answered = set(tally.families) | ({"abandoned"} if tally.abandoned else set())
        check(
            f"{kind}: every hostile family sent",
            families <= answered,
            f"never sent: {sorted(families - answered)}",
        )
        for name, findings in (
            ("no 5xx", tally.server_errors),
            ("every response documented and valid against the spec", tally.off_spec),
            ("every request sent whole was answered", tally.unanswered),
            ("no hostile request granted", tally.granted),
            ("every well-formed request served", tally.refused),
        ):
            check(f"{kind}: {name}", not findings, _first(findings))
        calm, attack = (p99(tally.latencies[phase]) for phase in ("calm", "attack"))
        enough = len(tally.latencies["attack"]) >= 50
        check(
            f"{kind}: p99 of well-formed requests under attack within {settings.p99_bound:g} s",
            enough and attack is not None and attack <= settings.p99_bound,
            f"{len(tally.latencies['attack'])} samples, p99 {_ms(attack)} (calm {_ms(calm)})",
        )
        first, last = tally.usage.get("first thousand"), tally.usage.get("last")
        if first is None or last is None:
            check(f"{kind}: RSS and fds measured", False, f"samples: {sorted(tally.usage)}")
        else:
            growth = (last.rss_kib - first.rss_kib) / 1024
            check(
                f"{kind}: RSS flat (growth within {settings.rss_growth_mib:g} MiB)",
                growth <= settings.rss_growth_mib,
                f"{first.rss_kib / 1024:.1f} -> {last.rss_kib / 1024:.1f} MiB",
            )
            check(
                f"{kind}: fds flat (growth within {settings.fd_growth})",
                last.fds - first.fds <= settings.fd_growth,
                f"{first.fds} -> {last.fds}",
            )
        logged = result.scanned.get(server.log.name, 0)
        check(
            f"{kind}: log within {settings.log_bytes_per_request} bytes a request",
            tally.sent > 0
            and logged <= settings.log_bytes_per_request * (tally.sent + len(tally.slow)),
            f"{logged} bytes for {tally.sent} requests",
        )
        found += _slow_checks(server, settings)
    serve = result.server("serve")
    check(
        "serve: every acknowledged key present after a restart",
        bool(serve.tally.issued) and not result.missing,
        f"{len(result.present)} of {len(serve.tally.issued)} present; "
        + "; ".join(f"{i.api} {i.name}: {why}" for i, why in result.missing[:3]),
    )
    check(
        "serve: no create cut short left its name behind",
        bool(serve.tally.unfinished) and not result.left_behind,
        f"{len(serve.tally.unfinished)} checked; {result.left_behind[:3]}",
    )
    db = [size for name, size in result.scanned.items() if name.endswith(".db")]
    check(
        "no plaintext secret in the database files or the logs",
        result.secrets > 0 and bool(db) and db[0] > 0 and not result.leaked,
        f"{result.secrets} secrets in {len(result.scanned)} files; found: {result.leaked}",
    )
    check(
        "no control characters in the logs (a request cannot write its own log lines)",
        bool(result.control) and not any(result.control.values()),
        f"{result.control}",
    )
    return found


def _slow_checks(server: Server, settings: Settings) -> list[Check]:
    kind = server.kind
    stalled = [s for s in server.tally.slow if s.kind is not Kind.IN_TIME]
    in_time = [s for s in server.tally.slow if s.kind is Kind.IN_TIME]
    early = [s for s in stalled if s.held < s.deadline - 0.05]
    late = [s for s in stalled if not s.closed_by_server or s.held > s.deadline + settings.late]
    wrong = [s for s in stalled if s.reply is not None and s.reply.status != 408]
    kinds = {s.kind for s in stalled}
    return [
        Check(
            f"{kind}: slow clients of every kind held",
            kinds == {Kind.HEAD, Kind.BODY, Kind.SILENT} and bool(in_time),
            f"{len(stalled)} stalled ({', '.join(sorted(k.value for k in kinds))}), {len(in_time)} in time",
        ),
        Check(
            f"{kind}: slow clients closed at their deadline (+{settings.late:g} s), not before",
            not early and not late,
            "; ".join(
                f"{s.kind.value} held {s.held:.2f} s of {s.deadline:g} (closed: {s.closed_by_server})"
                for s in (early + late)[:3]
            ),
        ),
        Check(
            f"{kind}: slow clients answered 408 or nothing",
            not wrong,
            "; ".join(f"{s.kind.value}: {s.reply.status if s.reply else ''}" for s in wrong[:3]),
        ),
    ]


def _first(findings: Sequence[object]) -> str:
    if not findings:
        return ""
    return f"{len(findings)}, e.g. {findings[0]}"


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.1f} ms"


def table(result: Result) -> str:
    """The figures, one row each, a column per server."""
    rows: list[tuple[str, ...]] = []

    def row(name: str, *values: object) -> None:
        rows.append((name, *(str(v) for v in values)))

    servers = result.servers
    tallies = [s.tally for s in servers]
    row("requests sent", *(t.sent for t in tallies))
    row(
        "well-formed / hostile (of them abandoned midway)",
        *(f"{t.well_formed} / {t.hostile} ({t.abandoned})" for t in tallies),
    )
    row("answered", *(t.answered for t in tallies))
    row("5xx", *(len(t.server_errors) for t in tallies))
    row("off-spec responses", *(len(t.off_spec) for t in tallies))
    row("hostile requests granted", *(len(t.granted) for t in tallies))
    row("well-formed requests refused", *(len(t.refused) for t in tallies))
    row("sent whole, never answered", *(len(t.unanswered) for t in tallies))
    for kind in (Kind.HEAD, Kind.BODY, Kind.SILENT):
        row(
            f"slow ({kind.value}): held / closed by the server / answered 408",
            *(_slow_row(t.slow, kind) for t in tallies),
        )
        row(
            f"slow ({kind.value}): seconds held, median / max",
            *(_held(t.slow, kind) for t in tallies),
        )
    row("slow but in time: served", *(_in_time(t.slow) for t in tallies))
    row("p99 well-formed, without attack", *(_ms(p99(t.latencies["calm"])) for t in tallies))
    row("p99 well-formed, under attack", *(_ms(p99(t.latencies["attack"])) for t in tallies))
    for label, key in (
        ("at the start (seeded, before the calm phase)", "start"),
        ("after the first thousand requests", "first thousand"),
        ("after the last request", "last"),
    ):
        row(f"RSS {label}", *(_rss(t.usage.get(key)) for t in tallies))
        row(f"open fds {label}", *(_fds(t.usage.get(key)) for t in tallies))
    serve = result.server("serve").tally
    row(
        "keys acknowledged / present after restart",
        *(
            f"{len(serve.issued)} / {len(result.present)}" if s.kind == "serve" else "-"
            for s in servers
        ),
    )
    row(
        "creates cut short / name left behind",
        *(
            f"{len(serve.unfinished)} / {len(result.left_behind)}" if s.kind == "serve" else "-"
            for s in servers
        ),
    )
    leaked = sum(len(found) for found in result.leaked.values())
    row(
        "plaintext secrets in database and logs",
        *(f"{leaked} of {result.secrets} searched" if s.kind == "serve" else "-" for s in servers),
    )
    header = ("", *(s.kind for s in servers))
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _slow_row(slow: list[Slow], kind: Kind) -> str:
    of_kind = [s for s in slow if s.kind is kind]
    closed = sum(1 for s in of_kind if s.closed_by_server)
    answered = sum(1 for s in of_kind if s.reply is not None and s.reply.status == 408)
    return f"{len(of_kind)} / {closed} / {answered}"


def _held(slow: list[Slow], kind: Kind) -> str:
    held = sorted(s.held for s in slow if s.kind is kind)
    if not held:
        return "-"
    return f"{held[len(held) // 2]:.2f} / {held[-1]:.2f}"


def _in_time(slow: list[Slow]) -> str:
    in_time = [s for s in slow if s.kind is Kind.IN_TIME]
    served = sum(1 for s in in_time if s.reply is not None and 200 <= s.reply.status < 300)
    return f"{served} of {len(in_time)}"


def _rss(sample: Usage | None) -> str:
    return "-" if sample is None else f"{sample.rss_kib / 1024:.1f} MiB"


def _fds(sample: Usage | None) -> str:
    return "-" if sample is None else str(sample.fds)


def settings(result: Result) -> list[str]:
    """What was run, one item a line."""
    s = result.settings
    d = s.deadlines
    slow = (
        f"{s.slow_clients} held per server at any moment, in turn head trickled, body stalled, "
        f"silent, slow but in time; servers started with `--header-timeout {d.header:g} "
        f"--body-timeout {d.body:g} --keep-alive {d.keep_alive}`"
    )
    return [
        f"Form: {s.name} (KEYWRIGHT_SOAK={s.name if s.name == 'long' else 'unset'})",
        f"Requests: {s.calm} well-formed per server without attack, then {s.requests} per "
        f"server under attack (cap {s.seconds:g} s); the budget counts connections, the "
        "table requests (a pipelined pair is two)",
        f"Clients per server: {s.well_formed_clients} well-formed, {s.attackers} attackers "
        "(every hostile case in turn, an abandoned create every 12th, a pipelined pair every "
        "12th)",
        f"Slow connections: {slow}",
        f"Bounds: p99 of well-formed requests under attack {s.p99_bound:g} s; a slow "
        f"connection closed by its deadline + {s.late:g} s; RSS growth {s.rss_growth_mib:g} "
        f"MiB and fd growth {s.fd_growth} from the first thousand requests to the last",
        "Phases: " + ", ".join(f"{name} {value:.1f} s" for name, value in result.seconds.items()),
    ]


def families(result: Result) -> str:
    """How each server answered each family: status (or ending) and count."""
    names = sorted({family for s in result.servers for family in s.tally.families})
    lines = ["| family | " + " | ".join(s.kind for s in result.servers) + " |"]
    lines.append("|" + "---|" * (len(result.servers) + 1))
    for name in names:
        cells = []
        for server in result.servers:
            ended = server.tally.families.get(name, Counter())
            cells.append(", ".join(f"{what}: {n}" for what, n in sorted(ended.items())) or "-")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict(found: list[Check]) -> str:
    failed = [c for c in found if not c.passed]
    if not failed:
        return f"All {len(found)} checks hold."
    return f"{len(failed)} of {len(found)} checks fail: " + "; ".join(c.name for c in failed)


def markdown(result: Result, found: list[Check]) -> str:
    """The section the bench report embeds."""
    date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    listed = "\n".join(f"- {line}" for line in settings(result))
    return (
        "## Hostile soak\n\n"
        f"Run {date} by `make soak` (tests/soak/): `keywright serve` and `keywright mock` "
        "attacked at once, over loopback only.\n\n"
        f"{listed}\n\n{table(result)}\n\n"
        f"What each family of requests was answered (status or ending: count):\n\n"
        f"{families(result)}\n\n{verdict(found)}\n"
    )


def report(result: Result, found: list[Check]) -> str:
    """The figures and every check, for the terminal."""
    lines = [*settings(result), "", table(result), "", families(result), ""]
    for check in found:
        mark = "ok  " if check.passed else "FAIL"
        lines.append(f"{mark} {check.name}" + (f": {check.detail}" if not check.passed else ""))
    lines.append(verdict(found))
    return "\n".join(lines)
