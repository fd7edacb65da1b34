"""``@personal``: marks a type that identifies a person. Such a type is reachable only
through fields that need a scope granting personal data (a test walks the schema from
the other scopes and fails if it meets one)."""

from __future__ import annotations

import strawberry
from strawberry.schema_directive import Location


@strawberry.schema_directive(
    locations=[Location.OBJECT],
    name="personal",
    description="This type identifies a person: every read of it is audited.",
)
class Personal:
    pass
