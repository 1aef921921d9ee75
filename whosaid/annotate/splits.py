"""Which split a document goes to, by a fixed rule, and adding it to its split list.

The rule (README, "Splits"): the articles of a manifest are put in date order
(ties by file name) and numbered from 0 over the whole manifest; number mod 5
= 0, 1, 2 → train, 3 → validation, 4 → test. So each split spans the whole
date range, about 60/20/20, and a document's split depends only on the
manifest, never on which documents happen to be annotated first.

A document is listed only once it is reconciled (or reviewed), at the end of
its split list. A listed document is never moved or reordered: published
splits are append-only, and tests/test_splits.py checks every release's lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from whosaid.contract.project import gold_path, is_file, load_json, read_splits, sha256_file

RULE = ("train", "train", "train", "validation", "test")


@dataclass(frozen=True)
class Assignment:
    doc_id: str
    split: str
    reason: str


def planned_splits(entries: list[dict]) -> dict[str, str]:
    """{sha256: split} for every entry of a manifest, by the rule above."""
    ordered = sorted(entries, key=lambda e: (e["date"], e["file"]))
    return {entry["sha256"]: RULE[number % len(RULE)] for number, entry in enumerate(ordered)}


def assign(root: Path, entries: list[dict]) -> list[Assignment]:
    """The reconciled or reviewed documents in no split yet whose text is in the
    manifest, with the split the rule gives them (nothing is written)."""
    planned = planned_splits(entries)
    listed = {doc_id for rows in read_splits(root).values() for _, doc_id in rows}
    found = []
    for seed in sorted((root / "seeds").glob("*.txt")):
        doc_id = seed.stem
        path = gold_path(root, doc_id)
        if doc_id in listed or not is_file(path):
            continue
        doc = load_json(path)
        if doc.get("status") in (None, "draft"):
            continue
        split = planned.get(sha256_file(seed))
        if split is not None:
            found.append(Assignment(doc_id, split, "manifest date order, number mod 5"))
    return found


def append(root: Path, assignments: list[Assignment]) -> None:
    """Add each document at the end of its split list (lists are append-only)."""
    folder = root / "corpus" / "splits"
    folder.mkdir(parents=True, exist_ok=True)
    for split in sorted({a.split for a in assignments}):
        path = folder / f"{split}.txt"
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        if existing and not existing.endswith("\n"):
            existing += "\n"
        added = "".join(f"{a.doc_id}\n" for a in assignments if a.split == split)
        path.write_text(existing + added, encoding="utf-8")
