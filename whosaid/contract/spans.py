"""Spans: half-open `[start, end)` code-point ranges into a seed text, with their text.

Every place a span can stand in a corpus file is listed here once, so the
validator, the builder and the scorer walk the same spans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, record: dict) -> "Span":
        return cls(record["start"], record["end"], record["text"])

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


def span_groups(doc: dict) -> Iterator[tuple[str, list[dict]]]:
    """(JSON pointer of the list or single span, spans) for every span slot.

    A group holds the fragments of one item (the content of a quote) or a list
    of independent spans (mentions); `is_fragment_list` says which is which.
    """
    dct = doc.get("document", {}).get("dct", {})
    yield "/document/dct/evidence", list(dct.get("evidence", []))
    for i, entity in enumerate(doc.get("entities", [])):
        yield f"/entities/{i}/mentions", list(entity.get("mentions", []))
    for i, quote in enumerate(doc.get("quotes", [])):
        yield f"/quotes/{i}/content", list(quote.get("content", []))
        for key in ("cue", "speaker_mention"):
            if quote.get(key) is not None:
                yield f"/quotes/{i}/{key}", [quote[key]]
    for i, timex in enumerate(doc.get("timexes", [])):
        yield f"/timexes/{i}/span", [timex["span"]]


def is_fragment_list(pointer: str) -> bool:
    """Quote content is one item in fragments; other lists are separate spans."""
    return pointer.endswith("/content")


def iter_spans(doc: dict) -> Iterator[tuple[str, dict]]:
    """(JSON pointer, span dict) for every span in a corpus file."""
    for pointer, spans in span_groups(doc):
        if pointer.endswith(("/cue", "/speaker_mention", "/span")):
            yield pointer, spans[0]
        else:
            for j, span in enumerate(spans):
                yield f"{pointer}/{j}", span

