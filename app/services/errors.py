"""The errors services raise, and that both front doors translate for their users.

ServiceError
├── ValidationError      bad input; ``errors`` maps each field to a message (and
│                        ``codes`` to a code, where the caller gives codes)
├── NotFoundError        no such record within the actor's scope (existence not revealed)
├── PermissionDeniedError the record is in scope, the action is not allowed
└── ConflictError        the record changed since it was read (stale version)
"""

from __future__ import annotations


class ServiceError(Exception):
    code = "error"


class AuthenticationRequired(ServiceError):
    code = "unauthenticated"


class ValidationError(ServiceError):
    code = "invalid"

    def __init__(self, errors: dict[str, str], *, codes: dict[str, str] | None = None) -> None:
        self.errors = errors
        self.codes = codes or {}
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))


class NotFoundError(ServiceError):
    code = "not_found"


class PermissionDeniedError(ServiceError):
    code = "forbidden"


class ConflictError(ServiceError):
    code = "conflict"

    def __init__(self, message: str, current_version: int) -> None:
        self.current_version = current_version
        super().__init__(message)
