"""Level 7, `corpus`: split lists name documents by id, once each, that have gold files; every reconciled gold file is in a split."""

from __future__ import annotations

import re
from pathlib import Path

from whosaid.contract.checks import Problem, problem
from whosaid.contract.levels.text import short
from whosaid.contract.project import gold_path, is_file
from whosaid.contract.schema import pattern


def is_gold(path: Path, doc: dict, root: Path) -> bool:
    """Whether `path` is the gold file of its document (not a pass or a copy elsewhere)."""
    try:
        return Path(path).resolve() == gold_path(root, doc["doc_id"]).resolve()
    except (OSError, RuntimeError, ValueError):
        return False

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
                                     f"expected a doc_id such as 000_d4052f6e3a65e880, found {short(doc_id)}"))
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


def check_split_membership(doc: dict, path: Path, root: Path, listed: set[str], shown: str) -> list[Problem]:
    """`split-missing`: a reconciled or reviewed gold file whose doc_id no split list names."""
    if is_gold(path, doc, root) and doc["status"] != "draft" and doc["doc_id"] not in listed:
        return [problem("split-missing", shown, "/doc_id",
                        f"expected the {doc['status']} document {doc['doc_id']!r} in one of "
                        "corpus/splits/*.txt, found it in none")]
    return []
