"""The UI language: Danish by default, English available.

Templates use Danish text as message ids (``_("Kommuner")``); the English catalogue
``locale/en/LC_MESSAGES/messages.po`` is compiled in memory at first use, so no
compiled ``.mo`` file is kept in the repository.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from io import BytesIO
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from starlette.requests import Request

from app.settings import PROJECT_ROOT

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
LANGUAGE_COOKIE = "lang"
LOCALE_DIR = PROJECT_ROOT / "locale"


@cache
def translations(language: str) -> gettext.NullTranslations:
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def requested_language(request: Request) -> str | None:
    """A language named explicitly with ``?lang=``, to be remembered in a cookie."""
    language = request.query_params.get("lang")
    return language if language in LANGUAGES else None


def select_language(request: Request) -> str:
    """``?lang=``, then the cookie, then the browser's Accept-Language, then Danish."""
    explicit = requested_language(request)
    if explicit:
        return explicit
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in LANGUAGES:
        return cookie
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def gettext_functions(language: str) -> dict[str, Callable[..., str]]:
    """``_`` and ``ngettext`` for templates, formatting ``%(name)s`` from keyword arguments."""
    catalog = translations(language)

    def translate(message: str, **values: Any) -> str:
        text = catalog.gettext(message)
        return text % values if values else text

    def translate_plural(singular: str, plural: str, n: int, **values: Any) -> str:
        return catalog.ngettext(singular, plural, n) % {"num": n, **values}

    return {"_": translate, "gettext": translate, "ngettext": translate_plural}
