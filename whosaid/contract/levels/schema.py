"""Level 2, `schema`: the file follows schema/annotation.schema.json (check `schema-violation`)."""

from __future__ import annotations

import re
from functools import lru_cache

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError, validators

from whosaid.contract.checks import Problem, problem
from whosaid.contract.levels.text import json_pointer, short
from whosaid.contract.schema import load_schema


def _pattern(validator, expected, instance, schema):
    """JSON Schema `pattern` with ECMA-262 semantics for `$`: end of string only.

    Python's `$` also matches before a final newline, so "e1\n" would pass
    `^[a-z0-9]+$` here but not in jsonschema-rs (or any ECMA engine)."""
    if isinstance(instance, str) and not re.search(expected.replace("$", r"\Z"), instance):
        yield ValidationError(f"{instance!r} does not match {expected!r}")

@lru_cache(maxsize=1)
def _schema_validator() -> Draft202012Validator:
    strict = validators.extend(Draft202012Validator, {"pattern": _pattern})
    return strict(load_schema())

@lru_cache(maxsize=1)
def _fast_schema_validator():
    """A compiled validator (jsonschema-rs), ~400x faster: it answers whether a file
    is valid; the reference implementation above explains why one is not."""
    return jsonschema_rs.validator_for(load_schema())

def _schema_message(error) -> str:
    keyword, expected, found = error.validator, error.validator_value, error.instance
    if keyword == "type":
        return f"expected {expected if isinstance(expected, str) else ' or '.join(expected)}, found {short(found)}"
    if keyword == "required":
        missing = [repr(key) for key in expected if isinstance(found, dict) and key not in found]
        if len(missing) == 1:
            return f"expected the property {missing[0]}, found it missing"
        return f"expected the properties {', '.join(missing[:-1])} and {missing[-1]}, found them missing"
    if keyword == "additionalProperties":
        return f"expected only the schema's properties, found {error.message.split('(')[-1].rstrip(')')}"
    if keyword == "enum":
        return f"expected one of {', '.join(map(short, expected))}, found {short(found)}"
    if keyword == "const":
        return f"expected {short(expected)}, found {short(found)}"
    if keyword in {"minimum", "minItems", "minLength", "pattern"}:
        return f"expected {keyword} {short(expected)}, found {short(found)}"
    if keyword == "oneOf":
        return f"expected exactly one allowed form (see the schema description), found {short(found)}"
    return f"expected {keyword} {short(expected)}, found {short(found)}"

def _fractions(node, path: tuple = ()):
    """(path, value) of every JSON number written with a fraction or exponent (1.0, 2e3, NaN).

    No field of a corpus file is a fractional number, but JSON Schema counts 1.0
    as an integer; offsets must be written as integers, so these are refused.
    """
    if isinstance(node, float):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _fractions(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _fractions(value, path + (i,))

def _fraction_problems(shown: str, found) -> list[Problem]:
    return [problem("schema-violation", shown, json_pointer(path),
                    f"expected an integer or a string, found {short(value)}") for path, value in found]

def check_schema(doc: object, shown: str, *, fractions: bool = True) -> list[Problem]:
    """Schema problems. `fractions=False` says the parser saw no fractional number,
    which spares the search for one (JSON Schema lets 5.0 through as an integer)."""
    found = _fraction_problems(shown, _fractions(doc)) if fractions else []
    if not found and _fast_schema_validator().is_valid(doc):
        return []
    for error in sorted(_schema_validator().iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        item = problem("schema-violation", shown, json_pointer(error.absolute_path), _schema_message(error))
        if item not in found:  # the same failure reached through several schema branches is reported once
            found.append(item)
    if not found and not _fast_schema_validator().is_valid(doc):
        # The two implementations disagree: report what the compiled one saw.
        for error in _fast_schema_validator().iter_errors(doc):
            found.append(problem("schema-violation", shown, json_pointer(error.instance_path), error.message))
    return found
