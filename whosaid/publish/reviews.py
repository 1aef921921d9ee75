"""The datasheet's human-review block: what reviewers accepted, and what they flagged that is still open.

Counted from the gold files (`status` of each record, `provenance.reviews`),
so it says plainly when no human has reviewed anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from whosaid.contract.levels.references import LAYERS
from whosaid.publish.docs import _cell


@dataclass(frozen=True)
class OpenQuestion:
    doc_id: str
    record: str
    reviewer: str
    date: str
    comment: str


@dataclass(frozen=True)
class ReviewSummary:
    counts: dict[str, dict[str, int]]  # layer: {status: records}
    reviews: int
    reviewers: int
    documents: int
    documents_reviewed: int
    open_questions: tuple[OpenQuestion, ...]


def open_questions(doc: dict) -> list[OpenQuestion]:
    """Flags of a file not yet answered: a flag closes when a later review accepts the
    record, or when the record is no longer in the file."""
    ids = {record["id"] for layer, _ in LAYERS for record in doc[layer]}
    reviews = doc["provenance"].get("reviews", [])
    found = []
    for k, review in enumerate(reviews):
        for flag in review["flagged"]:
            later = any(flag["id"] in r["accepted"] for r in reviews[k + 1:])
            if flag["id"] in ids and not later:
                found.append(OpenQuestion(doc["doc_id"], flag["id"], review["reviewer"], review["date"], flag["comment"]))
    return found


def summarize(docs) -> ReviewSummary:
    counts = {layer: {"reconciled": 0, "reviewed": 0} for layer, _ in LAYERS}
    reviews, reviewers, documents, reviewed, questions = 0, set(), 0, 0, []
    for doc in docs:
        documents += 1
        reviewed += doc["status"] == "reviewed"
        for layer, _ in LAYERS:
            for record in doc[layer]:
                counts[layer][record["status"]] = counts[layer].get(record["status"], 0) + 1
        for review in doc["provenance"].get("reviews", []):
            reviews += 1
            reviewers.add(review["reviewer"])
        questions += open_questions(doc)
    return ReviewSummary(counts, reviews, len(reviewers), documents, reviewed, tuple(questions))


def _text(value: str) -> str:
    """A reviewer's words in a Markdown table cell, shown as written (no markup)."""
    return _cell(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("`", "&#96;"))


def markdown(summary: ReviewSummary) -> str:
    total = {status: sum(c.get(status, 0) for c in summary.counts.values()) for status in ("reconciled", "reviewed")}
    if summary.reviews == 0:
        lines = [f"No human has reviewed any record yet: all {total['reconciled'] + total['reviewed']:,} published "
                 "records are `reconciled` (adjudicated from two passes), none is `reviewed`, and no question is open."]
    else:
        lines = [f"{summary.reviews:,} review(s) by {summary.reviewers:,} reviewer(s) are recorded; "
                 f"{total['reviewed']:,} of {total['reconciled'] + total['reviewed']:,} published records are `reviewed` "
                 f"(accepted by a human reviewer), and {summary.documents_reviewed:,} of {summary.documents:,} documents "
                 "are reviewed in full."]
    lines += ["", "| layer | reconciled | reviewed | total |", "|---|---:|---:|---:|"]
    for layer, counts in summary.counts.items():
        lines.append(f"| {layer} | {counts['reconciled']:,} | {counts['reviewed']:,} | "
                     f"{counts['reconciled'] + counts['reviewed']:,} |")
    lines.append(f"| all | {total['reconciled']:,} | {total['reviewed']:,} | {total['reconciled'] + total['reviewed']:,} |")
    if summary.reviews:
        lines += ["", f"Open questions (records a reviewer flagged and no later review accepted): "
                  f"{len(summary.open_questions):,}."]
        if summary.open_questions:
            lines += ["", "| doc_id | record | reviewer | date | comment |", "|---|---|---|---|---|"]
            lines += [f"| `{q.doc_id}` | `{q.record}` | {_text(q.reviewer)} | {q.date} | {_text(q.comment)} |"
                      for q in summary.open_questions]
    return "\n".join(lines)
