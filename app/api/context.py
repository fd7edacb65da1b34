"""The per-request GraphQL context: the request, the acting principal and its DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from app.api.geography.loaders import GeographyLoaders
from app.services.principal import Principal


@dataclass
class Loaders:
    """Every DataLoader, created fresh for each request so caches never outlive it."""

    geography: GeographyLoaders = field(default_factory=GeographyLoaders)


@dataclass
class Context:
    request: Request
    response: Response
    principal: Principal
    loaders: Loaders = field(default_factory=Loaders)


Info = StrawberryInfo[Context, None]
