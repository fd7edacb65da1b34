"""Who may do what: the authorization matrix as data, and the scoped queries.

Two questions, answered in this order:

1. May this *role* do this *action* on this *resource* at all? :data:`MATRIX` answers;
   no means 403 (a logged-in user) or a login (an anonymous visitor).
2. Is this *record* within the actor's tenant? The ``*_in_scope`` querysets answer; a
   record outside the scope answers 404, so its existence is not revealed.

Both front doors (GraphQL and HTML) call these functions; nothing else decides access.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise.queryset import QuerySet

from app.models import (
    ApiToken,
    JobOpening,
    Match,
    Referral,
    Role,
    User,
    YoungPerson,
)
from app.services.errors import AuthenticationRequired, NotFoundError, PermissionDeniedError
from app.services.principal import Principal


class Resource(StrEnum):
    YOUNG_PERSON = "young_person"
    CONSENT = "consent"
    SUPPORT_CONTACT = "support_contact"
    MATCH = "match"
    REFERRAL = "referral"
    OPENING = "opening"
    COMPANY = "company"
    ORGANISATION = "organisation"
    USER = "user"
    API_TOKEN = "api_token"
    AUDIT_LOG = "audit_log"
    OUTBOX = "outbox"


class Action(StrEnum):
    LIST = "list"
    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    ANSWER = "answer"
    REVOKE = "revoke"
    EXPORT = "export"
    ERASE = "erase"
    VERIFY = "verify"
    INVITE = "invite"


ANONYMOUS = "anonymous"
TOKEN = "token"  # an API token: no cell of the portals' matrix; GraphQL checks its scopes
CONSULTANT, COMPANY, ORGANISATION, ADMIN = (
    Role.CONSULTANT,
    Role.COMPANY,
    Role.ORGANISATION,
    Role.ADMIN,
)

MATRIX: dict[tuple[Resource, Action], frozenset[str]] = {
    # Young people and everything about them: their own municipality's consultants only.
    (Resource.YOUNG_PERSON, Action.LIST): frozenset({CONSULTANT}),
    (Resource.YOUNG_PERSON, Action.READ): frozenset({CONSULTANT}),
    (Resource.YOUNG_PERSON, Action.CREATE): frozenset({CONSULTANT}),
    (Resource.YOUNG_PERSON, Action.UPDATE): frozenset({CONSULTANT}),
    (Resource.YOUNG_PERSON, Action.EXPORT): frozenset({CONSULTANT}),
    (Resource.YOUNG_PERSON, Action.ERASE): frozenset({CONSULTANT}),
    (Resource.CONSENT, Action.CREATE): frozenset({CONSULTANT}),
    (Resource.CONSENT, Action.REVOKE): frozenset({CONSULTANT}),
    (Resource.SUPPORT_CONTACT, Action.CREATE): frozenset({CONSULTANT}),
    # Matches: the consultant who follows the young person, and the company of the opening.
    (Resource.MATCH, Action.LIST): frozenset({CONSULTANT, COMPANY}),
    (Resource.MATCH, Action.READ): frozenset({CONSULTANT, COMPANY}),
    (Resource.MATCH, Action.ANSWER): frozenset({COMPANY}),
    # Referrals: the organisation whose offer it is.
    (Resource.REFERRAL, Action.LIST): frozenset({ORGANISATION}),
    (Resource.REFERRAL, Action.READ): frozenset({ORGANISATION}),
    (Resource.REFERRAL, Action.ANSWER): frozenset({ORGANISATION}),
    # A company's own openings.
    (Resource.OPENING, Action.LIST): frozenset({COMPANY}),
    # Partners: companies register themselves; the secretariat verifies.
    (Resource.COMPANY, Action.CREATE): frozenset({ANONYMOUS}),
    (Resource.COMPANY, Action.LIST): frozenset({ADMIN}),
    (Resource.COMPANY, Action.VERIFY): frozenset({ADMIN}),
    (Resource.ORGANISATION, Action.VERIFY): frozenset({ADMIN}),
    # Colleagues: administrators invite anyone; leads and company admins their own (see
    # may_invite for the manager rule).
    (Resource.USER, Action.LIST): frozenset({ADMIN, CONSULTANT, COMPANY, ORGANISATION}),
    (Resource.USER, Action.INVITE): frozenset({ADMIN, CONSULTANT, COMPANY, ORGANISATION}),
    (Resource.API_TOKEN, Action.LIST): frozenset({ADMIN, COMPANY}),
    (Resource.API_TOKEN, Action.CREATE): frozenset({ADMIN, COMPANY}),
    (Resource.API_TOKEN, Action.REVOKE): frozenset({ADMIN, COMPANY}),
    (Resource.AUDIT_LOG, Action.LIST): frozenset({ADMIN}),
    (Resource.OUTBOX, Action.LIST): frozenset({ADMIN}),
}

MANAGERS_ONLY = frozenset(
    {
        (Resource.USER, Action.LIST),
        (Resource.USER, Action.INVITE),
        (Resource.API_TOKEN, Action.LIST),
        (Resource.API_TOKEN, Action.CREATE),
        (Resource.API_TOKEN, Action.REVOKE),
    }
)


def actor_of(principal: Principal) -> str:
    if principal.role is not None:
        return principal.role.value
    return TOKEN if principal.token_id is not None else ANONYMOUS


def allowed(principal: Principal, resource: Resource, action: Action) -> bool:
    """Is this action on this kind of resource open to the principal's role?"""
    roles = MATRIX.get((resource, action), frozenset())
    if actor_of(principal) not in roles:
        return False
    if (resource, action) in MANAGERS_ONLY and principal.role != ADMIN:
        return principal.is_manager
    return True


