"""Who is acting: every service call takes a :class:`Principal`, and every query is
built from it."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.models import Role, User


@dataclass(frozen=True)
class Principal:
    """An anonymous visitor, a logged-in user, or an API token, with where they came from."""

    user_id: int | None = None
    role: Role | None = None
    name: str = ""
    municipality_id: int | None = None
    company_id: int | None = None
    organisation_id: int | None = None
    is_manager: bool = False
    token_id: int | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    ip: str = ""
    request_id: str = ""

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None or self.token_id is not None

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @classmethod
    def anonymous(cls, ip: str = "", request_id: str = "") -> Principal:
        return cls(ip=ip, request_id=request_id)

    @classmethod
    def for_user(cls, user: User, ip: str = "", request_id: str = "") -> Principal:
        return cls(
            user_id=user.id,
            role=user.role,
            name=user.name,
            municipality_id=user.municipality_id,
            company_id=user.company_id,
            organisation_id=user.organisation_id,
            is_manager=user.is_manager,
            ip=ip,
            request_id=request_id,
        )
