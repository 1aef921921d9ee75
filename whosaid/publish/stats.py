"""`whosaid stats`: counts of the gold corpus, per split and in total.

Counted in one pass over the documents (the build streams them), so memory
does not grow with the corpus.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from whosaid.contract import schema
from whosaid.contract.corpus import Document

LAYER_LABELS = (
    ("quotes", "type", "quote_type"),
    ("entities", "type", "entity_type"),
    ("timexes", "type", "timex_type"),
    ("stances", "polarity", "polarity"),
)
PRONOUNS = {"i", "me", "we", "us", "our", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their"}


def _counts(document: Document) -> Counter:
    doc, quotes = document.doc, document.doc["quotes"]
    counts = Counter()
    counts["documents"] = 1
    counts["characters"] = len(document.text)
    counts["tokens (whitespace)"] = len(document.text.split())
    counts["entity mentions"] = sum(len(e["mentions"]) for e in doc["entities"])
    counts["nested quotes (with parent)"] = sum(q["parent"] is not None for q in quotes)
    counts["quotes without cue"] = sum(q["cue"] is None for q in quotes)
    counts["quotes with a pronoun source"] = sum(
        q["speaker_mention"] is not None and q["speaker_mention"]["text"].lower() in PRONOUNS for q in quotes)
    counts["quotes with a date"] = sum(q["date"] is not None for q in quotes)
    for layer, key, label_set in LAYER_LABELS:
        counts[layer] = len(doc[layer])
        for label in schema.labels(label_set):
            counts[f"{layer}: {label}"] = sum(r[key] == label for r in doc[layer])
    for status in schema.STATUSES:
        counts[f"records {status}"] = sum(r["status"] == status for layer, *_ in LAYER_LABELS for r in doc[layer])
    return counts


@dataclass(frozen=True)
class Source:
    """What a published document's licence requires to be shown with it."""
    doc_id: str
    split: str
    title: str | None
    url: str | None
    licence: str | None
    attribution: str | None


@dataclass
class Tally:
    by_split: dict[str, Counter] = field(default_factory=dict)
    doc_ids: dict[str, list[str]] = field(default_factory=dict)
    languages: set[str] = field(default_factory=set)
    sources: list[Source] = field(default_factory=list)

    def add(self, document: Document) -> None:
        self.by_split.setdefault(document.split, Counter()).update(_counts(document))
        self.doc_ids.setdefault(document.split, []).append(document.doc_id)
        meta = document.doc["document"]
        self.languages.add(meta["language"])
        self.sources.append(Source(document.doc_id, document.split, meta["title"], meta["url"], meta["licence"],
                                   meta["attribution"]))

    def licences(self) -> dict[str | None, int]:
        """{SPDX id, or None for rights not established: number of documents}, most first."""
        counts = Counter(source.licence for source in self.sources)
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0] or "")))

    def table(self) -> dict[str, dict[str, int]]:
        """{split, ..., "total": {name: count}} with every label, zeros included."""
        total = Counter()
        for counts in self.by_split.values():
            total.update(counts)
        names = list(_counts_template())
        return {split: {name: counts[name] for name in names}
                for split, counts in {**self.by_split, "total": total}.items()}

    @property
    def documents(self) -> int:
        return sum(len(ids) for ids in self.doc_ids.values())


def _counts_template() -> Counter:
    """The row names in order, from an empty document."""
    empty = {"quotes": [], "entities": [], "timexes": [], "stances": [], "document": {"language": ""}}
    return _counts(Document("", empty, ""))


def tally(documents) -> Tally:
    result = Tally()
    for document in documents:
        result.add(document)
    return result


def markdown(table: dict[str, dict[str, int]]) -> str:
    columns = list(table)
    lines = ["| | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    for row in table["total"]:
        lines.append(f"| {row} | " + " | ".join(f"{table[c][row]:,}" for c in columns) + " |")
    return "\n".join(lines)
