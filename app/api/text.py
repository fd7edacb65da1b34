"""Refuses text PostgreSQL cannot store: a NUL character anywhere in the document's
strings or in the variables is bad input, answered before anything executes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql.language import Visitor
from strawberry.extensions import SchemaExtension

from app.api.errors import bad_input
from graphql import ExecutionResult, StringValueNode, visit

NUL = "\x00"


class _FindNul(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        self.found = self.found or NUL in node.value


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


class NoNulCharacters(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        finder = _FindNul()
        if context.graphql_document is not None:
            visit(context.graphql_document, finder)
        if finder.found or _has_nul(context.variables):
            error = bad_input("text may not contain NUL characters (\\u0000)")
            context.result = ExecutionResult(data=None, errors=[error])
        yield
