"""Level 1, `json`: the file is UTF-8 JSON with unique keys and encodable strings (check `json-syntax`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from whosaid.contract.checks import Problem, problem
from whosaid.contract.levels.text import json_pointer


class _FractionSeen:
    """A json `parse_float` hook that parses as usual and remembers it was called,
    so that files without fractional numbers (all valid ones) skip the search for them."""

    def __init__(self):
        self.seen = False

    def __call__(self, text: str) -> float:
        self.seen = True
        return float(text)

class _DuplicateKey(ValueError):
    pass

def _no_duplicate_keys(pairs):
    result = dict(pairs)
    if len(result) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")

def _lone_surrogates(node, path: tuple = ()):
    """Paths of strings (or keys) holding a surrogate code point that is not
    part of a pair: JSON lets `\\ud800` through, UTF-8 cannot encode it."""
    if isinstance(node, str):
        if any("\ud800" <= ch <= "\udfff" for ch in node):
            yield path
    elif isinstance(node, dict):
        for key, value in node.items():
            shown = key.encode("utf-8", "backslashreplace").decode("utf-8")  # printable in a pointer
            if shown != key:
                yield path + (shown,)
            yield from _lone_surrogates(value, path + (shown,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _lone_surrogates(value, path + (i,))

def parse_json(path: Path, shown: str) -> tuple[object, list[Problem], bool]:
    """(document or None, problems, whether any number had a fraction or exponent)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [problem("json-syntax", shown, "", f"expected a readable file, found {error.strerror}")], False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [problem("json-syntax", shown, "",
                              f"expected UTF-8, found byte 0x{raw[error.start]:02x} at byte {error.start}")], False
    fractions = _FractionSeen()
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_float=fractions)
    except json.JSONDecodeError as error:
        return None, [problem("json-syntax", shown, "",
                              f"expected JSON, found {error.msg.lower()} at line {error.lineno} column {error.colno}")], False
    except _DuplicateKey as error:
        return None, [problem("json-syntax", shown, "",
                              f"expected each key once in an object, found {str(error)!r} twice")], False
    except RecursionError:
        return None, [problem("json-syntax", shown, "",
                              "expected JSON nested a few levels deep, found nesting past Python's recursion limit")], False
    except ValueError as error:  # e.g. an integer of more digits than Python converts
        return None, [problem("json-syntax", shown, "", f"expected JSON numbers Python can read, found: {error}")], False
    if _SURROGATE_ESCAPE.search(text):
        lone = [problem("json-syntax", shown, json_pointer(path),
                        "expected text encodable as UTF-8, found a lone surrogate escape (\\ud800-\\udfff)")
                for path in _lone_surrogates(doc)]
        if lone:
            return None, lone, False
    return doc, [], fractions.seen
