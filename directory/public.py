"""The public partner-network directory."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from app.services import geography
from directory.templating import render


async def home(request: Request) -> Response:
    """The municipalities by region, narrowed by ``?q=`` as the visitor types."""
    query = request.query_params.get("q", "")[: geography.MAX_QUERY_LENGTH]
    groups = await geography.municipalities_grouped_by_region(query)
    total = sum(len(group.municipalities) for group in groups)
    return render(
        request,
        "public/home.html",
        {"q": query, "groups": groups, "total": total},
        block="municipality_list",
    )