def require(principal: Principal, resource: Resource, action: Action) -> None:
    if allowed(principal, resource, action):
        return
    if not principal.is_authenticated:
        raise AuthenticationRequired("log in first")
    raise PermissionDeniedError(f"{actor_of(principal)} may not {action} {resource}")


# Scoped queries: every query for tenant data starts from one of these.


def young_people_in_scope(principal: Principal) -> QuerySet[YoungPerson]:
    if principal.role == CONSULTANT and principal.municipality_id is not None:
        return YoungPerson.filter(municipality_id=principal.municipality_id, erased_at=None)
    return YoungPerson.filter(id__in=[])


def matches_in_scope(principal: Principal) -> QuerySet[Match]:
    if principal.role == CONSULTANT and principal.municipality_id is not None:
        return Match.filter(young_person__municipality_id=principal.municipality_id)
    if principal.role == COMPANY and principal.company_id is not None:
        return Match.filter(opening__company_id=principal.company_id)
    return Match.filter(id__in=[])


def referrals_in_scope(principal: Principal) -> QuerySet[Referral]:
    if principal.role == ORGANISATION and principal.organisation_id is not None:
        return Referral.filter(offer__organisation_id=principal.organisation_id)
    return Referral.filter(id__in=[])


def openings_in_scope(principal: Principal) -> QuerySet[JobOpening]:
    """A company's own openings, drafts included: for its users, and for its tokens with
    ``openings:write``."""
    company_user = principal.role == COMPANY
    company_token = has_scope(principal, OPENINGS_WRITE)
    if (company_user or company_token) and principal.company_id is not None:
        return JobOpening.filter(company_id=principal.company_id)
    return JobOpening.filter(id__in=[])


def colleagues_in_scope(principal: Principal) -> QuerySet[User]:
    """The users a manager manages: administrators see every user."""
    if principal.role == ADMIN:
        return User.all()
    if principal.role == CONSULTANT and principal.municipality_id is not None:
        return User.filter(role=CONSULTANT, municipality_id=principal.municipality_id)
    if principal.role == COMPANY and principal.company_id is not None:
        return User.filter(role=COMPANY, company_id=principal.company_id)
    if principal.role == ORGANISATION and principal.organisation_id is not None:
        return User.filter(role=ORGANISATION, organisation_id=principal.organisation_id)
    return User.filter(id__in=[])


def tokens_in_scope(principal: Principal) -> QuerySet[ApiToken]:
    """Administrators see every token, a company manager their company's."""
    if principal.role == ADMIN:
        return ApiToken.all()
    if principal.role == COMPANY and principal.company_id is not None:
        return ApiToken.filter(company_id=principal.company_id)
    return ApiToken.filter(id__in=[])


# API token scopes: what a token reaches through /graphql. Every scope includes reading
# the public graph; the others add one thing each.

PUBLIC_READ = "public:read"
STATS_READ = "stats:read"
MUNICIPALITY_READ = "municipality:read"
OPENINGS_WRITE = "openings:write"
SCOPES = (PUBLIC_READ, STATS_READ, MUNICIPALITY_READ, OPENINGS_WRITE)


def has_scope(principal: Principal, scope: str) -> bool:
    """Does the principal hold ``scope``? Any token may read the public graph."""
    if principal.token_id is None:
        return False
    return scope in principal.scopes or (scope == PUBLIC_READ and bool(principal.scopes))


def require_scope(principal: Principal, scope: str) -> None:
    if has_scope(principal, scope):
        return
    if principal.token_id is None:
        raise AuthenticationRequired("send an API token: Authorization: Bearer <token>")
    raise PermissionDeniedError(f"this token lacks the scope {scope}")


async def access_young_person_by_id(
    principal: Principal, person_id: int, action: Action
) -> YoungPerson:
    require(principal, Resource.YOUNG_PERSON, action)
    person = await young_people_in_scope(principal).get_or_none(id=person_id)
    if person is None:
        raise NotFoundError("no such young person")
    return person


async def access_match_by_id(principal: Principal, match_id: int, action: Action) -> Match:
    require(principal, Resource.MATCH, action)
    match = await matches_in_scope(principal).get_or_none(id=match_id)
    if match is None:
        raise NotFoundError("no such match")
    return match


async def access_referral_by_id(principal: Principal, referral_id: int, action: Action) -> Referral:
    require(principal, Resource.REFERRAL, action)
    referral = await referrals_in_scope(principal).get_or_none(id=referral_id)
    if referral is None:
        raise NotFoundError("no such referral")
    return referral
