"""Validate corpus files: JSON syntax, schema, seed, spans, references, content.

All problems are collected; nothing is fixed and nothing is written. The
levels run in order; a file that is not JSON, or not of the schema's shape,
is not checked further (its later problems would be noise).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError, validators

from whosaid.contract import timex
from whosaid.contract.checks import LEVELS, Problem, has_error, problem
from whosaid.contract.project import gold_path, is_file, read_splits, relative
from whosaid.contract.schema import load_schema, pattern
from whosaid.contract.spans import is_fragment_list, iter_spans, span_groups

LAYERS = (("entities", "entity"), ("quotes", "quote"), ("timexes", "timex"), ("stances", "stance"))
RECORD_REFS = {
    "quotes": (("speaker", "entity"), ("addressee", "entity"), ("parent", "quote"), ("date", "timex")),
    "stances": (("holder", "entity"), ("target", "entity")),
}


@dataclass(frozen=True)
class Report:
    files: int
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)

    @property
    def ok(self) -> bool:
        return self.errors == 0


@dataclass(frozen=True)
class Checked:
    """One file's verdict: the parsed document and seed text (None when unusable) and its problems."""
    doc: dict | None
    text: str | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not has_error(self.problems)


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


def _a(noun: str) -> str:
    """The noun with its indefinite article: "an entity", "a quote"."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _short(value, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _FractionSeen:
    """A json `parse_float` hook that parses as usual and remembers it was called,
    so that files without fractional numbers (all valid ones) skip the search for them."""

    def __init__(self):
        self.seen = False

    def __call__(self, text: str) -> float:
        self.seen = True
        return float(text)


def _pointer(parts) -> str:
    """An RFC 6901 JSON pointer ("" for the whole document)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


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
        lone = [problem("json-syntax", shown, _pointer(path),
                        "expected text encodable as UTF-8, found a lone surrogate escape (\\ud800-\\udfff)")
                for path in _lone_surrogates(doc)]
        if lone:
            return None, lone, False
    return doc, [], fractions.seen


def _schema_message(error) -> str:
    keyword, expected, found = error.validator, error.validator_value, error.instance
    if keyword == "type":
        return f"expected {expected if isinstance(expected, str) else ' or '.join(expected)}, found {_short(found)}"
    if keyword == "required":
        missing = [repr(key) for key in expected if isinstance(found, dict) and key not in found]
        if len(missing) == 1:
            return f"expected the property {missing[0]}, found it missing"
        return f"expected the properties {', '.join(missing[:-1])} and {missing[-1]}, found them missing"
    if keyword == "additionalProperties":
        return f"expected only the schema's properties, found {error.message.split('(')[-1].rstrip(')')}"
    if keyword == "enum":
        return f"expected one of {', '.join(map(_short, expected))}, found {_short(found)}"
    if keyword == "const":
        return f"expected {_short(expected)}, found {_short(found)}"
    if keyword in {"minimum", "minItems", "minLength", "pattern"}:
        return f"expected {keyword} {_short(expected)}, found {_short(found)}"
    if keyword == "oneOf":
        return f"expected exactly one allowed form (see the schema description), found {_short(found)}"
    return f"expected {keyword} {_short(expected)}, found {_short(found)}"


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
    return [problem("schema-violation", shown, _pointer(path),
                    f"expected an integer or a string, found {_short(value)}") for path, value in found]


