"""DataLoaders for geography, one per lookup key; each returns in key order."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from app.models import EmploymentCouncil, Municipality, Region
from app.services import geography


async def _regions_by_id(ids: Sequence[int]) -> list[Region | None]:
    found = await geography.regions_by_ids(ids)
    return [found.get(region_id) for region_id in ids]


async def _municipalities_by_region_id(ids: Sequence[int]) -> list[list[Municipality]]:
    found = await geography.municipalities_by_region_ids(ids)
    return [found[region_id] for region_id in ids]


async def _council_by_municipality_id(ids: Sequence[int]) -> list[EmploymentCouncil | None]:
    found = await geography.current_councils_by_municipality_ids(ids)
    return [found.get(municipality_id) for municipality_id in ids]


class RegionByIdLoader(DataLoader[int, Region | None]):
    def __init__(self) -> None:
        super().__init__(load_fn=_regions_by_id)


class MunicipalitiesByRegionIdLoader(DataLoader[int, list[Municipality]]):
    def __init__(self) -> None:
        super().__init__(load_fn=_municipalities_by_region_id)


class CouncilByMunicipalityIdLoader(DataLoader[int, EmploymentCouncil | None]):
    def __init__(self) -> None:
        super().__init__(load_fn=_council_by_municipality_id)


class GeographyLoaders:
    def __init__(self) -> None:
        self.region_by_id = RegionByIdLoader()
        self.municipalities_by_region_id = MunicipalitiesByRegionIdLoader()
        self.council_by_municipality_id = CouncilByMunicipalityIdLoader()
