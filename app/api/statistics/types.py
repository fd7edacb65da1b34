"""GraphQL types of statistics tables: aggregates only, nothing that identifies a person."""

from __future__ import annotations

import strawberry

from app.services import statistics
from app.services.statistics import AreaLevel, AreaOf, CategoryKind, Measure, Unit

strawberry.enum(Measure, name="StatisticMeasure", description="The catalogue of statistics.")
strawberry.enum(
    AreaLevel,
    description="Where a table is counted: the whole country, its regions or municipalities.",
)
strawberry.enum(Unit, name="StatisticUnit", description="What a statistic's values count.")
strawberry.enum(
    AreaOf,
    name="StatisticAreaOf",
    description="Whose municipality a statistic is counted in.",
)
strawberry.enum(
    CategoryKind,
    name="StatisticCategoryKind",
    description="The code list a statistic is broken down by.",
)


@strawberry.type(
    name="StatisticMeasureInfo",
    description="One statistic of the catalogue: what it counts and by which dimensions. "
    "Every statistic is counted by area and month.",
)
class StatisticMeasureInfoType:
    measure: Measure
    description: str
    unit: Unit
    area_of: AreaOf
    categories: CategoryKind | None = strawberry.field(
        description="The code list of its categories (each a cell), if any."
    )
    category_total: bool = strawberry.field(
        description="Whether the categories add up to a total cell (key `_T`): not so for "
        "match stages, as one match reaches several."
    )
    by_occupation_group: bool = strawberry.field(
        description="Whether it can be broken down by occupation group (`byOccupationGroup`)."
    )
    median: bool = strawberry.field(
        description="A median in days rather than a count: never added up; null where fewer "
        "than 5 people are behind it."
    )

    @classmethod
    def of(cls, measure: Measure) -> StatisticMeasureInfoType:
        spec = statistics.MEASURES[measure]
        return cls(
            measure=measure,
            description=spec.description,
            unit=spec.unit,
            area_of=spec.area_of,
            categories=spec.categories,
            category_total=spec.category_total,
            by_occupation_group=spec.by_occupation_group,
            median=spec.median,
        )


@strawberry.type(name="StatisticArea", description="The area a cell is counted in.")
class StatisticAreaType:
    level: AreaLevel
    code: int = strawberry.field(
        description="Municipality code (e.g. 101), region code (1081-1085), or 0 for the "
        "whole country (as Statistics Denmark's 000)."
    )
    name: str


@strawberry.type(
    name="StatisticCategory",
    description="A pathway status or match stage (a code list key), or their total.",
)
class StatisticCategoryType:
    key: str = strawberry.field(description="The code list key, or `_T` for the total.")
    label_da: str
    label_en: str
    is_total: bool


@strawberry.type(
    name="StatisticOccupationGroup",
    description="A DISCO-08 major group (`0`-`9`), or their total.",
)
class StatisticOccupationGroupType:
    code: str = strawberry.field(description="The major group's code, or `_T` for the total.")
    title_da: str
    title_en: str
    is_total: bool


@strawberry.type(
    name="StatisticCell",
    description="One value of a table, with the dimension values that place it. A "
    "suppressed cell has `value: null`.",
)
class StatisticCellType:
    area: StatisticAreaType
    month: str = strawberry.field(description="YYYY-MM.")
    category: StatisticCategoryType | None = strawberry.field(
        description="Null for a statistic without categories."
    )
    occupation_group: StatisticOccupationGroupType | None = strawberry.field(
        description="Null unless the table is by occupation group."
    )
    is_total: bool = strawberry.field(
        description="An area above the level asked for, or the total of the categories or "
        "occupation groups."
    )
    value: int | None = strawberry.field(
        description="The count (or median days); null when suppressed, or for a median over nobody."
    )
    suppressed: bool = strawberry.field(
        description="Hidden for disclosure control: a count from 1 to 4, or a cell that "
        "would give one away through a total."
    )


@strawberry.type(
    name="StatisticTable",
    description="A statistics table in long format: one cell per area, month, category "
    "and occupation group, totals included; every total is first in its group.",
)
class StatisticTableType:
    measure: StatisticMeasureInfoType
    area_level: AreaLevel
    from_: str = strawberry.field(name="from", description="The first month, YYYY-MM.")
    to: str = strawberry.field(description="The last month, YYYY-MM.")
    cells: list[StatisticCellType]

    @classmethod
    def of(cls, table: statistics.Table) -> StatisticTableType:
        areas: dict[statistics.Area, StatisticAreaType] = {}
        labels: dict[statistics.Label, StatisticCategoryType] = {}
        groups: dict[statistics.Label, StatisticOccupationGroupType] = {}

        def area(found: statistics.Area) -> StatisticAreaType:
            if found not in areas:
                areas[found] = StatisticAreaType(
                    level=found.level, code=found.code, name=found.name
                )
            return areas[found]

        def category(found: statistics.Label | None) -> StatisticCategoryType | None:
            if found is None:
                return None
            if found not in labels:
                labels[found] = StatisticCategoryType(
                    key=found.key,
                    label_da=found.label_da,
                    label_en=found.label_en,
                    is_total=found.is_total,
                )
            return labels[found]

        def group(found: statistics.Label | None) -> StatisticOccupationGroupType | None:
            if found is None:
                return None
            if found not in groups:
                groups[found] = StatisticOccupationGroupType(
                    code=found.key,
                    title_da=found.label_da,
                    title_en=found.label_en,
                    is_total=found.is_total,
                )
            return groups[found]

        return cls(
            measure=StatisticMeasureInfoType.of(table.measure),
            area_level=table.level,
            from_=table.first_month,
            to=table.last_month,
            cells=[
                StatisticCellType(
                    area=area(cell.area),
                    month=cell.month,
                    category=category(cell.category),
                    occupation_group=group(cell.occupation_group),
                    is_total=cell.is_total,
                    value=cell.value,
                    suppressed=cell.suppressed,
                )
                for cell in table.cells
            ],
        )
