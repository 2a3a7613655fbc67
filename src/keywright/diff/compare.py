"""Comparing two versions of one spec, operation by operation, in the direction data flows.

Both sides are inlined first (every `$ref` followed), so moving or renaming a component is no
change. Operations are matched by method and route under the base path; schemas are compared
as the client sees them: a request schema may only accept more (`REQUEST`), a response schema
may only promise as much (`RESPONSE`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from keywright.diff.changes import Change, Level
from keywright.diff.sources import SpecPair
from keywright.jsonpath import json_path

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
Path = tuple[str | int, ...]

BREAKING, WARNING, INFO = Level.BREAKING, Level.WARNING, Level.INFO


class Flow(enum.Enum):
    REQUEST = "request"
    """The client sends it: the new version must accept everything the old one did."""
    RESPONSE = "response"
    """The client receives it: the new version must promise everything the old one did."""


def compare_specs(pairs: list[SpecPair]) -> list[Change]:
    changes: list[Change] = []
    for pair in pairs:
        where = f"specs/{pair.name}"
        if pair.old is None:
            changes.append(Change(INFO, "api-added", where, "$", "", f"a new API: {pair.name}"))
        elif pair.new is None:
            changes.append(Change(BREAKING, "api-removed", where, "$", "", "the API is gone"))
        else:
            changes += SpecDiff(where, inline(pair.old), inline(pair.new)).changes()
    return sorted(changes, key=lambda c: (c.file, -c.level, c.operation, c.path, c.rule))


def inline(node: Any, root: Any = None, seen: frozenset[str] = frozenset()) -> Any:
    """`node` with every local `$ref` replaced by what it names (a cycle stays a `$ref`)."""
    root = node if root is None else root
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and ref not in seen:
            target: Any = root
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            return inline(target, root, seen | {ref})
        return {key: inline(value, root, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [inline(value, root, seen) for value in node]
    return node


class SpecDiff:
    def __init__(self, file: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.file = file
        self.old = old
        self.new = new
        self.found: list[Change] = []

    def changes(self) -> list[Change]:
        old_base, new_base = _base_path(self.old), _base_path(self.new)
        if old_base != new_base:
            self._add(
                BREAKING, "api-base-path-changed", ("servers", 0, "url"), "",
                f"the base path changed from {old_base!r} to {new_base!r}",
            )  # fmt: skip
        old_ops, new_ops = _operations(self.old), _operations(self.new)
        for key, (route, old_op) in old_ops.items():
            method = key[0]
            route_now = new_ops[key][0] if key in new_ops else route
            label = f"{method.upper()} {new_base}{route_now}"
            if key not in new_ops:
                self._add(BREAKING, "operation-removed", ("paths", route, method), label,
                          "the operation is gone")  # fmt: skip
                continue
            new_route, new_op = new_ops[key]
            OperationDiff(self, ("paths", new_route, method), label).compare(old_op, new_op)
        for key, (route, _) in new_ops.items():
            if key not in old_ops:
                label = f"{key[0].upper()} {new_base}{route}"
                self._add(INFO, "operation-added", ("paths", route, key[0]), label,
                          "a new operation")  # fmt: skip
        return self.found

    def _add(self, level: Level, rule: str, path: Path, operation: str, message: str) -> None:
        self.found.append(Change(level, rule, self.file, json_path(path), operation, message))


class OperationDiff:
    def __init__(self, spec: SpecDiff, path: Path, label: str) -> None:
        self.spec = spec
        self.path = path
        self.label = label

    def add(self, level: Level, rule: str, path: Path, message: str) -> None:
        self.spec._add(level, rule, path, self.label, message)

    def compare(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        if old.get("operationId") != new.get("operationId"):
            self.add(BREAKING, "operation-id-changed", (*self.path, "operationId"),
                     f"operationId {old.get('operationId')!r} became {new.get('operationId')!r}"
                     " (generated clients name their methods after it)")  # fmt: skip
        self._parameters(old, new)
        self._request_body(old.get("requestBody"), new.get("requestBody"))
        self._responses(old.get("responses", {}), new.get("responses", {}))
        self._security(old, new)

    def _parameters(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        olds, news = _parameters(old), _parameters(new)
        at = (*self.path, "parameters")
        gone = [key for key in olds if key not in news]
        added = [key for key in news if key not in olds]
        for where, name in gone:
            moved = [loc for loc, other in added if other == name]
            renamed = [
                other
                for loc, other in added
                if loc == where
                and news[loc, other].get("schema") == olds[where, name].get("schema")
            ]
            if moved:
                self.add(BREAKING, "request-parameter-moved", (*at, name),
                         f"{where} parameter {name!r} moved to {moved[0]}")  # fmt: skip
                added.remove((moved[0], name))
            elif renamed:
                self.add(BREAKING, "request-parameter-renamed", (*at, renamed[0]),
                         f"{where} parameter {name!r} is now called {renamed[0]!r}")  # fmt: skip
                added.remove((where, renamed[0]))
            else:
                self.add(BREAKING, "request-parameter-removed", (*at, name),
                         f"{where} parameter {name!r} is gone")  # fmt: skip
        for where, name in added:
            if news[where, name].get("required"):
                self.add(BREAKING, "request-parameter-added-required", (*at, name),
                         f"a new required {where} parameter {name!r}")  # fmt: skip
            else:
                self.add(INFO, "request-parameter-added", (*at, name),
                         f"a new optional {where} parameter {name!r}")  # fmt: skip
        for key, parameter in olds.items():
            if key in news:
                self._parameter(parameter, news[key], (*at, key[1]))

    def _parameter(self, old: Mapping[str, Any], new: Mapping[str, Any], at: Path) -> None:
        if new.get("required") and not old.get("required"):
            self.add(BREAKING, "request-parameter-became-required", at,
                     f"{new.get('in')} parameter {new.get('name')!r} is now required")  # fmt: skip
        SchemaDiff(self, Flow.REQUEST, f"parameter {new.get('name')!r}").compare(
            old.get("schema", {}), new.get("schema", {}), (*at, "schema")
        )

    def _request_body(self, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> None:
        at = (*self.path, "requestBody")
        if old is None:
            if new is not None and new.get("required"):
                self.add(BREAKING, "request-body-added-required", at, "a required request body")
            return
        if new is None:
            self.add(WARNING, "request-body-removed", at, "the request body is gone")
            return
        if new.get("required") and not old.get("required"):
            self.add(BREAKING, "request-body-became-required", at, "the request body is required")
        for media, content in old.get("content", {}).items():
            if media not in new.get("content", {}):
                self.add(BREAKING, "request-media-type-removed", (*at, "content", media),
                         f"{media} request bodies are no longer accepted")  # fmt: skip
                continue
            SchemaDiff(self, Flow.REQUEST, "the request body").compare(
                content.get("schema", {}),
                new["content"][media].get("schema", {}),
                (*at, "content", media, "schema"),
            )

    def _responses(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        at = (*self.path, "responses")
        for status, response in old.items():
            if status not in new:
                if str(status).startswith("2"):
                    self.add(BREAKING, "response-success-status-removed", (*at, status),
                             f"the {status} response is gone")  # fmt: skip
                else:
                    self.add(INFO, "response-error-status-removed", (*at, status),
                             f"the {status} response is no longer documented")  # fmt: skip
                continue
            self._response(status, response, new[status], (*at, status))
        for status in new:
            if status not in old:
                level = WARNING if str(status).startswith("2") else INFO
                self.add(level, "response-status-added", (*at, status),
                         f"a new {status} response")  # fmt: skip

    def _response(
        self, status: str, old: Mapping[str, Any], new: Mapping[str, Any], at: Path
    ) -> None:
        for media, content in old.get("content", {}).items():
            if media not in new.get("content", {}):
                self.add(BREAKING, "response-media-type-removed", (*at, "content", media),
                         f"the {status} response is no longer {media}")  # fmt: skip
                continue
            SchemaDiff(self, Flow.RESPONSE, f"the {status} response").compare(
                content.get("schema", {}),
                new["content"][media].get("schema", {}),
                (*at, "content", media, "schema"),
            )
        for name, header in old.get("headers", {}).items():
            new_header = new.get("headers", {}).get(name)
            if new_header is None:
                level = BREAKING if header.get("required") else WARNING
                self.add(level, "response-header-removed", (*at, "headers", name),
                         f"the {status} response no longer sends {name}")  # fmt: skip
            elif header.get("required") and not new_header.get("required"):
                self.add(BREAKING, "response-header-became-optional", (*at, "headers", name),
                         f"the {status} response may leave out {name}")  # fmt: skip

    def _security(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        old_schemes = self.spec.old.get("components", {}).get("securitySchemes", {})
        new_schemes = self.spec.new.get("components", {}).get("securitySchemes", {})
        olds = _alternatives(old, self.spec.old)
        news = _alternatives(new, self.spec.new)
        at = (*self.path, "security")
        for alternative, scopes in olds.items():
            if alternative not in news:
                names = " + ".join(sorted(alternative)) or "no credential"
                self.add(BREAKING, "security-alternative-removed", at,
                         f"a client can no longer authenticate with {names}")  # fmt: skip
                continue
            added = news[alternative] - scopes
            if added:
                self.add(BREAKING, "security-scopes-added", at,
                         f"{' + '.join(sorted(alternative))} now needs scope(s) "
                         f"{', '.join(sorted(added))}")  # fmt: skip
        for alternative in news:
            if alternative not in olds:
                self.add(INFO, "security-alternative-added", at,
                         f"a client may also authenticate with {' + '.join(sorted(alternative))}")  # fmt: skip
        used = {name for alternative in olds for name in alternative if alternative in news}
        for name in sorted(used):
            before, after = old_schemes.get(name, {}), new_schemes.get(name, {})
            changed = [
                f"{key} {before.get(key)!r} became {after.get(key)!r}"
                for key in ("type", "scheme", "in", "name")
                if before.get(key) != after.get(key)
            ]
            if changed:
                self.add(
                    BREAKING,
                    "security-scheme-changed",
                    ("components", "securitySchemes", name),
                    f"security scheme {name}: {'; '.join(changed)}",
                )


class SchemaDiff:
    """Two versions of one schema, compared in the direction the data flows."""

    def __init__(self, operation: OperationDiff, flow: Flow, what: str) -> None:
        self.operation = operation
        self.flow = flow
        self.what = what

    def compare(self, old: Any, new: Any, at: Path) -> None:
        if not isinstance(old, dict) or not isinstance(new, dict):
            return
        request = self.flow is Flow.REQUEST
        if _type(old) != _type(new) and _type(old) and _type(new):
            self._add(BREAKING, "type-changed", at, f"type {_type(old)} became {_type(new)}")
            return
        self._format(old.get("format"), new.get("format"), at)
        self._nullable(old, new, at)
        self._enum(old, new, at)
        if request:
            self._narrowed(old, new, at)
        self._properties(old, new, at)
        for key in ("items", "additionalProperties", "not"):
            if isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
                self.compare(old[key], new[key], (*at, key))
        for key in ("allOf", "oneOf", "anyOf"):
            for index, (before, after) in enumerate(_alternatives_of(old, new, key)):
                self.compare(before, after, (*at, key, index))

    def _add(self, level: Level, rule: str, at: Path, message: str) -> None:
        prefix = "request" if self.flow is Flow.REQUEST else "response"
        self.operation.add(level, f"{prefix}-{rule}", at, f"{self.what}: {message}")

    def _format(self, old: Any, new: Any, at: Path) -> None:
        """A format narrows what a value may be: breaking to add to what clients send, to
        drop from what they receive, and to change either way."""
        if old == new:
            return
        where, said = (*at, "format"), f"format {old!r} became {new!r}"
        if old is not None and new is not None:
            self._add(BREAKING, "format-changed", where, said)
        elif (new is not None) == (self.flow is Flow.REQUEST):
            self._add(BREAKING, "format-narrowed" if new else "format-widened", where, said)
        else:
            self._add(INFO, "format-widened" if new is None else "format-narrowed", where, said)

    def _nullable(self, old: Mapping[str, Any], new: Mapping[str, Any], at: Path) -> None:
        was, now = bool(old.get("nullable")), bool(new.get("nullable"))
        if self.flow is Flow.REQUEST and was and not now:
            self._add(BREAKING, "nullable-removed", (*at, "nullable"), "null is no longer accepted")
        if self.flow is Flow.RESPONSE and now and not was:
            self._add(BREAKING, "nullable-added", (*at, "nullable"), "may now be null")

    def _enum(self, old: Mapping[str, Any], new: Mapping[str, Any], at: Path) -> None:
        before, after = old.get("enum"), new.get("enum")
        if before is None and after is None:
            return
        removed = [v for v in before or [] if after is not None and v not in after]
        added = [v for v in after or [] if before is not None and v not in before]
        where = (*at, "enum")
        if self.flow is Flow.REQUEST:
            if before is None:
                self._add(BREAKING, "enum-added", where, f"only {after!r} are accepted now")
            for value in removed:
                self._add(BREAKING, "enum-value-removed", where, f"{value!r} is no longer accepted")
            for value in added:
                self._add(INFO, "enum-value-added", where, f"{value!r} is accepted too")
        else:
            for value in added:
                self._add(WARNING, "enum-value-added", where,
                          f"{value!r} may now be sent (an exhaustive switch breaks)")  # fmt: skip
            for value in removed:
                self._add(INFO, "enum-value-removed", where, f"{value!r} is no longer sent")

    def _narrowed(self, old: Mapping[str, Any], new: Mapping[str, Any], at: Path) -> None:
        for key in ("maxLength", "maximum", "maxItems", "maxProperties"):
            if key in new and (key not in old or new[key] < old[key]):
                self._add(BREAKING, f"{_kebab(key)}-decreased", (*at, key),
                          f"{key} {old.get(key, 'none')} became {new[key]}")  # fmt: skip
            elif key in old and (key not in new or new[key] > old[key]):
                self._add(INFO, f"{_kebab(key)}-increased", (*at, key),
                          f"{key} {old[key]} became {new.get(key, 'none')}")  # fmt: skip
        for key in ("minLength", "minimum", "minItems", "minProperties"):
            if key in new and new[key] > old.get(key, 0):
                self._add(BREAKING, f"{_kebab(key)}-increased", (*at, key),
                          f"{key} {old.get(key, 'none')} became {new[key]}")  # fmt: skip
            elif key in old and new.get(key, 0) < old[key]:
                self._add(INFO, f"{_kebab(key)}-decreased", (*at, key),
                          f"{key} {old[key]} became {new.get(key, 'none')}")  # fmt: skip
        if new.get("pattern") and new.get("pattern") != old.get("pattern"):
            self._add(BREAKING, "pattern-changed", (*at, "pattern"),
                      f"pattern {old.get('pattern')!r} became {new['pattern']!r}")  # fmt: skip
        elif old.get("pattern") and not new.get("pattern"):
            self._add(INFO, "pattern-removed", (*at, "pattern"), "no pattern any more")
        if (
            new.get("additionalProperties") is False
            and old.get("additionalProperties") is not False
        ):
            self._add(BREAKING, "additional-properties-closed", (*at, "additionalProperties"),
                      "properties not listed are refused now")  # fmt: skip
        if new.get("uniqueItems") and not old.get("uniqueItems"):
            self._add(BREAKING, "unique-items-added", (*at, "uniqueItems"),
                      "repeated items are refused now")  # fmt: skip

    def _properties(self, old: Mapping[str, Any], new: Mapping[str, Any], at: Path) -> None:
        olds, news = old.get("properties", {}), new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        request = self.flow is Flow.REQUEST
        for name, schema in olds.items():
            where = (*at, "properties", name)
            if name not in news:
                if request:
                    closed = new.get("additionalProperties") is False
                    self._add(BREAKING if closed else WARNING, "property-removed", where,
                              f"{name!r} is no longer part of it")  # fmt: skip
                else:
                    level = BREAKING if name in old_required else WARNING
                    self._add(level, "property-removed", where, f"{name!r} is no longer sent")
                continue
            self.compare(schema, news[name], where)
            if request and name in new_required and name not in old_required:
                self._add(BREAKING, "property-became-required", where, f"{name!r} is now required")
            if not request and name in old_required and name not in new_required:
                self._add(BREAKING, "property-became-optional", where,
                          f"{name!r} may now be left out")  # fmt: skip
        for name in news:
            if name in olds:
                continue
            where = (*at, "properties", name)
            if request and name in new_required:
                self._add(BREAKING, "property-added-required", where, f"a new required {name!r}")
            else:
                self._add(INFO, "property-added", where, f"a new optional {name!r}")


def _base_path(spec: Mapping[str, Any]) -> str:
    servers = spec.get("servers") or [{"url": "/"}]
    return urlsplit(str(servers[0].get("url", "/"))).path.rstrip("/")


def _operations(spec: Mapping[str, Any]) -> dict[tuple[str, str], tuple[str, dict[str, Any]]]:
    """(method, route with parameters unnamed) → (route as written, operation)."""
    found = {}
    for route, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                operation = {**item[method], "parameters": [
                    *item.get("parameters", []), *item[method].get("parameters", [])
                ]}  # fmt: skip
                found[method, _shape(route)] = (route, operation)
    return found


def _shape(route: str) -> str:
    """`/projects/{projectId}/keys` → `/projects/{}/keys`: renaming a path parameter keeps it."""
    parts = route.split("/")
    return "/".join("{}" if part.startswith("{") and part.endswith("}") else part for part in parts)


def _parameters(operation: Mapping[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(p.get("in", ""), p.get("name", "")): p for p in operation.get("parameters", [])}


def _alternatives(
    operation: Mapping[str, Any], spec: Mapping[str, Any]
) -> dict[frozenset[str], frozenset[str]]:
    requirements = operation.get("security", spec.get("security", []))
    return {
        frozenset(requirement): frozenset(s for scopes in requirement.values() for s in scopes)
        for requirement in requirements
    }


def _alternatives_of(
    old: Mapping[str, Any], new: Mapping[str, Any], key: str
) -> Iterator[tuple[Any, Any]]:
    """Pairs of subschemas: by discriminator value where there is one, else by position."""
    before, after = old.get(key, []), new.get(key, [])
    name = new.get("discriminator", {}).get("propertyName")
    if name:

        def by_value(options: list[Any]) -> dict[Any, Any]:
            return {
                value: option
                for option in options
                for value in option.get("properties", {}).get(name, {}).get("enum", [])
            }

        olds, news = by_value(before), by_value(after)
        yield from ((olds[v], news[v]) for v in olds if v in news)
        return
    yield from zip(before, after, strict=False)


def _type(schema: Mapping[str, Any]) -> str | None:
    if "type" in schema:
        return str(schema["type"])
    if "properties" in schema:
        return "object"
    return None


def _kebab(name: str) -> str:
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in name)
