"""The domain's enums, registered with strawberry once, before any type uses them."""

from __future__ import annotations

import strawberry

from app.models import CodeList, OpeningStatus
from app.services.opening_search import OpeningOrder

strawberry.enum(OpeningStatus, description="draft -> open -> filled or closed.")
strawberry.enum(
    OpeningOrder,
    description="NEWEST and OLDEST by posting date, TITLE alphabetically, NEAREST by "
    "distance (needs `near`); ties go by ID.",
)
strawberry.enum(CodeList, description="The vocabularies kept as versioned code lists.")

__all__ = ["CodeList", "OpeningOrder", "OpeningStatus"]
