"""CSRF tokens.

After login the token is the session's own (a synchronizer token stored with the
session). Before login (the login, registration and password-reset forms) it is an
HMAC of a random value in a cookie, so a forged form cannot carry it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ANONYMOUS_COOKIE = "csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"


def anonymous_token(secret_key: str, nonce: str) -> str:
    return hmac.new(secret_key.encode(), f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def tokens_match(expected: str, given: str) -> bool:
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())
