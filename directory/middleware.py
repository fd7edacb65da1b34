"""Pure ASGI middleware: request ids and security headers, sessions, and CSRF checks.

Order (outermost first): :class:`SecurityHeaders` gives every response its headers and a
request id; :class:`Sessions` turns the session cookie into the acting principal;
:class:`CsrfProtection` refuses state-changing requests without a valid token.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.services.principal import Principal
from app.services.sessions import SessionState, resume_session
from app.settings import Settings
from directory import csrf

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_FORM_BYTES = 1024 * 1024
WITHOUT_SESSION = ("/static/", "/healthz", "/readyz", "/graphql")
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


def session_cookie_name(settings: Settings) -> str:
    """``__Host-`` in production: Secure, host-only, path / (the browser enforces it)."""
    return "__Host-session" if settings.is_production else "session"


def client_ip(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else ""


def state(scope: Scope) -> MutableMapping[str, Any]:
    result: MutableMapping[str, Any] = scope.setdefault("state", {})
    return result


class SecurityHeaders:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.production = settings.is_production

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex
        state(scope)["request_id"] = request_id

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "same-origin"
                headers["X-Frame-Options"] = "DENY"
                headers["Cross-Origin-Opener-Policy"] = "same-origin"
                headers["Permissions-Policy"] = (
                    "camera=(), microphone=(), geolocation=(), payment=()"
                )
                headers["X-Request-Id"] = request_id
                if self.production:
                    headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Sessions:
    """Sets ``request.state.principal`` (and ``.session``) from the session cookie. Every
    response to a logged-in user gets ``Cache-Control: no-store``."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.cookie = session_cookie_name(settings)
        self.secure = settings.is_production

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_state = state(scope)
        ip = client_ip(scope)
        request_state["principal"] = Principal.anonymous(ip, request_state.get("request_id", ""))
        request_state["session"] = None
        request_state["session_expired"] = False
        if scope["path"].startswith(WITHOUT_SESSION):
            await self.app(scope, receive, send)
            return
        key = Request(scope).cookies.get(self.cookie, "")
        resumed = await resume_session(key) if key else None
        if resumed and resumed.state == SessionState.ACTIVE and resumed.user and resumed.session:
            request_state["principal"] = Principal.for_user(
                resumed.user, ip, request_state["request_id"]
            )
            request_state["session"] = resumed.session
        elif resumed:
            request_state["session_expired"] = resumed.state == SessionState.EXPIRED

        async def send_private(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if request_state["principal"].is_authenticated or key:
                    headers["Cache-Control"] = "no-store"
                if resumed and resumed.state != SessionState.ACTIVE and "set-cookie" not in headers:
                    headers.append("Set-Cookie", self.expired_cookie())
            await send(message)

        await self.app(scope, receive, send_private)

    def expired_cookie(self) -> str:
        secure = "; Secure" if self.secure else ""
        return f"{self.cookie}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}"


Forbidden = Callable[[Scope, Receive, Send, str], Awaitable[None]]


class CsrfProtection:
    """Refuses unsafe requests to the HTML side unless they come from this site and carry
    the CSRF token (form field ``csrf_token`` or header ``X-CSRF-Token``)."""

    def __init__(self, app: ASGIApp, settings: Settings, forbidden: Forbidden) -> None:
        self.app = app
        self.secret = str(settings.secret_key)
        self.base_origin = _origin(settings.base_url)
        self.forbidden = forbidden

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] in SAFE_METHODS
            or scope["path"].startswith("/graphql")
        ):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if not self._same_site(scope, headers):
            await self.forbidden(scope, receive, send, "cross_site")
            return
        body = b""
        given = headers.get(csrf.HEADER, "")
        content_type = headers.get("content-type", "").split(";")[0].strip()
        if not given and content_type == "application/x-www-form-urlencoded":
            try:
                body = await _read_body(receive)
            except ValueError:
                await self.forbidden(scope, receive, send, "too_large")
                return
            given = parse_qs(body.decode("utf-8", "replace")).get(csrf.FIELD, [""])[0]
        if not csrf.tokens_match(self._expected(scope), given):
            await self.forbidden(scope, receive, send, "csrf")
            return
        await self.app(scope, _replay(body, receive) if body else receive, send)

    def _expected(self, scope: Scope) -> str:
        session = state(scope).get("session")
        if session is not None:
            token: str = session.csrf_token
            return token
        nonce = Request(scope).cookies.get(csrf.ANONYMOUS_COOKIE, "")
        return csrf.anonymous_token(self.secret, nonce) if nonce else ""

    def _same_site(self, scope: Scope, headers: Headers) -> bool:
        fetch_site = headers.get("sec-fetch-site")
        if fetch_site is not None and fetch_site not in ("same-origin", "none"):
            return False
        origin = headers.get("origin")
        if origin is None:  # not sent by older clients; the token is still required
            return True
        own = f"{scope.get('scheme', 'http')}://{headers.get('host', '')}"
        return origin in (own, self.base_origin)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    size = 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            raise ValueError("form too large")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
