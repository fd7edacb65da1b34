"""The users of the demo: the documented logins (one per role, the same at every scale)
and the job consultants who follow the young people."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from app.demo.bulk import DemoTables
from app.demo.clock import PROGRAMME_START, during_workday
from app.demo.names import FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, ascii_slug
from app.demo.reference import Reference
from app.models.accounts import Role

DEMO_EMAIL_DOMAIN = "demo.ungeloftet.dk"
KOBENHAVN = 101
AARHUS = 751
CASELOAD = 20  # young people per consultant (IPS fidelity: at most 20)
UNUSABLE_PASSWORD_HASH = "!demo-login-disabled"
"""The generated consultants cannot log in: no password verifies against this."""


@dataclass(frozen=True)
class Staff:
    """Who acts in the demo: consultants by municipality id (the lead first) and the
    company users by company id."""

    consultants: dict[int, list[int]]
    company_users: dict[int, int]


@dataclass(frozen=True)
class DemoUser:
    email: str
    password: str
    role: Role
    description: str  # Danish / English, one line each way, for the README


DEMO_ADMIN = DemoUser(
    email=f"admin@{DEMO_EMAIL_DOMAIN}",
    password="Demo-Admin-2025!",  # noqa: S106
    role=Role.ADMIN,
    description="Sekretariatet: bekræfter virksomheder og brugere / secretariat administrator",
)
DEMO_CONSULTANT = DemoUser(
    email=f"konsulent.kbh@{DEMO_EMAIL_DOMAIN}",
    password="Demo-Konsulent-Kbh-2025!",  # noqa: S106
    role=Role.CONSULTANT,
    description=(
        "Jobkonsulent i Københavns Kommune med ca. 20 unge / job consultant in København"
        " with a caseload of about 20"
    ),
)
DEMO_LEAD = DemoUser(
    email=f"leder.aarhus@{DEMO_EMAIL_DOMAIN}",
    password="Demo-Leder-Aarhus-2025!",  # noqa: S106
    role=Role.CONSULTANT,
    description="Ledende jobkonsulent i Aarhus Kommune / lead job consultant in Aarhus",
)
DEMO_COMPANY_ADMIN = DemoUser(
    email=f"virksomhed@{DEMO_EMAIL_DOMAIN}",
    password="Demo-Virksomhed-2025!",  # noqa: S106
    role=Role.COMPANY,
    description=(
        "Administrator for en bekræftet virksomhed i København / admin of a verified company"
    ),
)
DEMO_ORGANISATION_USER = DemoUser(
    email=f"forening@{DEMO_EMAIL_DOMAIN}",
    password="Demo-Forening-2025!",  # noqa: S106
    role=Role.ORGANISATION,
    description="Bruger i en civilsamfundsorganisation / user of a civil-society organisation",
)

DEMO_USERS: list[DemoUser] = [
    DEMO_ADMIN,
    DEMO_CONSULTANT,
    DEMO_LEAD,
    DEMO_COMPANY_ADMIN,
    DEMO_ORGANISATION_USER,
]

# The display names of the demo logins, by e-mail.
DEMO_USER_NAMES: dict[str, str] = {
    DEMO_ADMIN.email: "Sekretariatet (demo)",
    DEMO_CONSULTANT.email: "Karen Demo Konsulent",
    DEMO_LEAD.email: "Lars Demo Leder",
    DEMO_COMPANY_ADMIN.email: "Vibeke Demo Virksomhed",
    DEMO_ORGANISATION_USER.email: "Frida Demo Forening",
}


def add_users(
    rng: random.Random,
    reference: Reference,
    tables: DemoTables,
    homes: dict[int, int],
    password_hashes: dict[str, str],
    company_id: int,
    organisation_id: int,
) -> Staff:
    """The demo logins and ``ceil(n / CASELOAD)`` consultants for each municipality with
    ``n`` young people, the first of them its lead. ``password_hashes`` maps each demo
    password to its hash."""
    created = during_workday(rng, PROGRAMME_START - timedelta(days=30))

    def add(
        identity: tuple[str, str, str, Role],
        *,
        municipality_id: int | None = None,
        company: int | None = None,
        organisation: int | None = None,
        manager: bool = False,
    ) -> int:
        email, name, password_hash, role = identity
        user_id = tables.app_user.new_id()
        tables.app_user.add(
            user_id, created, created, email, name, password_hash, role.value, municipality_id,
            company, organisation, manager, True, True,
        )  # fmt: skip
        return user_id

    def demo(user: DemoUser) -> tuple[str, str, str, Role]:
        return user.email, DEMO_USER_NAMES[user.email], password_hashes[user.password], user.role

    add(demo(DEMO_ADMIN))
    company_user = add(demo(DEMO_COMPANY_ADMIN), company=company_id, manager=True)
    add(demo(DEMO_ORGANISATION_USER), organisation=organisation_id)
    demo_slots = {
        (reference.municipality_by_code[KOBENHAVN].id, 1): DEMO_CONSULTANT,
        (reference.municipality_by_code[AARHUS].id, 0): DEMO_LEAD,
    }
    consultants: dict[int, list[int]] = {}
    for municipality_id, people in homes.items():
        ids = consultants[municipality_id] = []
        for slot in range(-(-people // CASELOAD)):
            if demo_user := demo_slots.get((municipality_id, slot)):
                identity = demo(demo_user)
            else:
                first = rng.choice(FEMALE_FIRST_NAMES + MALE_FIRST_NAMES)
                last = rng.choice(LAST_NAMES)
                number = tables.app_user.last_id + 1
                email = f"{ascii_slug(first)}.{ascii_slug(last)}.{number}@{DEMO_EMAIL_DOMAIN}"
                identity = (email, f"{first} {last}", UNUSABLE_PASSWORD_HASH, Role.CONSULTANT)
            ids.append(add(identity, municipality_id=municipality_id, manager=slot == 0))
    return Staff(consultants, {company_id: company_user})
