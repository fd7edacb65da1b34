"""API tokens for /graphql: created, listed and revoked by administrators (for national
partners) and company managers (for their company's HR system).

A token reads ``ulf_<prefix>_<secret>``. The prefix finds the row; only the SHA-256 of
the secret is stored, so the whole token is shown once, when it is created.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise import connections

from app.models import ApiToken, Company, Municipality, Role, VerificationStatus
from app.services.authorization import (
    MUNICIPALITY_READ,
    OPENINGS_WRITE,
    PUBLIC_READ,
    SCOPES,
    STATS_READ,
    Action,
    Resource,
    require,
    tokens_in_scope,
)
from app.services.errors import NotFoundError, ValidationError
from app.services.principal import Principal

MARKER = "ulf"
PREFIX_LENGTH = 8
PREFIX_ALPHABET = string.ascii_letters + string.digits
SECRET_BYTES = 32
MAX_TOKEN_LENGTH = 200
MIN_DAYS, MAX_DAYS = 1, 365
LAST_USED_RESOLUTION = timedelta(minutes=1)
CACHE_SECONDS = 60.0
"""How long a process keeps a token's row: revocation still stops the token at once,
because every request's rate-limit statement checks that the token is live
(:func:`app.services.rate_limits.spend`)."""
CACHE_SIZE = 1_000
TOKEN_BY_PREFIX = (
    "SELECT id, name, secret_hash, scopes, company_id, municipality_id, expires_at, "
    "revoked_at, last_used_at FROM api_token WHERE prefix = $1"
)

SCOPES_BY_ROLE = {
    Role.ADMIN: (PUBLIC_READ, STATS_READ, MUNICIPALITY_READ),
    Role.COMPANY: (OPENINGS_WRITE,),
}


@dataclass(frozen=True)
class TokenRequest:
    """A validated token form."""

    name: str
    scopes: list[str]
    municipality_id: int | None
    expires_at: datetime


def hash_secret(secret: str) -> str:
    """What is stored of a token's secret: its SHA-256, in hex."""
    return hashlib.sha256(secret.encode()).hexdigest()


def scopes_for(principal: Principal) -> tuple[str, ...]:
    """The scopes the principal may put on a token."""
    return SCOPES_BY_ROLE.get(principal.role, ()) if principal.role else ()


async def list_tokens(principal: Principal) -> list[ApiToken]:
    require(principal, Resource.API_TOKEN, Action.LIST)
    return (
        await tokens_in_scope(principal)
        .order_by("-created_at", "-id")
        .prefetch_related("company", "municipality", "created_by")
    )


