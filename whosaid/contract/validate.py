"""Validate corpus files, level by level (whosaid.contract.checks.LEVELS).

Each level is a module of whosaid/contract/levels/ named after it. All
problems are collected; nothing is fixed and nothing is written. The levels
run in order; a file that is not JSON, or not of the schema's shape, is not
checked further (its later problems would be noise).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from whosaid.contract.checks import LEVELS, Problem, has_error
from whosaid.contract.levels.content import check_content
from whosaid.contract.levels.corpus import check_split_membership, check_splits, is_doc_id, is_gold, listed_ids
from whosaid.contract.levels.json import parse_json
from whosaid.contract.levels.references import check_references
from whosaid.contract.levels.release import check_release
from whosaid.contract.levels.schema import check_schema
from whosaid.contract.levels.seed import check_seed
from whosaid.contract.levels.spans import check_spans
from whosaid.contract.project import read_splits, relative

__all__ = ["Report", "Checked", "validate", "validate_file", "check_document", "check_schema", "check_splits",
           "parse_json", "is_doc_id", "listed_ids"]


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
    if runs("corpus") and listed is not None:
        found += check_split_membership(doc, path, root, listed, shown)
    if runs("release") and release and is_gold(path, doc, root) and (listed is None or doc["doc_id"] in listed):
        found += check_release(doc, shown)
    return Checked(doc, text, found)

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
