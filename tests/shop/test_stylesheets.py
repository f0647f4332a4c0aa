"""The store's stylesheets are well formed: one unclosed brace would silently swallow every rule after it (a merge
once dropped the end of a media query, and the basket's prices lost their readable colour on every screen)."""

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "static" / "css"


@pytest.mark.parametrize("stylesheet", sorted(STATIC.glob("*.css")), ids=lambda path: path.name)
def test_every_block_is_closed(stylesheet):
    text = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(encoding="utf-8"), flags=re.S)  # comments
    text = re.sub(r"\"[^\"\n]*\"|'[^'\n]*'", "\"\"", text)  # strings (content: "{")
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{stylesheet.name}: a '}}' without its '{{' on line {number}"
    assert depth == 0, f"{stylesheet.name}: {depth} block(s) never closed"
