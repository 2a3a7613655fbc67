"""A loaded spec, with JSON paths for messages and schema validators for its parts."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:  # validation is for lint and tests; servers only read specs, and start faster
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

SPEC_URI = "urn:keywright:spec"

Location = tuple[str | int, ...]
"""Where a node sits in a spec, as the keys and indexes that lead to it."""


def json_pointer(location: Location) -> str:
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in location)
    return "/" + "/".join(escaped) if location else ""


@dataclass
class SpecDocument:
    """An OpenAPI document as plain data, plus the file it came from."""

    path: Path
    data: dict[str, Any]

    @functools.cached_property
    def _registry(self) -> Registry[Any]:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4

        resource = Resource.from_contents(self.data, default_specification=DRAFT4)
        registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
        return registry

    def node(self, location: Location) -> Any:
        value: Any = self.data
        for part in location:
            value = value[part]
        return value

    def resolve(self, value: Any) -> Any:
        """Follow a local `$ref` (repeatedly) to the object it names."""
        while isinstance(value, Mapping) and "$ref" in value:
            value = self.node(ref_location(value["$ref"]))
        return value

    def inline(self, node: Any) -> Any:
        """A copy of `node` with every local `$ref` replaced by what it names (specs here have no cycles)."""
        node = self.resolve(node)
        if isinstance(node, dict):
            return {key: self.inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [self.inline(value) for value in node]
        return node

    def validate(self, instance: Any, schema_location: Location) -> Iterator[ValidationError]:
        """Errors of `instance` against the schema at `schema_location` (refs, formats too)."""
        from openapi_schema_validator import OAS30Validator, oas30_format_checker

        schema = {"$ref": f"{SPEC_URI}#{json_pointer(schema_location)}"}
        validator = OAS30Validator(
            schema, registry=self._registry, format_checker=oas30_format_checker
        )
        yield from validator.iter_errors(instance)

    def operations(self) -> Iterator[tuple[tuple[str, str, str], dict[str, Any]]]:
        for route, path_item in self.data.get("paths", {}).items():
            for method, operation in path_item.items():
                if method in HTTP_METHODS:
                    yield ("paths", route, method), operation


HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def ref_location(ref: str) -> Location:
    if not ref.startswith("#/"):
        raise ValueError(f"only local $refs are supported, got {ref!r}")
    parts = ref[2:].split("/")
    return tuple(p.replace("~1", "/").replace("~0", "~") for p in parts)


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster


def load_spec(path: Path) -> SpecDocument:
    """The spec at `path`, parsed once per version of the file. Treat it as read-only."""
    stat = path.stat()
    return _load(path, stat.st_mtime_ns, stat.st_size)


class SpecUnreadable(ValueError):
    """A spec file that is not YAML, or not a mapping: one line naming the file and where."""


@functools.lru_cache(maxsize=64)
def _load(path: Path, _mtime_ns: int, _size: int) -> SpecDocument:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise SpecUnreadable(f"{path}: not valid YAML: {yaml_problem(exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecUnreadable(f"{path}: cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise SpecUnreadable(f"{path}: not an OpenAPI document (top level is not a mapping)")
    return SpecDocument(path, data)


def yaml_problem(exc: yaml.YAMLError) -> str:
    """What is wrong and where (line and column), in one line."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is None:
        return str(problem)
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"
