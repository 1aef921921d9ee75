"""`whosaid review apply`: record a human reviewer's decisions in the corpus.

A reviewer accepts or flags records on the document pages that `whosaid site`
writes, and saves the decisions as a JSON file. Each decision carries the
fingerprint of the record as the page showed it (sha256 of its canonical JSON)
and each document the seed's sha256, so a decision about a record that has
changed since the page was made is refused.

Applying is all or nothing: every decisions file is checked first (shape,
documents, records, fingerprints, comments); only when nothing is wrong are the
affected gold files rewritten, each replaced whole. Accepted records get status
`reviewed` (the file too, once every record is); the review itself (reviewer,
date, accepted ids, flagged ids with comments) is appended to
`provenance.reviews`. Nothing else changes.
"""

from __future__ import annotations

import copy
import datetime as _dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from jsonschema import Draft202012Validator

from whosaid.contract.checks import Problem
from whosaid.contract.levels.corpus import listed_ids
from whosaid.contract.levels.json import parse_json
from whosaid.contract.levels.references import LAYERS
from whosaid.contract.levels.schema import _schema_message
from whosaid.contract.levels.text import json_pointer
from whosaid.contract.project import gold_path, is_file, read_splits, relative
from whosaid.contract.validate import check_document

FORMAT = "whosaid-review-decisions"
VERSION = 1
REVIEW_LAYERS = tuple(layer for layer, _ in LAYERS)
AGAIN = "regenerate the site (`whosaid site`) and review the record again on the new page"

DECISIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["format", "version", "documents"],
    "properties": {
        "format": {"const": FORMAT},
        "version": {"const": VERSION},
        "made_by": {"type": "string"},
        "documents": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["doc_id", "seed_sha256", "decisions"],
                "properties": {
                    "doc_id": {"type": "string"},
                    "seed_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    "decisions": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["layer", "id", "fingerprint", "decision"],
                            "properties": {
                                "layer": {"enum": list(REVIEW_LAYERS)},
                                "id": {"type": "string"},
                                "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                                "decision": {"enum": ["accept", "flag"]},
                                "comment": {"type": "string"},
                            },
                        },
                    },
                },
            },
        },
    },
}


def fingerprint(record: dict) -> str:
    """sha256 of a record's canonical JSON (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def page_records(doc: dict) -> list[dict]:
    """What a document page carries for review: {layer, id, fingerprint} of every record, in file order."""
    return [{"layer": layer, "id": record["id"], "fingerprint": fingerprint(record)}
            for layer in REVIEW_LAYERS for record in doc[layer]]


def parse_date(text: str) -> str:
    """`text` when it is a real date YYYY-MM-DD; ValueError otherwise."""
    try:
        if len(text) == 10 and _dt.date.fromisoformat(text):
            return text
    except ValueError:
        pass
    raise ValueError(f"expected a date YYYY-MM-DD, found {text!r}")


@dataclass(frozen=True)
class Reviewed:
    """A gold file as it will be written: the document with the review recorded."""
    doc_id: str
    path: Path
    doc: dict
    accepted: tuple[str, ...]
    flagged: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Plan:
    documents: tuple[Reviewed, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _problem(check: str, file: str, pointer: str, message: str, fix: str) -> Problem:
    return Problem(file, pointer, check, "error", message, fix)


def _read(path: Path) -> tuple[dict | None, list[Problem]]:
    """A decisions file and its shape problems."""
    shown = str(path)
    data, problems, _ = parse_json(path, shown)
    if problems:
        return None, [_problem("review-json", p.file, p.pointer, p.message,
                               "save the decisions again from the document page") for p in problems]
    errors = sorted(Draft202012Validator(DECISIONS_SCHEMA).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    found = {(json_pointer(e.absolute_path), _schema_message(e)): None for e in errors}  # one line per problem, in order
    return (None if found else data), [
        _problem("review-shape", shown, pointer, message, "save the decisions again from a document page that "
                 "`whosaid site` wrote (the file is not meant to be edited by hand)") for pointer, message in found]


def _record_index(doc: dict) -> dict[str, tuple[str, dict]]:
    return {record["id"]: (layer, record) for layer in REVIEW_LAYERS for record in doc[layer]}


def _check_document(root: Path, shown: str, pointer: str, entry: dict, doc: dict, reviewer: str,
                    seen: dict) -> list[Problem]:
    """Problems of one document's decisions against its current gold file."""
    found = []
    corpus = relative(gold_path(root, entry["doc_id"]), root)
    if entry["seed_sha256"] != doc["seed"]["sha256"]:
        found.append(_problem("review-seed-changed", shown, f"{pointer}/seed_sha256",
                              f"{corpus}: expected the seed {entry['seed_sha256'][:12]}… the page was made from, "
                              f"found {doc['seed']['sha256'][:12]}… (the text changed)", AGAIN))
    records = _record_index(doc)
    for j, decision in enumerate(entry["decisions"]):
        where = f"{pointer}/decisions/{j}"
        rid, layer = decision["id"], decision["layer"]
        key = (entry["doc_id"], rid)
        if key in seen:
            found.append(_problem("review-duplicate", shown, f"{where}/id",
                                  f"{corpus} record {rid}: expected one decision per record, found a second one "
                                  f"(the first at {seen[key]})", "keep one decision for the record"))
            continue
        seen[key] = f"{shown}:{where}"
        if rid not in records or records[rid][0] != layer:
            actual = f"a record of {records[rid][0]}" if rid in records else "no such record"
            found.append(_problem("review-unknown-record", shown, f"{where}/id",
                                  f"{corpus}: expected a record {rid!r} in {layer}, found {actual}", AGAIN))
            continue
        now = fingerprint(records[rid][1])
        if decision["fingerprint"] != now:
            found.append(_problem("review-record-changed", shown, f"{where}/fingerprint",
                                  f"{corpus} record {rid}: expected fingerprint {decision['fingerprint'][:12]}… (the record "
                                  f"as the page showed it), found {now[:12]}… (the record now: it changed since the page "
                                  "was made)", AGAIN))
        if decision["decision"] == "flag":
            comment = decision.get("comment", "")
            if not comment.strip():
                found.append(_problem("review-comment-missing", shown, f"{where}/comment",
                                      f"{corpus} record {rid}: expected a comment saying what is wrong, found "
                                      f"{'none' if 'comment' not in decision else 'an empty one'}",
                                      "write the comment in the box beside Flag on the page and save again"))
            elif any(reviewer == r["reviewer"] and {"id": rid, "comment": comment.strip()} in r["flagged"]
                     for r in doc["provenance"].get("reviews", [])):
                found.append(_problem("review-already-applied", shown, where,
                                      f"{corpus} record {rid}: expected a new decision, found the same flag by "
                                      f"{reviewer!r} already recorded", "leave this decisions file out: it was applied"))
    return found


