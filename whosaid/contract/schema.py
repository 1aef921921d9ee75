"""The annotation schema and the label sets it defines.

The schema file is the one home of every label set: the validator, the
Parquet features and the generated documentation all read them from here.
"""

from __future__ import annotations

import json
from functools import lru_cache

from whosaid.contract.project import SCHEMA_PATH


@lru_cache(maxsize=1)
def load_schema() -> dict:
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        return json.load(handle)


def labels(name: str) -> tuple[str, ...]:
    """The closed label set `$defs/<name>` (null excluded), in schema order."""
    values = load_schema()["$defs"][name]["enum"]
    return tuple(v for v in values if v is not None)


def pattern(name: str) -> str:
    """The regular expression of `$defs/<name>`."""
    return load_schema()["$defs"][name]["pattern"]


def describe(pointer: str) -> str:
    """The `description` at a JSON pointer inside the schema, following `$ref`s."""
    node = load_schema()
    for part in [p for p in pointer.split("/") if p]:
        node = node[part]
    while "description" not in node and "$ref" in node:
        node = _resolve(node["$ref"])
    return node.get("description", "")


def _resolve(ref: str) -> dict:
    node = load_schema()
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


ENTITY_TYPES = labels("entity_type")
QUOTE_TYPES = labels("quote_type")
MEDIA = labels("medium")
TIMEX_TYPES = labels("timex_type")
TIMEX_MODS = labels("timex_mod")
POLARITIES = labels("polarity")
STATUSES = labels("status")
DCT_BASES = labels("dct_basis")
