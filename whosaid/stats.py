"""`whosaid stats`: counts of the gold corpus, per split and in total."""

from __future__ import annotations

from collections import Counter

from whosaid import schema
from whosaid.corpus import Document, splits_of

LAYER_LABELS = (
    ("quotes", "type", "quote_type"),
    ("entities", "type", "entity_type"),
    ("timexes", "type", "timex_type"),
    ("stances", "polarity", "polarity"),
)


def statistics(documents: list[Document]) -> dict:
    """{split or "total": {name: count}} with every label of every layer, zeros included."""
    groups = {split: [d for d in documents if d.split == split] for split in splits_of(documents)}
    groups["total"] = list(documents)
    result = {}
    for name, docs in groups.items():
        counts = Counter()
        counts["documents"] = len(docs)
        counts["characters"] = sum(len(d.text) for d in docs)
        counts["tokens (whitespace)"] = sum(len(d.text.split()) for d in docs)
        counts["entity mentions"] = sum(len(e["mentions"]) for d in docs for e in d.doc["entities"])
        counts["nested quotes (with parent)"] = sum(q["parent"] is not None for d in docs for q in d.doc["quotes"])
        counts["quotes without cue"] = sum(q["cue"] is None for d in docs for q in d.doc["quotes"])
        for layer, key, label_set in LAYER_LABELS:
            counts[layer] = sum(len(d.doc[layer]) for d in docs)
            for label in schema.labels(label_set):
                counts[f"{layer}: {label}"] = sum(r[key] == label for d in docs for r in d.doc[layer])
        result[name] = dict(counts)
    return result


def markdown(documents: list[Document]) -> str:
    table = statistics(documents)
    columns = list(table)
    lines = ["| | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    for row in table["total"]:
        lines.append(f"| {row} | " + " | ".join(str(table[c][row]) for c in columns) + " |")
    return "\n".join(lines)
