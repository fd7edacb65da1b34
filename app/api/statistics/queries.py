"""Statistics queries: aggregates for tokens with ``stats:read``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from app.api.errors import bad_input
from app.api.permissions import requires_scope
from app.api.statistics.types import StatisticMeasureInfoType, StatisticTableType
from app.services import statistics
from app.services.audit import DANISH_TIME
from app.services.authorization import STATS_READ
from app.services.statistics import AreaLevel, Measure

STATS = requires_scope(STATS_READ)


@strawberry.type
class StatisticsQueries:
    @strawberry.field(
        extensions=STATS,
        description="The catalogue of statistics: what each counts and by which dimensions.",
    )
    def statistic_measures(self) -> list[StatisticMeasureInfoType]:
        return [StatisticMeasureInfoType.of(measure) for measure in Measure]

    @strawberry.field(
        extensions=STATS,
        description="One statistic as a table of cells by area and month (and category, "
        "occupation group), with totals. Counts from 1 to 4 are suppressed, and so are the "
        f"cells that would give them away. At most {statistics.MAX_MONTHS} months, none in "
        f"the future, and {statistics.MAX_CELLS:,} cells; months are never added up.",
    )
    async def statistics(
        self,
        measure: Measure,
        area: AreaLevel = AreaLevel.COUNTRY,
        from_: Annotated[
            str | None,
            strawberry.argument(
                name="from",
                description="The first month, YYYY-MM; by default 11 months before `to`.",
            ),
        ] = None,
        to: Annotated[
            str | None,
            strawberry.argument(description="The last month, YYYY-MM; by default last month."),
        ] = None,
        by_occupation_group: Annotated[
            bool,
            strawberry.argument(
                description="Break down by DISCO-08 major group (matches and openings only)."
            ),
        ] = False,
        region: Annotated[
            int | None,
            strawberry.argument(
                description="Only this region (code 1081-1085): with `area: REGION` or "
                "`MUNICIPALITY`."
            ),
        ] = None,
        municipality: Annotated[
            int | None,
            strawberry.argument(description="Only this municipality: with `area: MUNICIPALITY`."),
        ] = None,
    ) -> StatisticTableType:
        request = statistics.TableRequest(
            measure=measure,
            level=area,
            first_month=from_,
            last_month=to,
            by_occupation_group=by_occupation_group,
            region_code=region,
            municipality_code=municipality,
        )
        try:
            table = await statistics.table(request, today=datetime.now(DANISH_TIME).date())
        except statistics.InvalidStatisticsRequest as error:
            raise bad_input(str(error), argument=error.argument) from None
        return StatisticTableType.of(table)
