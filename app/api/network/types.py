"""GraphQL types for the partner network: companies and their pledges, civil-society
organisations and their offers, and initiatives."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from app.api.codes.types import CodeType, IndustryType
from app.api.connections import resolve_connection
from app.api.context import Info
from app.api.enums import OpeningStatus
from app.api.geography.types import MunicipalityType, PostcodeType
from app.api.loaders import now_or_later
from app.api.relay import Connection, Node
from app.services import network, opening_search
from app.services.network import Row

if TYPE_CHECKING:
    from app.api.openings.types import JobOpeningType

OPENINGS = "app.api.openings.types"


@strawberry.type(name="Pledge", description="A company's promise of openings to the partnership.")
class PledgeType:
    openings_promised: int
    joined_on: date

    @classmethod
    def from_row(cls, row: Row) -> PledgeType:
        return cls(openings_promised=row["openings_promised"], joined_on=row["joined_on"])


@strawberry.type(name="Company", description="A verified company in the partnership.")
class CompanyType(Node):
    cvr: str = strawberry.field(description="CVR number, 8 digits.")
    name: str
    address: str
    description: str
    website: str
    verified_at: datetime | None
    postcode_id: strawberry.Private[int]
    municipality_id: strawberry.Private[int]
    industry_id: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row) -> CompanyType:
        return cls(
            pk=row["id"],
            cvr=row["cvr"],
            name=row["name"],
            address=row["address"],
            description=row["description"],
            website=row["website"],
            verified_at=row["verified_at"],
            postcode_id=row["postcode_id"],
            municipality_id=row["municipality_id"],
            industry_id=row["industry_id"],
        )

    @strawberry.field
    def municipality(self, info: Info) -> MunicipalityType:
        loader = info.context.loaders.municipality
        return now_or_later(loader, self.municipality_id, MunicipalityType.from_row)

    @strawberry.field
    def postcode(self, info: Info) -> PostcodeType:
        loader = info.context.loaders.postcode
        return now_or_later(loader, self.postcode_id, PostcodeType.from_row)

    @strawberry.field(description="DB07 section.")
    def industry(self, info: Info) -> IndustryType | None:
        if self.industry_id is None:
            return None
        loader = info.context.loaders.industry
        return now_or_later(loader, self.industry_id, IndustryType.from_row)

    @strawberry.field(description="The company's current pledge.")
    def pledge(self, info: Info) -> PledgeType | None:
        loader = info.context.loaders.pledge_of_company
        return now_or_later(loader, self.pk, PledgeType.from_row)

    @strawberry.field(description="The company's published openings, newest first.")
    async def openings(
        self,
        info: Info,
        status: list[OpeningStatus] | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Annotated[JobOpeningType, strawberry.lazy(OPENINGS)]]:
        from app.api.openings.types import JobOpeningType

        statuses = tuple(status) if status else (OpeningStatus.OPEN,)
        return await resolve_connection(
            info,
            make=lambda parents: opening_search.openings(
                opening_search.OpeningFilter(company_ids=parents, statuses=statuses)
            ),
            node_type="JobOpening",
            convert=JobOpeningType.from_row,
            paging=(first, after, last, before),
            key=("Company.openings", statuses),
            parent=self.pk,
        )


@strawberry.type(
    name="Organisation", description="A verified civil-society organisation in the partnership."
)
class OrganisationType(Node):
    name: str
    cvr: str | None
    description: str
    website: str
    email: str = strawberry.field(description="The organisation's public address.")
    phone: str
    kind_id: strawberry.Private[int]
    postcode_id: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row) -> OrganisationType:
        return cls(
            pk=row["id"],
            name=row["name"],
            cvr=row["cvr"],
            description=row["description"],
            website=row["website"],
            email=row["email"],
            phone=row["phone"],
            kind_id=row["kind_id"],
            postcode_id=row["postcode_id"],
        )

    @strawberry.field(description="organisation_kind code.")
    def kind(self, info: Info) -> CodeType:
        return now_or_later(info.context.loaders.code, self.kind_id, CodeType.from_row)

    @strawberry.field
    def postcode(self, info: Info) -> PostcodeType | None:
        if self.postcode_id is None:
            return None
        loader = info.context.loaders.postcode
        return now_or_later(loader, self.postcode_id, PostcodeType.from_row)

    @strawberry.field(description="The municipalities the organisation serves.")
    async def municipalities(self, info: Info) -> list[MunicipalityType]:
        ids = await info.context.loaders.municipalities_served.load(self.pk) or []
        rows = await info.context.loaders.municipality.load_many(ids)
        return [MunicipalityType.from_row(row) for row in rows if row is not None]

    @strawberry.field(description="The organisation's active offers, by title.")
    async def offers(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[OfferType]:
        return await resolve_connection(
            info,
            make=network.offers,
            node_type="Offer",
            convert=OfferType.from_row,
            paging=(first, after, last, before),
            key="Organisation.offers",
            parent=self.pk,
        )

    @strawberry.field(description="Initiatives the organisation owns, newest first.")
    async def initiatives(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[InitiativeType]:
        return await resolve_connection(
            info,
            make=lambda parents: network.initiatives(
                network.InitiativeFilter(organisation_ids=parents)
            ),
            node_type="Initiative",
            convert=InitiativeType.from_row,
            paging=(first, after, last, before),
            key="Organisation.initiatives",
            parent=self.pk,
        )


@strawberry.type(
    name="Offer", description="Something an organisation offers young people: mentoring, ..."
)
class OfferType(Node):
    title: str
    description: str
    age_min: int
    age_max: int
    organisation_id: strawberry.Private[int]
    kind_id: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: Row) -> OfferType:
        return cls(
            pk=row["id"],
            title=row["title"],
            description=row["description"],
            age_min=row["age_min"],
            age_max=row["age_max"],
            organisation_id=row["organisation_id"],
            kind_id=row["kind_id"],
        )

    @strawberry.field(description="offer_kind code.")
    def kind(self, info: Info) -> CodeType:
        return now_or_later(info.context.loaders.code, self.kind_id, CodeType.from_row)

    @strawberry.field
    def organisation(self, info: Info) -> OrganisationType:
        loader = info.context.loaders.organisation
        return now_or_later(loader, self.organisation_id, OrganisationType.from_row)


@strawberry.type(
    name="Initiative",
    description="An entry in the initiative catalogue, owned by a municipality or an organisation.",
)
class InitiativeType(Node):
    title: str
    summary: str
    target_group: str
    partners: str
    results: str
    starts_on: date
    ends_on: date | None
    tags: list[str]
    owner_municipality_id: strawberry.Private[int | None]
    owner_organisation_id: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row) -> InitiativeType:
        return cls(
            pk=row["id"],
            title=row["title"],
            summary=row["summary"],
            target_group=row["target_group"],
            partners=row["partners"],
            results=row["results"],
            starts_on=row["starts_on"],
            ends_on=row["ends_on"],
            tags=list(row["tags"]),
            owner_municipality_id=row["owner_municipality_id"],
            owner_organisation_id=row["owner_organisation_id"],
        )

    @strawberry.field(description="The owner, when a municipality owns it.")
    def owner_municipality(self, info: Info) -> MunicipalityType | None:
        if self.owner_municipality_id is None:
            return None
        loader = info.context.loaders.municipality
        return now_or_later(loader, self.owner_municipality_id, MunicipalityType.from_row)

    @strawberry.field(description="The owner, when an organisation owns it.")
    def owner_organisation(self, info: Info) -> OrganisationType | None:
        if self.owner_organisation_id is None:
            return None
        loader = info.context.loaders.organisation
        return now_or_later(loader, self.owner_organisation_id, OrganisationType.from_row)
