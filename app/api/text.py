"""Refuses text PostgreSQL cannot store: a NUL character anywhere in the document's
strings or in the variables is bad input, answered before anything executes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql.language import Visitor
from strawberry.extensions import SchemaExtension

from app.api.errors import bad_input
from graphql import DocumentNode, ExecutionResult, StringValueNode, visit

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


_documents_with_nul: dict[str, bool] = {}
MAX_REMEMBERED = 512


def _document_has_nul(query: str, document: DocumentNode) -> bool:
    """Whether a string in the document holds a NUL, remembered per query text (most
    clients send the same few documents)."""
    if query not in _documents_with_nul:
        if len(_documents_with_nul) >= MAX_REMEMBERED:
            _documents_with_nul.clear()
        finder = _FindNul()
        visit(document, finder)
        _documents_with_nul[query] = finder.found
    return _documents_with_nul[query]


class NoNulCharacters(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        in_document = (
            document is not None
            and context.query is not None
            and _document_has_nul(context.query, document)
        )
        if in_document or _has_nul(context.variables):
            error = bad_input("text may not contain NUL characters (\\u0000)")
            context.result = ExecutionResult(data=None, errors=[error])
        yield
