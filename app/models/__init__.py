"""The domain model (DESIGN §3) as tortoise-orm models, one module per area."""

from app.models.accounts import ApiToken, AuditEvent, Role, User
from app.models.api import IdempotencyKey, RateLimitWindow
from app.models.background import Job, OutboxMessage
from app.models.companies import Company, Pledge, VerificationStatus
from app.models.geography import (
    CouncilMembership,
    EmploymentCouncil,
    Municipality,
    Postcode,
    Region,
)
from app.models.matches import (
    ContactWith,
    Match,
    MatchEvent,
    MatchStage,
    Referral,
    ReferralStatus,
    SupportContact,
)
from app.models.openings import JobOpening, OpeningStatus
from app.models.organisations import Initiative, Offer, Organisation
from app.models.pathways import (
    Pathway,
    PathwayStatusChange,
    Plan,
    PlanAction,
    PlanGoal,
    PlanKind,
    TargetGroupAssessment,
)
from app.models.people import Consent, ConsentPurpose, YoungPerson
from app.models.reference import CodeList, CodeValue, Industry, Occupation
from app.models.security import LinkPurpose, LoginFailure, OneTimeLink, Session

__all__ = [
    "ApiToken",
    "AuditEvent",
    "CodeList",
    "CodeValue",
    "Company",
    "Consent",
    "ConsentPurpose",
    "ContactWith",
    "CouncilMembership",
    "EmploymentCouncil",
    "IdempotencyKey",
    "Industry",
    "Initiative",
    "Job",
    "JobOpening",
    "LinkPurpose",
    "LoginFailure",
    "Match",
    "MatchEvent",
    "MatchStage",
    "Municipality",
    "Occupation",
    "Offer",
    "OneTimeLink",
    "OpeningStatus",
    "Organisation",
    "OutboxMessage",
    "Pathway",
    "PathwayStatusChange",
    "Plan",
    "PlanAction",
    "PlanGoal",
    "PlanKind",
    "Pledge",
    "Postcode",
    "RateLimitWindow",
    "Referral",
    "ReferralStatus",
    "Region",
    "Role",
    "Session",
    "SupportContact",
    "TargetGroupAssessment",
    "User",
    "VerificationStatus",
    "YoungPerson",
]
