"""What each route does, for the tests that prove the authorization matrix holds.

A route is either *public* or *protected*: a protected route names the matrix cell
(resource, action) its service enforces, and whether it touches personal data (then
every call must leave an audit row). The services decide; this is only the map the
tests walk, and a route missing from it fails them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.routing import Route

from app.services.authorization import Action, Resource


@dataclass(frozen=True)
class RouteRule:
    resource: Resource
    action: Action
    personal: bool = False


RULES: dict[str, RouteRule] = {}
PUBLIC: set[str] = set()


def protected(
    path: str,
    endpoint: Callable[..., Any],
    *,
    name: str,
    resource: Resource,
    action: Action,
    methods: Sequence[str] = ("GET",),
    personal: bool = False,
) -> Route:
    RULES[name] = RouteRule(resource, action, personal)
    return Route(path, endpoint, methods=list(methods), name=name)


def public(
    path: str, endpoint: Callable[..., Any], *, name: str, methods: Sequence[str] = ("GET",)
) -> Route:
    PUBLIC.add(name)
    return Route(path, endpoint, methods=list(methods), name=name)
