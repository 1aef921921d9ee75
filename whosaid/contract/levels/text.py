"""Message helpers shared by the levels: short quotations of values, articles, JSON pointers."""

from __future__ import annotations

import json


def with_article(noun: str) -> str:
    """The noun with its indefinite article: "an entity", "a quote"."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"

def short(value, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"

def json_pointer(parts) -> str:
    """An RFC 6901 JSON pointer ("" for the whole document)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)
