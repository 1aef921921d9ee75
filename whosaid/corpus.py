"""The gold corpus as the build sees it: documents in split order, each with its text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from whosaid.project import load_json, read_seed_text, read_splits


@dataclass(frozen=True)
class Document:
    split: str
    doc: dict
    text: str

    @property
    def doc_id(self) -> str:
        return self.doc["doc_id"]


def load_corpus(root: Path) -> list[Document]:
    """Every gold document, in split order then in the order its split lists it.

    Call only after validation: a listed document without a corpus file or
    seed is an error the validator reports first.
    """
    documents = []
    for split, rows in read_splits(root).items():
        for _, doc_id in rows:
            doc = load_json(root / "corpus" / f"{doc_id}.json")
            documents.append(Document(split, doc, read_seed_text(root / doc["seed"]["path"])))
    return documents


def splits_of(documents: list[Document]) -> list[str]:
    """The splits that hold at least one document, in published order."""
    seen: list[str] = []
    for document in documents:
        if document.split not in seen:
            seen.append(document.split)
    return seen
