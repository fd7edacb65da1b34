"""``@requiresScope``: the token scope a field needs, checked before it resolves and
published in the schema, so partners read the scope of every field in the SDL."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.extensions.field_extension import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.schema_directive import Location

from app.services.authorization import require_scope


@strawberry.schema_directive(
    locations=[Location.FIELD_DEFINITION],
    name="requiresScope",
    description="The API token scope this field needs (every scope reads public data).",
)
class RequiresScopeDirective:
    scope: str


class RequiresScope(BasePermission):
    """Raises AuthenticationRequired without a token and PermissionDeniedError with a
    token that lacks the scope; :class:`app.api.errors.ErrorPolicy` gives them codes."""

    def __init__(self, scope: str) -> None:
        self.scope = scope

    @property
    def schema_directive(self) -> object:
        return RequiresScopeDirective(scope=self.scope)

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        require_scope(info.context.principal, self.scope)
        return True


def requires_scope(scope: str) -> list[FieldExtension]:
    """Field extensions for ``strawberry.field(extensions=...)``: the field needs ``scope``."""
    return [PermissionExtension([RequiresScope(scope)])]
