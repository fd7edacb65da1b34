from datetime import date

from app.models import CodeList, CodeValue, CouncilMembership, Municipality, Postcode, Region
from app.reference_data import load_reference_data, reference_counts

EXPECTED = {
    "regions": 5,
    "employment_councils": 13,
    "municipalities": 98,
    "postcodes": 1089,
    "occupations": 53,
    "industries": 21,
}


async def test_counts_match_the_sources() -> None:
    counts = await reference_counts()
    for name, expected in EXPECTED.items():
        assert getattr(counts, name) == expected, name


async def test_loading_twice_changes_nothing() -> None:
    before = await reference_counts()
    aarhus_before = await Municipality.get(code=751)
    after = await load_reference_data()
    assert after == before
    aarhus_after = await Municipality.get(code=751)
    assert (aarhus_after.name, aarhus_after.region_id) == (
        aarhus_before.name,
        aarhus_before.region_id,
    )


async def test_municipalities_belong_to_their_regions() -> None:
    per_region = {
        r.code: await Municipality.filter(region_id=r.id).count() for r in await Region.all()
    }
    assert per_region == {1081: 11, 1082: 19, 1083: 22, 1084: 29, 1085: 17}
    aarhus = await Municipality.get(code=751).prefetch_related("region")
    assert (aarhus.name, aarhus.region.name) == ("Aarhus", "Midtjylland")


async def test_every_municipality_has_one_current_council_and_one_former_rar() -> None:
    today = date(2026, 11, 23)
    for municipality in await Municipality.all():
        memberships = await CouncilMembership.filter(
            municipality_id=municipality.id
        ).prefetch_related("council")
        current = [
            m
            for m in memberships
            if m.valid_from <= today and (m.valid_to is None or m.valid_to > today)
        ]
        former = [m for m in memberships if m.valid_to is not None and m.valid_to <= today]
        assert len(current) == 1, municipality.name
        assert current[0].council.region_id == municipality.region_id
        assert len(former) == 1, municipality.name
        assert former[0].council.name.startswith("RAR ")


async def test_postcodes_have_points_and_municipalities() -> None:
    aarhus_c = await Postcode.get(code=8000).prefetch_related("municipality", "municipalities")
    assert aarhus_c.name == "Aarhus C"
    assert aarhus_c.municipality.code == 751
    assert 56.0 < aarhus_c.lat < 56.3
    multi = await Postcode.filter(code=6000).prefetch_related("municipalities").first()
    assert multi is not None
    assert len(multi.municipalities) >= 1


async def test_code_lists_have_danish_and_english_labels() -> None:
    kinds = await CodeValue.filter(list=CodeList.OPENING_KIND).order_by("sort_order")
    assert [k.key for k in kinds] == [
        "ordinary",
        "flex_job",
        "wage_subsidy",
        "internship",
        "apprenticeship",
        "small_job",
    ]
    assert kinds[1].label_da == "Fleksjob"
    assert kinds[1].label_en == "Flex job"
    for code_list in CodeList:
        assert await CodeValue.filter(list=code_list).exists(), code_list