def check_schema(doc: object, shown: str, *, fractions: bool = True) -> list[Problem]:
    """Schema problems. `fractions=False` says the parser saw no fractional number,
    which spares the search for one (JSON Schema lets 5.0 through as an integer)."""
    found = _fraction_problems(shown, _fractions(doc)) if fractions else []
    if not found and _fast_schema_validator().is_valid(doc):
        return []
    for error in sorted(_schema_validator().iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        item = problem("schema-violation", shown, _pointer(error.absolute_path), _schema_message(error))
        if item not in found:  # the same failure reached through several schema branches is reported once
            found.append(item)
    if not found and not _fast_schema_validator().is_valid(doc):
        # The two implementations disagree: report what the compiled one saw.
        for error in _fast_schema_validator().iter_errors(doc):
            found.append(problem("schema-violation", shown, _pointer(error.instance_path), error.message))
    return found


def check_seed(doc: dict, path: Path, root: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The seed text (None when unreadable) and the seed-level problems."""
    found = []
    seed = doc["seed"]
    seed_path = root / seed["path"]
    stem = Path(seed["path"]).stem
    if doc["doc_id"] != stem:
        found.append(problem("doc-id-mismatch", shown, "/doc_id",
                             f"expected the seed's stem {stem!r}, found {doc['doc_id']!r}"))
    elif os.path.abspath(path.parent) == os.path.abspath(root / "corpus") and path.stem != doc["doc_id"]:
        found.append(problem("doc-id-mismatch", shown, "/doc_id",
                             f"expected the file name {doc['doc_id']}.json, found {path.name}"))
    try:
        data = seed_path.read_bytes() if seed_path.is_file() else None
        what = "a folder" if data is None and seed_path.is_dir() else \
            "nothing" if data is None and not seed_path.exists() else "something that is not a regular file"
    except (OSError, RuntimeError, ValueError) as error:  # name too long, symlink loop, no permission
        data, what = None, f"a path the system refuses ({getattr(error, 'strerror', None) or error})"
    if data is None:
        found.append(problem("seed-missing", shown, "/seed/path",
                             f"expected a seed file at {relative(seed_path, root)}, found {what}"))
        return None, found
    digest = hashlib.sha256(data).hexdigest()
    if digest != seed["sha256"]:
        found.append(problem("seed-hash-mismatch", shown, "/seed/sha256",
                             f"expected {seed['sha256'][:12]}…, found {digest[:12]}… for {seed['path']}"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        found.append(problem("seed-not-utf8", shown, "/seed/path",
                             f"expected UTF-8 in {seed['path']}, found an invalid byte at byte {error.start}"))
        return None, found
    if len(text) != seed["length"]:
        found.append(problem("seed-length-mismatch", shown, "/seed/length",
                             f"expected {len(text)} code points, found {seed['length']}"))
    return text, found


def _first_difference(expected: str, found: str) -> str:
    """Where two strings first differ, for a message: '' when they are equal."""
    at = next((i for i, (a, b) in enumerate(zip(expected, found, strict=False)) if a != b), min(len(expected), len(found)))
    if at == len(expected) == len(found):
        return ""
    left = f"{expected[at]!r} (U+{ord(expected[at]):04X})" if at < len(expected) else "the end"
    right = f"{found[at]!r} (U+{ord(found[at]):04X})" if at < len(found) else "the end"
    return f"; they first differ at character {at}: the text has {left}, the span {right}"


def check_spans(doc: dict, text: str, shown: str) -> list[Problem]:
    found = []
    size = len(text)
    for pointer, span in iter_spans(doc):
        start, end, claimed = span["start"], span["end"], span["text"]
        if start < end <= size and text[start:end] == claimed and claimed[:1].strip() and claimed[-1:].strip():
            continue  # the common case, decided without formatting anything
        where = f"[{start},{end})"
        if end > size or start > size:
            found.append(problem("span-out-of-bounds", shown, pointer,
                                 f"expected offsets within [0,{size}], found {where}"))
        elif end <= start:
            found.append(problem("span-empty", shown, pointer, f"expected end > start, found {where}"))
        elif text[start:end] != claimed:
            found.append(problem("span-text-mismatch", shown, pointer,
                                 f"expected {_short(text[start:end])}, found {_short(claimed)} at {where}"
                                 f"{_first_difference(text[start:end], claimed)}"))
        else:
            found.append(problem("span-whitespace", shown, pointer,
                                 f"expected no whitespace at the edges, found {_short(claimed)} at {where}"))
    for pointer, spans in span_groups(doc):
        if not is_fragment_list(pointer):
            continue
        for j in range(1, len(spans)):
            before, after = spans[j - 1], spans[j]
            if after["start"] < before["end"]:
                found.append(problem("span-fragment-order", shown, f"{pointer}/{j}",
                                     f"expected a fragment starting at or after {before['end']}, "
                                     f"found [{after['start']},{after['end']})"))
    return found


def _id_kinds(doc: dict, shown: str) -> tuple[dict[str, str], list[Problem]]:
    kinds: dict[str, str] = {}
    found = []
    for layer, kind in LAYERS:
        for i, record in enumerate(doc[layer]):
            rid = record["id"]
            if rid in kinds:
                found.append(problem("id-duplicate", shown, f"/{layer}/{i}/id",
                                     f"expected a new id, found {rid!r} already used by a {kinds[rid]}"))
            else:
                kinds[rid] = kind
    return kinds, found


def _reference(kinds, shown, pointer, value, expected, extra=()) -> list[Problem]:
    if value is None or value in extra:
        return []
    if value not in kinds:
        return [problem("ref-unresolved", shown, pointer,
                        f"expected the id of {_a(expected)}, found {value!r}, which no record has")]
    if kinds[value] != expected:
        return [problem("ref-wrong-kind", shown, pointer,
                        f"expected the id of {_a(expected)}, found {value!r}, the id of {_a(kinds[value])}")]
    return []


def check_references(doc: dict, shown: str) -> list[Problem]:
    kinds, found = _id_kinds(doc, shown)
    for layer, refs in RECORD_REFS.items():
        for i, record in enumerate(doc[layer]):
            for key, expected in refs:
                found += _reference(kinds, shown, f"/{layer}/{i}/{key}", record[key], expected)
    for i, stance in enumerate(doc["stances"]):
        for j, quote_id in enumerate(stance["evidence"]):
            found += _reference(kinds, shown, f"/stances/{i}/evidence/{j}", quote_id, "quote")
    for i, item in enumerate(doc["timexes"]):
        found += _reference(kinds, shown, f"/timexes/{i}/anchor", item["anchor"], "timex", extra=("dct",))
    found += _parent_cycles(doc, shown)
    found += _speaker_mentions(doc, kinds, shown)
    found += _duplicate_mentions(doc, shown)
    return found


def _parent_cycles(doc: dict, shown: str) -> list[Problem]:
    parent = {q["id"]: q["parent"] for q in doc["quotes"]}
    index = {q["id"]: i for i, q in enumerate(doc["quotes"])}
    reported: set[str] = set()
    found = []
    for quote in doc["quotes"]:
        path, current = [], quote["id"]
        while current in parent and current not in path:
            path.append(current)
            current = parent[current]
        if current in path:
            cycle = path[path.index(current):]
            if not reported.intersection(cycle):
                reported.update(cycle)
                first = min(cycle, key=index.get)
                found.append(problem("parent-cycle", shown, f"/quotes/{index[first]}/parent",
                                     f"expected a chain ending in null, found the cycle {' -> '.join(cycle + [cycle[0]])}"))
    return found


def _speaker_mentions(doc: dict, kinds: dict[str, str], shown: str) -> list[Problem]:
    mentions = {}
    for entity in doc["entities"]:
        mentions.setdefault(entity["id"], {(m["start"], m["end"]) for m in entity["mentions"]})
    found = []
    for i, quote in enumerate(doc["quotes"]):
        span, speaker = quote["speaker_mention"], quote["speaker"]
        if span is None:
            continue
        where = f"/quotes/{i}/speaker_mention"
        if speaker is None:
            found.append(problem("speaker-mention-mismatch", shown, where,
                                 f"expected no speaker_mention when speaker is null, found {_short(span['text'])}"))
        elif kinds.get(speaker) == "entity" and (span["start"], span["end"]) not in mentions[speaker]:
            found.append(problem("speaker-mention-mismatch", shown, where,
                                 f"expected one of {speaker!r}'s mentions, found {_short(span['text'])} "
                                 f"at [{span['start']},{span['end']})"))
    return found


def _duplicate_mentions(doc: dict, shown: str) -> list[Problem]:
    seen: dict[tuple[int, int], tuple[int, int]] = {}
    found = []
    for i, entity in enumerate(doc["entities"]):
        for j, mention in enumerate(entity["mentions"]):
            key = (mention["start"], mention["end"])
            if key in seen:
                found.append(problem("mention-duplicate", shown, f"/entities/{i}/mentions/{j}",
                                     f"expected a span not yet a mention, found [{key[0]},{key[1]}) "
                                     f"already at /entities/{seen[key][0]}/mentions/{seen[key][1]}"))
            else:
                seen[key] = (i, j)
    return found


def check_content(doc: dict, shown: str) -> list[Problem]:
    found = []
    why = timex.dct_problem(doc["document"]["dct"]["value"])
    if why:
        found.append(problem("dct-invalid", shown, "/document/dct/value",
                             f"expected {why if why.startswith('a ') else 'a real date'}, "
                             f"found {_short(doc['document']['dct']['value'])}"
                             + ("" if why.startswith("a ") else f" ({why})")))
    for i, item in enumerate(doc["timexes"]):
        value, kind = item["value"], item["type"]
        if not timex.syntax_ok(kind, value):
            found.append(problem("timex-value-syntax", shown, f"/timexes/{i}/value",
                                 f"expected a TIMEX3 {kind} value, found {_short(value)}"))
        else:
            why = timex.date_problem(kind, value)
            if why:
                found.append(problem("timex-date-invalid", shown, f"/timexes/{i}/value",
                                     f"expected a date that exists, found {_short(value)} ({why})"))
        if item["temporal_function"] and item["anchor"] is None:
            found.append(problem("timex-anchor-missing", shown, f"/timexes/{i}/anchor",
                                 "expected \"dct\" or a timex id for a value computed by a temporal function, found null"))
    speakers = {q["id"]: q["speaker"] for q in doc["quotes"]}
    for i, stance in enumerate(doc["stances"]):
        for j, quote_id in enumerate(stance["evidence"]):
            if quote_id in speakers and speakers[quote_id] != stance["holder"]:
                found.append(problem("stance-evidence-speaker", shown, f"/stances/{i}/evidence/{j}",
                                     f"expected a quote by the holder {stance['holder']!r}, "
                                     f"found {quote_id!r} by {speakers[quote_id]!r}"))
    return found


def check_release(doc: dict, shown: str) -> list[Problem]:
    """A published file and every record in it must be past `draft` (reconciled or reviewed)."""
    found = []
    if doc["status"] == "draft":
        found.append(problem("record-draft", shown, "/status",
                             "expected the file to be \"reconciled\" or \"reviewed\", found \"draft\""))
    found += [
        problem("record-draft", shown, f"/{layer}/{i}/status",
                "expected \"reconciled\" or \"reviewed\", found \"draft\"")
        for layer, _ in LAYERS
        for i, record in enumerate(doc[layer])
        if record["status"] == "draft"
    ]
    return found


def is_gold(path: Path, doc: dict, root: Path) -> bool:
    """Whether `path` is the gold file of its document (not a pass or a copy elsewhere)."""
    try:
        return Path(path).resolve() == gold_path(root, doc["doc_id"]).resolve()
    except (OSError, RuntimeError, ValueError):
        return False


def validate_file(path: Path, root: Path, *, release: bool = False, listed: set[str] | None = None,
                  level: str = LEVELS[-1]) -> Checked:
    """Check one file. `listed` holds the doc_ids of the split lists (None: do not check splits);
    `level` is the last level to run."""
    shown = relative(path, root)
    doc, found, fractions = parse_json(path, shown)
    if found or level == "json":
        return Checked(None, None, found)
    return check_document(doc, path, root, release=release, listed=listed, shown=shown, fractions=fractions,
                          level=level)


def check_document(doc: object, path: Path, root: Path, *, release: bool = False, listed: set[str] | None = None,
                   shown: str | None = None, fractions: bool = True, level: str = LEVELS[-1]) -> Checked:
    """Every check after JSON parsing, level by level up to `level`, on a document
    that is (or will be) at `path`. A file not of the schema's shape is checked no further."""
    shown = shown or relative(path, root)
    last = LEVELS.index(level)

    def runs(name: str) -> bool:
        return LEVELS.index(name) <= last

    found = check_schema(doc, shown, fractions=fractions)
    if found or not runs("seed"):
        return Checked(None if found else doc, None, found)
    text, found = check_seed(doc, path, root, shown)
    if text is not None and runs("spans"):
        found += check_spans(doc, text, shown)
    if runs("references"):
        found += check_references(doc, shown)
    if runs("content"):
        found += check_content(doc, shown)
    gold = is_gold(path, doc, root)
    if runs("corpus") and listed is not None and gold and doc["status"] != "draft" and doc["doc_id"] not in listed:
        found.append(problem("split-missing", shown, "/doc_id",
                             f"expected the {doc['status']} document {doc['doc_id']!r} in one of "
                             "corpus/splits/*.txt, found it in none"))
    if runs("release") and release and gold and (listed is None or doc["doc_id"] in listed):
        found += check_release(doc, shown)
    return Checked(doc, text, found)


def listed_ids(splits: dict) -> set[str]:
    """The doc_ids that the split lists name, once each."""
    return {doc_id for rows in splits.values() for _, doc_id in rows}


def is_doc_id(text: str) -> bool:
    return re.fullmatch(pattern("doc_id").rstrip("$").lstrip("^"), text) is not None


def check_splits(root: Path, splits: dict) -> list[Problem]:
    found = []
    first: dict[str, str] = {}
    for name, rows in splits.items():
        shown = f"corpus/splits/{name}.txt"
        for number, doc_id in rows:
            if not is_doc_id(doc_id):
                found.append(problem("split-bad-id", shown, str(number),
                                     f"expected a doc_id such as 000_d4052f6e3a65e880, found {_short(doc_id)}"))
                continue
            if doc_id in first:
                found.append(problem("split-duplicate", shown, str(number),
                                     f"expected each document once, found {doc_id!r} again (first in {first[doc_id]})"))
            else:
                first[doc_id] = f"{shown}:{number}"
            if not is_file(gold_path(root, doc_id)):
                found.append(problem("split-unknown-doc", shown, str(number),
                                     f"expected corpus/{doc_id}.json, found no such file"))
    return found


def validate(paths: list[Path], root: Path, *, release: bool = False, level: str = LEVELS[-1]) -> Report:
    """Validate `paths`, running the levels up to and including `level` (see whosaid.contract.checks.LEVELS)."""
    splits = read_splits(root)
    listed = listed_ids(splits)
    found: list[Problem] = []
    for path in paths:
        found += validate_file(path, root, release=release, listed=listed, level=level).problems
    if LEVELS.index(level) >= LEVELS.index("corpus"):
        found += check_splits(root, splits)
    return Report(len(paths), tuple(found))
