"""Whether a recipient may see who a young person is: an unrevoked consent to it."""

from __future__ import annotations

from collections.abc import Iterable

from app.models import Consent, ConsentPurpose


async def consented_people(
    person_ids: Iterable[int], *, company_id: int | None = None, organisation_id: int | None = None
) -> set[int]:
    """The ids among ``person_ids`` that have an active consent to share with this
    company or organisation. Revoking a consent takes effect on the next request."""
    ids = list(person_ids)
    if not ids:
        return set()
    consents = Consent.filter(young_person_id__in=ids, revoked_at=None)
    if company_id is not None:
        consents = consents.filter(purpose=ConsentPurpose.SHARE_WITH_COMPANY, company_id=company_id)
    elif organisation_id is not None:
        consents = consents.filter(
            purpose=ConsentPurpose.SHARE_WITH_ORGANISATION, organisation_id=organisation_id
        )
    else:
        return set()
    return {consent.young_person_id for consent in await consents.only("id", "young_person_id")}