def _reviewed(doc: dict, entry: dict, reviewer: str, date: str) -> tuple[dict, tuple, tuple]:
    """The document with the decisions of `entry` recorded."""
    new = copy.deepcopy(doc)
    accepted = {d["id"] for d in entry["decisions"] if d["decision"] == "accept"}
    flagged = {d["id"]: d["comment"].strip() for d in entry["decisions"] if d["decision"] == "flag"}
    order = [record["id"] for layer in REVIEW_LAYERS for record in new[layer]]
    for layer in REVIEW_LAYERS:
        for record in new[layer]:
            if record["id"] in accepted:
                record["status"] = "reviewed"
    if all(record["status"] == "reviewed" for layer in REVIEW_LAYERS for record in new[layer]):
        new["status"] = "reviewed"
    accepted_ids = tuple(i for i in order if i in accepted)
    flagged_items = tuple((i, flagged[i]) for i in order if i in flagged)
    new["provenance"].setdefault("reviews", []).append({
        "reviewer": reviewer, "date": date, "accepted": list(accepted_ids),
        "flagged": [{"id": i, "comment": c} for i, c in flagged_items],
    })
    return new, accepted_ids, flagged_items


def plan(root: Path, paths: list[Path], reviewer: str, date: str) -> Plan:
    """Check every decision in `paths` against the current corpus and work out the new gold files.
    Writes nothing. `reviewer` must be non-empty and `date` YYYY-MM-DD (the caller checks)."""
    assert reviewer.strip() and parse_date(date)
    reviewer = reviewer.strip()
    problems: list[Problem] = []
    entries: dict[str, list[dict]] = {}
    listed = listed_ids(read_splits(root))
    seen: dict = {}
    current: dict[str, dict] = {}
    for path in paths:
        data, found = _read(path)
        problems += found
        if data is None:
            continue
        shown = str(path)
        for i, entry in enumerate(data["documents"]):
            pointer = f"/documents/{i}"
            doc_id = entry["doc_id"]
            gold = gold_path(root, doc_id)
            if doc_id not in listed or not is_file(gold):
                problems.append(_problem("review-unknown-doc", shown, f"{pointer}/doc_id",
                                         f"expected a published document (in corpus/splits/*.txt), found {doc_id!r}",
                                         "review only the documents the site's index lists"))
                continue
            if doc_id not in current:
                checked = check_document(parse_json(gold, relative(gold, root))[0], gold, root, release=True,
                                         listed=listed)
                if not checked.ok:
                    problems += checked.problems
                    problems.append(_problem("review-corpus-invalid", shown, f"{pointer}/doc_id",
                                             f"expected {relative(gold, root)} to pass `whosaid validate --release`, "
                                             "found the errors above", "fix the corpus file first, then apply again"))
                    current[doc_id] = None
                    continue
                current[doc_id] = checked.doc
            if current[doc_id] is None:
                continue
            problems += _check_document(root, shown, pointer, entry, current[doc_id], reviewer, seen)
            entries.setdefault(doc_id, []).append(entry)
    if problems:
        return Plan((), tuple(problems))
    documents = []
    for doc_id, parts in entries.items():
        merged = {"decisions": [d for part in parts for d in part["decisions"]]}
        new, accepted, flagged = _reviewed(current[doc_id], merged, reviewer, date)
        path = gold_path(root, doc_id)
        checked = check_document(new, path, root, release=True, listed=listed)
        if not checked.ok:  # the schema or the validator refuses the result: say so, write nothing
            problems += checked.problems
            continue
        documents.append(Reviewed(doc_id, path, new, accepted, flagged))
    return Plan(tuple(documents), tuple(problems))


def apply(plan: Plan) -> list[Reviewed]:
    """Write every reviewed gold file: all are staged first, then each replaced whole."""
    assert plan.ok
    staged: list[tuple[Path, Path]] = []
    try:
        for item in plan.documents:
            temporary = item.path.with_name(f".{item.path.name}.review.tmp")
            temporary.write_bytes((json.dumps(item.doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
            staged.append((temporary, item.path))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        os.replace(temporary, path)
    return list(plan.documents)
