"""Which compiled operation a request is for: path templates matched like Starlette's router."""

from __future__ import annotations

import re

from keywright.dispatch.operation import Operation

_PARAMETER = re.compile(r"\{([^{}]+)\}")


class Routes:
    def __init__(self) -> None:
        self._routes: list[tuple[re.Pattern[str], list[str], dict[str, Operation]]] = []

    def add(self, path_template: str, operation: Operation) -> None:
        """`path_template` is the full path, base path included: `/v1/projects/{projectId}/keys`."""
        names = _PARAMETER.findall(path_template)
        literals = _PARAMETER.split(path_template)[::2]
        pattern = "".join(
            re.escape(literal) + ("([^/]+)" if i < len(names) else "")
            for i, literal in enumerate(literals)
        )
        compiled = re.compile(pattern)
        for existing, _, by_method in self._routes:
            if existing.pattern == compiled.pattern:
                by_method[operation.method] = operation
                return
        self._routes.append((compiled, names, {operation.method: operation}))

    def match(self, method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
        """The operation for `method` on `path` with its path parameters; None when there is
        none (an unknown path, or a method the path does not have)."""
        for pattern, names, by_method in self._routes:
            found = pattern.fullmatch(path)
            if found is not None:
                operation = by_method.get(method)
                if operation is None:
                    return None
                return operation, dict(zip(names, found.groups(), strict=True))
        return None
