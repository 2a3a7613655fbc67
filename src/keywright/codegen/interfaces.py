"""One spec's interface: an abstract `async` method per operation and per security scheme,
typed from the spec, with each operation's replies and failures (templates/interface.py.jinja).

The names are the spec's, made Pythonic: `createApiKey` → `create_api_key`,
`x-idempotency-key` → `x_idempotency_key`, `APIKey` → `verify_api_key`.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from keywright.catalog import ApiSpec
from keywright.codegen.formatting import GenerationError, format_python
from keywright.specs.document import SpecDocument, ref_location

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("keywright.codegen", "templates"),
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
_PYTHON_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


@dataclass(frozen=True)
class ParameterView:
    name: str
    location: str
    argument: str
    type: str
    required: bool


@dataclass(frozen=True)
class ReplyView:
    name: str
    status: int
    body: str
    description: str
    headers: tuple[HeaderView, ...] = ()


@dataclass(frozen=True)
class HeaderView:
    """A documented response header: a field of the reply, sent when it is set."""

    name: str
    argument: str
    description: str


@dataclass(frozen=True)
class OperationView:
    operation_id: str
    method: str
    route: str
    summary: str
    description: str
    parameters: list[ParameterView]
    body: str | None
    body_required: bool
    replies: list[ReplyView]
    reply_alias: str
    error: str
    error_statuses: list[int]
    statuses: list[int]


@dataclass(frozen=True)
class SchemeView:
    name: str
    method: str
    arguments: list[str]
    description: str


def write_interface(api: ApiSpec, output: Path) -> None:
    """Render `api`'s interface into `output`, formatted like the models (ruff)."""
    output.write_text(render(api), encoding="utf-8")
    format_python(output)


def render(api: ApiSpec) -> str:
    doc = api.doc
    operations = [_operation(doc, api, location, op) for location, op in doc.operations()]
    schemes = [
        _scheme(name, scheme)
        for name, scheme in doc.inline(
            doc.data.get("components", {}).get("securitySchemes", {})
        ).items()
    ]
    models = sorted(
        {op.body for op in operations if op.body}
        | {reply.body for op in operations for reply in op.replies if reply.body != "None"}
    )
    info = doc.data.get("info", {})
    return _TEMPLATES.get_template("interface.py.jinja").render(
        api=api,
        spec_file=api.path.name,
        title=info.get("title", api.name),
        version=info.get("version", ""),
        interface=_class_name(api.module_name) + "Interface",
        operations=operations,
        schemes=schemes,
        models=models,
        uses_literal=any(op.error_statuses for op in operations),
    )


def snake_case(name: str) -> str:
    """`createApiKey` → `create_api_key`, `APIKey` → `api_key`, `x-api-key` → `x_api_key`,
    `OAuth2` → `oauth2`."""
    name = name.replace("OAuth", "Oauth")
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    name = re.sub(r"[^0-9A-Za-z]+", "_", name).strip("_").lower()
    if not name or name[0].isdigit():
        name = f"_{name}"
    return f"{name}_" if keyword.iskeyword(name) else name


def _class_name(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_") if part)


def _operation(
    doc: SpecDocument, api: ApiSpec, location: tuple[str | int, ...], operation: Mapping[str, Any]
) -> OperationView:
    _, route, method = location
    operation_id = str(operation["operationId"])
    stem = _class_name(snake_case(operation_id))
    path_item = doc.node(("paths", route))
    parameters = {}
    for raw in [*path_item.get("parameters", []), *operation.get("parameters", [])]:
        parameter = doc.resolve(raw)
        parameters[parameter["name"], parameter["in"]] = ParameterView(
            name=parameter["name"],
            location=parameter["in"],
            argument=snake_case(parameter["name"]),
            type=_PYTHON_TYPES.get(doc.resolve(parameter.get("schema", {})).get("type"), "str"),
            required=bool(parameter.get("required")),
        )
    body, body_required = None, False
    if "requestBody" in operation:
        request_body = doc.resolve(operation["requestBody"])
        body = _model(request_body, operation_id, "request body")
        body_required = bool(request_body.get("required"))
    replies, error_statuses, statuses = [], [], []
    for status, response in operation.get("responses", {}).items():
        if not str(status).isdigit():
            raise GenerationError(f"{operation_id}: status {status!r} is not a number")
        code = int(status)
        statuses.append(code)
        if 200 <= code < 300:
            response = doc.resolve(response)
            name = f"{stem}{_STATUS_NAMES.get(code, str(code))}"
            model = (
                _model(response, operation_id, f"{code} response")
                if response.get("content")
                else "None"
            )
            description = " ".join(str(response.get("description", "")).split())
            headers = tuple(
                HeaderView(
                    header,
                    snake_case(header),
                    " ".join(str(doc.resolve(spec).get("description", "")).split()),
                )
                for header, spec in response.get("headers", {}).items()
            )
            replies.append(ReplyView(name, code, model, description, headers))
        elif code >= 400:
            error_statuses.append(code)
    if not replies:
        raise GenerationError(f"{operation_id} documents no success response")
    return OperationView(
        operation_id=operation_id,
        method=snake_case(operation_id),
        route=f"{str(method).upper()} {api.base_path}{route}",
        summary=" ".join(str(operation.get("summary", "")).split()),
        description=str(operation.get("description", "")).strip(),
        parameters=sorted(parameters.values(), key=lambda p: (not p.required, p.argument)),
        body=body,
        body_required=body_required,
        replies=replies,
        reply_alias=f"{stem}Reply",
        error=f"{stem}Error",
        error_statuses=sorted(error_statuses),
        statuses=sorted(statuses),
    )


_STATUS_NAMES = {200: "Ok", 201: "Created", 202: "Accepted", 204: "NoContent"}


def _model(holder: Mapping[str, Any], operation_id: str, what: str) -> str:
    """The generated model of a body: its schema must be a `$ref` to a named schema."""
    content = holder.get("content", {})
    media: Mapping[str, Any] = content.get("application/json") or next(iter(content.values()), {})
    ref = media.get("schema", {}).get("$ref", "")
    location = ref_location(ref) if ref.startswith("#/") else ()
    if len(location) != 3 or location[:2] != ("components", "schemas"):
        raise GenerationError(
            f"{operation_id}: the {what} schema must be a $ref to a named schema in "
            f"components/schemas (got {ref or 'an inline schema'})"
        )
    return str(location[2])


def _scheme(name: str, scheme: Mapping[str, Any]) -> SchemeView:
    arguments = (
        ["user", "password"] if str(scheme.get("scheme", "")).lower() == "basic" else ["credential"]
    )
    where = (
        f"{scheme['in']} `{scheme['name']}`"
        if scheme.get("type") == "apiKey"
        else "header `Authorization`"
    )
    description = " ".join(str(scheme.get("description", "")).split())
    return SchemeView(name, f"verify_{snake_case(name)}", arguments, f"{where}: {description}")
