"""English is available for every UI text: the catalogue covers what the code uses."""

from __future__ import annotations

import re
import subprocess
import sys

from babel.messages.pofile import read_po

from app.settings import PROJECT_ROOT

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def test_every_ui_text_has_an_english_translation() -> None:
    template = PROJECT_ROOT / ".pytest-messages.pot"
    try:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "babel.messages.frontend",
                "extract",
                "-F",
                "babel.cfg",
                "-k",
                "_",
                "-o",
                str(template),
                "--no-location",
                "--omit-header",
                ".",
            ],
            cwd=PROJECT_ROOT,
            check=True,
            capture_output=True,
        )
        with template.open("rb") as handle:
            used = {message.id for message in read_po(handle) if message.id}
    finally:
        template.unlink(missing_ok=True)
    with (PROJECT_ROOT / "locale" / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = {
            message.id: _texts(message.string) for message in read_po(handle) if message.id
        }
    missing = [m for m in used if not catalogue.get(m) or not all(catalogue[m])]
    assert missing == [], (
        f"{len(missing)} texts without English (run `make messages` and translate): {missing[:5]}"
    )
    for message_id, translations in catalogue.items():
        expected = set(PLACEHOLDER.findall(" ".join(_texts(message_id))))
        for text in translations:
            assert set(PLACEHOLDER.findall(text)) <= expected | {"num"}, message_id
            assert expected - {"num"} <= set(PLACEHOLDER.findall(text)), message_id


def _texts(value: object) -> list[str]:
    """A catalogue entry's id or translation as a list of strings (plural forms are tuples)."""
    if isinstance(value, (tuple, list)):
        return [str(item) for item in value]
    return [str(value)] if value else []
