"""The gold corpus as the build sees it: documents in split order, each with its text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from whosaid.contract.project import gold_path, load_json, read_seed_text, read_splits


@dataclass(frozen=True)
class Document:
    split: str
    doc: dict
    text: str

    @property
    def doc_id(self) -> str:
        return self.doc["doc_id"]


def iter_corpus(root: Path) -> Iterator[Document]:
    """Every gold document, in split order then in the order its split lists it,
    read one at a time.

    Call only after validation: a listed document without a corpus file or
    seed is an error the validator reports first.
    """
    for split, rows in read_splits(root).items():
        for _, doc_id in rows:
            doc = load_json(gold_path(root, doc_id))
            yield Document(split, doc, read_seed_text(root / doc["seed"]["path"]))


def load_corpus(root: Path) -> list[Document]:
    return list(iter_corpus(root))
