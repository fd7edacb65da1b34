"""Code lists as the API reads them: DISCO-08 occupations, DB07 industries, and the
versioned vocabularies (opening kinds, supports, ...). All public reference data."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from tortoise.expressions import Q

from app.models import CodeList, CodeValue, Industry, Occupation
from app.services.rows import rows_by_ids

Row = dict[str, Any]

KEY_LENGTH = 48  # code_value.key
OCCUPATION_CODE_LENGTH = 4  # occupation.code


async def occupation_rows(ids: Sequence[int]) -> dict[int, Any]:
    return await rows_by_ids("occupation", ids)


async def industry_rows(ids: Sequence[int]) -> dict[int, Any]:
    return await rows_by_ids("industry", ids)


async def code_rows(ids: Sequence[int]) -> dict[int, Any]:
    return await rows_by_ids("code_value", ids)


async def code_rows_by_list(lists: Sequence[CodeList]) -> dict[CodeList, dict[str, Row]]:
    """Each list's values valid today, by key."""
    found: dict[CodeList, dict[str, Row]] = {code_list: {} for code_list in lists}
    for row in await _valid_today(CodeValue.filter(list__in=lists)).values():
        found[CodeList(row["list"])][row["key"]] = row
    return found


async def occupations(level: int | None = None) -> list[Row]:
    found = Occupation.all() if level is None else Occupation.filter(level=level)
    return list(await found.order_by("code").values())


async def occupation_by_code(code: str) -> Occupation | None:
    """The DISCO-08 group with this code (None for anything else, too long ones included)."""
    code = code.strip()
    return None if len(code) > OCCUPATION_CODE_LENGTH else await Occupation.get_or_none(code=code)


async def ids_by_key(code_list: CodeList, keys: Iterable[str]) -> dict[str, int]:
    """The IDs of the list's values valid today, by key; unknown keys (too long ones
    included) are left out."""
    storable = [key for key in keys if len(key) <= KEY_LENGTH]
    if not storable:
        return {}
    found = _valid_today(CodeValue.filter(list=code_list, key__in=storable))
    return dict(await found.values_list("key", "id"))


async def industries() -> list[Row]:
    return list(await Industry.all().order_by("code").values())


async def code_values(code_list: CodeList) -> list[Row]:
    """The values of one list that are valid today, in their order."""
    found = _valid_today(CodeValue.filter(list=code_list)).order_by("sort_order", "key")
    return list(await found.values())


def _valid_today(query: Any) -> Any:
    today = date.today()
    return query.filter(Q(valid_from__lte=today), Q(valid_to__isnull=True) | Q(valid_to__gt=today))