async def create_token(principal: Principal, form: Mapping[str, Any]) -> tuple[ApiToken, str]:
    """Create a token; return it and the full token string, which is never shown again."""
    require(principal, Resource.API_TOKEN, Action.CREATE)
    request = await validate_token_request(principal, form)
    prefix = "".join(secrets.choice(PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
    secret = secrets.token_urlsafe(SECRET_BYTES)
    token = await ApiToken.create(
        name=request.name,
        prefix=prefix,
        secret_hash=hash_secret(secret),
        scopes=request.scopes,
        created_by_id=principal.user_id,
        company_id=principal.company_id if principal.role == Role.COMPANY else None,
        municipality_id=request.municipality_id,
        expires_at=request.expires_at,
    )
    return token, f"{MARKER}_{prefix}_{secret}"


async def validate_token_request(principal: Principal, form: Mapping[str, Any]) -> TokenRequest:
    """Check a token form; :class:`ValidationError` names every bad field."""
    errors: dict[str, str] = {}
    name = str(form.get("name", "")).strip()
    if not name:
        errors["name"] = "Skriv, hvem eller hvad nøglen er til."
    elif len(name) > 200:
        errors["name"] = "Højst 200 tegn."
    scopes = _scopes(principal, form, errors)
    if principal.company_id is not None and not await Company.exists(
        id=principal.company_id, status=VerificationStatus.VERIFIED
    ):
        errors["scopes"] = (
            "Jeres virksomhed skal være godkendt af sekretariatet, før I kan lave API-nøgler."
        )
    municipality_id = await _municipality(scopes, form, errors)
    days_text = str(form.get("expires_in_days", "")).strip()
    days = int(days_text) if days_text.isascii() and days_text.isdigit() else 0
    if not MIN_DAYS <= days <= MAX_DAYS:
        errors["expires_in_days"] = f"Vælg en levetid mellem {MIN_DAYS} og {MAX_DAYS} dage."
    if errors:
        raise ValidationError(errors)
    expires_at = datetime.now(UTC) + timedelta(days=days)
    return TokenRequest(name, scopes, municipality_id, expires_at)


def _scopes(principal: Principal, form: Mapping[str, Any], errors: dict[str, str]) -> list[str]:
    chosen = _all_values(form, "scopes")
    allowed = scopes_for(principal)
    if not chosen:
        errors["scopes"] = "Vælg mindst én adgang."
    elif not set(chosen) <= set(allowed):
        errors["scopes"] = "Du kan kun give adgangene " + ", ".join(allowed) + "."
    return [scope for scope in SCOPES if scope in chosen]


async def _municipality(
    scopes: list[str], form: Mapping[str, Any], errors: dict[str, str]
) -> int | None:
    """The municipality a ``municipality:read`` token reads (required with that scope,
    refused without it)."""
    code = str(form.get("municipality", "")).strip()
    if MUNICIPALITY_READ not in scopes:
        if code:
            errors["municipality"] = f"Vælg kun en kommune til adgangen {MUNICIPALITY_READ}."
        return None
    found = None
    if code.isascii() and code.isdigit() and len(code) == 3:
        found = await Municipality.get_or_none(code=int(code))
    if found is None:
        errors["municipality"] = "Skriv en kommunekode, der findes (fx 101 for København)."
        return None
    return found.id


def _all_values(form: Mapping[str, Any], name: str) -> list[str]:
    """Every value of a repeated form field (a starlette FormData or a plain mapping)."""
    getlist = getattr(form, "getlist", None)
    values = getlist(name) if getlist is not None else form.get(name, [])
    if isinstance(values, str):
        values = [values]
    return [str(value) for value in values]


async def revoke_token(principal: Principal, token_id: int) -> ApiToken:
    require(principal, Resource.API_TOKEN, Action.REVOKE)
    token = await tokens_in_scope(principal).get_or_none(id=token_id)
    if token is None:
        raise NotFoundError("no such token")
    if token.revoked_at is None:
        token.revoked_at = datetime.now(UTC)
        await token.save(update_fields=["revoked_at", "updated_at"])
    _rows.pop(token.prefix, None)
    return token


async def authenticate_bearer(header_value: str, *, ip: str, request_id: str) -> Principal | None:
    """The principal of an ``Authorization: Bearer ulf_…`` header value, or None when the
    token is malformed, unknown, wrong, expired or revoked."""
    parts = _parse(header_value)
    if parts is None:
        return None
    prefix, secret = parts
    token = await _token_row(prefix)
    if token is None or not hmac.compare_digest(token["secret_hash"], hash_secret(secret)):
        return None
    now = datetime.now(UTC)
    if token["revoked_at"] is not None or token["expires_at"] <= now:
        return None
    last_used = token["last_used_at"]
    if last_used is None or now - last_used >= LAST_USED_RESOLUTION:
        await ApiToken.filter(id=token["id"]).update(last_used_at=now)
        token["last_used_at"] = now
    return Principal(
        token_id=token["id"],
        name=token["name"],
        municipality_id=token["municipality_id"],
        company_id=token["company_id"],
        scopes=frozenset(token["scopes"]),
        ip=ip,
        request_id=request_id,
    )


_rows: dict[str, tuple[float, dict[str, Any]]] = {}


def forget_token_rows() -> None:
    """Read every token from the database again (each test starts afresh)."""
    _rows.clear()


async def _token_row(prefix: str) -> dict[str, Any] | None:
    """The token with ``prefix``, kept for :data:`CACHE_SECONDS` once found (an unknown
    prefix is looked up every time)."""
    known = _rows.get(prefix)
    if known is not None and time.monotonic() - known[0] < CACHE_SECONDS:
        return known[1]
    # Plain SQL: the ORM's query building would cost more than the statement.
    rows = await connections.get("default").execute_query_dict(TOKEN_BY_PREFIX, [prefix])
    if not rows:
        return None
    if len(_rows) >= CACHE_SIZE:
        _rows.clear()
    row: dict[str, Any] = rows[0]
    _rows[prefix] = (time.monotonic(), row)
    return row


def _parse(header_value: str) -> tuple[str, str] | None:
    """The prefix and secret of ``Bearer ulf_<prefix>_<secret>``."""
    scheme, _, credentials = header_value.strip().partition(" ")
    credentials = credentials.strip()
    if scheme.lower() != "bearer" or len(credentials) > MAX_TOKEN_LENGTH:
        return None
    marker, _, rest = credentials.partition("_")
    prefix, _, secret = rest.partition("_")
    if marker != MARKER or len(prefix) != PREFIX_LENGTH or not secret:
        return None
    return prefix, secret
