"""The site's front page: every published document with its counts and agreement, and the
documents whose passes wait for adjudication."""

from __future__ import annotations

from dataclasses import dataclass

from whosaid.contract.corpus import Document
from whosaid.publish.docs import SPREAD
from whosaid.score.evaluate import percent
from whosaid.view.page import esc, page, table

SHORT = {"quote content token F1": "quote F1", "speaker accuracy": "speaker", "timex value accuracy": "timex value",
         "entity mention F1": "mention F1"}


@dataclass(frozen=True)
class Entry:
    """A document as the index lists it: its page, and its A-vs-B scores when it has two passes."""
    document: Document
    href: str
    agreement_href: str | None
    result: dict | None


def _agreement_cells(entry_result: dict | None, href: str | None) -> str:
    if entry_result is None:
        return '<td colspan="5" class="muted">no two passes</td>'
    cells = "".join(f"<td class=\"num\">{percent(get(entry_result))}</td>" for _, get in SPREAD)
    return cells + f'<td><a href="{esc(href)}">compare</a></td>'


def index_page(published: list[Entry], pending: list[Entry]) -> str:
    measures = [SHORT.get(name, name) for name, _ in SPREAD]
    rows = []
    for entry in published:
        doc, info = entry.document.doc, entry.document.doc["document"]
        reviewed = sum(r["status"] == "reviewed" for layer in ("entities", "quotes", "timexes", "stances")
                       for r in doc[layer])
        records = sum(len(doc[layer]) for layer in ("entities", "quotes", "timexes", "stances"))
        rows.append(
            f'<tr data-doc="{esc(entry.document.doc_id)}"><td><a href="{esc(entry.href)}">{esc(info["title"] or entry.document.doc_id)}</a>'
            f'<div class="muted"><code>{esc(entry.document.doc_id)}</code></div></td><td>{esc(entry.document.split)}</td>'
            f'<td class="date">{esc(info["dct"]["value"])}</td><td>{esc(info["licence"] or "rights not established")}</td>'
            f'<td class="num">{len(doc["quotes"])}</td><td class="num">{len(doc["entities"])} / '
            f'{sum(len(e["mentions"]) for e in doc["entities"])}</td><td class="num">{len(doc["timexes"])}</td>'
            f'<td class="num">{len(doc["stances"])}</td><td class="num">{reviewed} / {records}</td>'
            + _agreement_cells(entry.result, entry.agreement_href) + "</tr>")
    head = ["document", "split", "date", "licence", "quotes", "entities / mentions", "timexes", "stances",
            "reviewed / records", *[f"A vs B: {m}" for m in measures], "passes"]
    note = ("A vs B: the two independent passes scored against each other: " + ", ".join(
        f"{SHORT.get(name, name)} = {name}" for name, _ in SPREAD) + ", in percent.")
    waiting = [f'<tr data-doc="{esc(e.document.doc_id)}"><td><a href="{esc(e.agreement_href)}">'
               f'{esc(e.document.doc["document"]["title"] or e.document.doc_id)}</a><div class="muted"><code>'
               f'{esc(e.document.doc_id)}</code></div></td>{_agreement_cells(e.result, e.agreement_href)}</tr>'
               for e in pending]
    body = (
        "<h1>WhoSaid: the documents</h1>"
        f"<p>{len(published)} published documents. Each page shows the text with its quotes (by type, with cues, "
        "sources and the speaker of each), timexes with their values, entity mentions grouped by entity and the "
        "stances, and lets a reviewer accept or flag every record. Agreement figures are A vs B, in percent, "
        "from the scorer (<code>whosaid evaluate</code>).</p>"
        + table(head, rows, cls="index") + f'<p class="muted">{esc(note)}</p>'
        + (f"<h2>Waiting for adjudication ({len(pending)})</h2><p>Documents with two passes and no published gold: "
           "their passes compared.</p>"
           + table(["document", *[f"A vs B: {m}" for m in measures], "passes"], waiting, cls="index pending")
           if pending else ""))
    return page("WhoSaid: the documents", body, depth=0, kind="index")
