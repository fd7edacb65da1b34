"""The per-request GraphQL context: the request, the acting principal and its DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from app.api.loaders import Loaders
from app.services.principal import Principal


@dataclass
class Context:
    request: Request
    response: Response
    principal: Principal
    loaders: Loaders = field(default_factory=Loaders)


Info = StrawberryInfo[Context, None]
