"""One page per published document: the text with its layers marked, every record in a
table, and the controls a reviewer uses to accept or flag each record."""

from __future__ import annotations

from whosaid.annotate.review import FORMAT, VERSION, page_records
from whosaid.contract.corpus import Document
from whosaid.version import __version__
from whosaid.view.markup import Mark, render
from whosaid.view.page import esc, external, json_script, note, page, table

COLOURS = 8  # entity colours, cycled
RANK = {"src": 20, "cue": 21, "m": 30, "tx": 40}  # quote content ranks by nesting depth, below 20


def ancestors(quote: dict, quotes: dict[str, dict]) -> list[dict]:
    """The quotes `quote` is nested in, nearest first (who reports whom)."""
    found, current = [], quote["parent"]
    while current is not None and current in quotes and all(q["id"] != current for q in found):
        found.append(quotes[current])
        current = quotes[current]["parent"]
    return found


def speaker(quote: dict, entities: dict[str, dict]) -> str:
    return entities[quote["speaker"]]["name"] if quote["speaker"] in entities else "(no source)"


def chain_text(quote: dict, quotes: dict[str, dict], entities: dict[str, dict]) -> str:
    """`q3 Dmitry Peskov, reported in q2 by Russian media, in q1 by Politico and Reuters`."""
    parts = [f"{quote['id']} {speaker(quote, entities)}"]
    parts += [f"reported in {outer['id']} by {speaker(outer, entities)}" for outer in ancestors(quote, quotes)]
    return ", ".join(parts)


def marks(doc: dict) -> list[Mark]:
    entities = {e["id"]: e for e in doc["entities"]}
    quotes = {q["id"]: q for q in doc["quotes"]}
    colour = {e["id"]: i % COLOURS for i, e in enumerate(doc["entities"])}
    found = []
    for quote in doc["quotes"]:
        qid, depth = quote["id"], len(ancestors(quote, quotes))
        label = f"{qid} {speaker(quote, entities)}" + (f" · in {quote['parent']}" if quote["parent"] else "")
        title = f"{quote['type']} quote {chain_text(quote, quotes, entities)}"
        attrs = (("data-id", qid), ("data-type", quote["type"]), ("data-depth", str(min(depth, 3))), ("title", title))
        for j, fragment in enumerate(quote["content"]):
            first = (("id", f"quote-{qid}"), ("data-label", label)) if j == 0 else (("data-label", f"{qid} ctd."),)
            found.append(Mark(fragment["start"], fragment["end"], f"q q-{quote['type']}", attrs, first, rank=depth))
        if quote["cue"] is not None:
            found.append(Mark(quote["cue"]["start"], quote["cue"]["end"], "cue",
                              (("data-quote", qid), ("title", f"cue of {qid}")), rank=RANK["cue"]))
        if quote["speaker_mention"] is not None:
            span = quote["speaker_mention"]
            found.append(Mark(span["start"], span["end"], "src",
                              (("data-quote", qid), ("data-entity", quote["speaker"] or ""),
                               ("title", f"source of {qid}: {speaker(quote, entities)}")), rank=RANK["src"]))
    for entity in doc["entities"]:
        for j, mention in enumerate(entity["mentions"]):
            found.append(Mark(mention["start"], mention["end"], f"m ec{colour[entity['id']]}",
                              (("data-entity", entity["id"]), ("data-mention", f"{entity['id']}/{j}"),
                               ("title", f"{entity['id']} {entity['name']} ({entity['type']})")), rank=RANK["m"]))
    for item in doc["timexes"]:
        anchor = f", anchor {item['anchor']}" if item["anchor"] else ""
        found.append(Mark(item["span"]["start"], item["span"]["end"], "tx",
                          (("data-id", item["id"]), ("data-value", item["value"]),
                           ("title", f"{item['id']} {item['type']} {item['value']}{anchor}")),
                          (("id", f"timex-{item['id']}"), ("data-label", item["value"])), rank=RANK["tx"]))
    return found


def review_history(doc: dict) -> dict[str, list[str]]:
    """{record id: what earlier reviews decided about it}, as lines of text."""
    found: dict[str, list[str]] = {}
    for review in doc["provenance"].get("reviews", []):
        for rid in review["accepted"]:
            found.setdefault(rid, []).append(f"accepted by {review['reviewer']} on {review['date']}")
        for flag in review["flagged"]:
            found.setdefault(flag["id"], []).append(
                f"flagged by {review['reviewer']} on {review['date']}: {flag['comment']}")
    return found


def review_cell(layer: str, record: dict, history: dict[str, list[str]]) -> str:
    rid = record["id"]
    past = "".join(f'<li>{esc(line)}</li>' for line in history.get(rid, []))
    return (f'<td class="review" data-layer="{esc(layer)}" data-id="{esc(rid)}">'
            f'<span class="status status-{esc(record["status"])}">{esc(record["status"])}</span>'
            + (f'<ul class="history">{past}</ul>' if past else "")
            + '<div class="decide"><button type="button" class="accept" aria-pressed="false">Accept</button> '
            '<button type="button" class="flag" aria-pressed="false">Flag</button></div>'
            f'<textarea class="comment" rows="2" aria-label="comment on {esc(rid)}" '
            'placeholder="What is wrong? (needed to flag)"></textarea></td>')


def _span(span: dict | None) -> str:
    return "—" if span is None else f'<span class="spantext" title="[{span["start"]},{span["end"]})">{esc(span["text"])}</span>'


def quotes_table(doc: dict, history) -> str:
    entities = {e["id"]: e for e in doc["entities"]}
    quotes = {q["id"]: q for q in doc["quotes"]}
    timexes = {t["id"]: t for t in doc["timexes"]}
    rows = []
    for q in doc["quotes"]:
        via = "".join(f'<div class="via">reported in <a href="#row-{esc(o["id"])}">{esc(o["id"])}</a> by '
                      f'{esc(speaker(o, entities))}</div>' for o in ancestors(q, quotes))
        date = "—" if q["date"] is None else \
            f'<a href="#timex-{esc(q["date"])}">{esc(timexes[q["date"]]["span"]["text"])}</a> ({esc(timexes[q["date"]]["value"])})'
        addressee = "—" if q["addressee"] is None else esc(entities[q["addressee"]]["name"])
        content = ' <span class="muted">…</span> '.join(_span(f) for f in q["content"])
        rows.append(
            f'<tr id="row-{esc(q["id"])}" data-layer="quotes"><td><a href="#quote-{esc(q["id"])}">{esc(q["id"])}</a></td>'
            f'<td><span class="badge q-{esc(q["type"])}">{esc(q["type"])}</span></td>'
            f'<td><strong>{esc(speaker(q, entities))}</strong>{via}</td><td>{_span(q["speaker_mention"])}</td>'
            f'<td>{_span(q["cue"])}</td><td class="content">{content}</td><td>{addressee}</td>'
            f'<td>{esc(q["medium"])}</td><td>{date}</td><td>{note(q["note"])}</td>{review_cell("quotes", q, history)}</tr>')
    return table(["id", "type", "speaker", "source mention", "cue", "content", "addressee", "medium", "date", "note",
                  "review"], rows, cls="records quotes")


def entities_table(doc: dict, history) -> str:
    rows = []
    for i, e in enumerate(doc["entities"]):
        mentions = " · ".join(_span(m) for m in e["mentions"])
        rows.append(
            f'<tr id="row-{esc(e["id"])}" data-layer="entities"><td>{esc(e["id"])}</td>'
            f'<td><span class="swatch ec{i % COLOURS}"></span> <strong>{esc(e["name"])}</strong></td>'
            f'<td>{esc(e["type"])}</td><td>{esc(e["description"])}</td>'
            f'<td><span class="count">{len(e["mentions"])}</span>: {mentions}</td><td>{esc(e["wikidata"])}</td>'
            f'<td>{note(e["note"])}</td>{review_cell("entities", e, history)}</tr>')
    return table(["id", "name", "type", "description", "mentions", "wikidata", "note", "review"], rows,
                 cls="records entities")


def timexes_table(doc: dict, history) -> str:
    rows = []
    for t in doc["timexes"]:
        rows.append(
            f'<tr id="row-{esc(t["id"])}" data-layer="timexes"><td><a href="#timex-{esc(t["id"])}">{esc(t["id"])}</a></td>'
            f'<td>{_span(t["span"])}</td><td>{esc(t["type"])}</td><td><code>{esc(t["value"])}</code></td>'
            f'<td>{esc(t["anchor"])}</td><td>{esc(t["mod"])}</td><td>{"yes" if t["temporal_function"] else "no"}</td>'
            f'<td>{note(t["note"])}</td>{review_cell("timexes", t, history)}</tr>')
    return table(["id", "expression", "type", "value", "anchor", "mod", "temporal function", "note", "review"], rows,
                 cls="records timexes")


def stances_table(doc: dict, history) -> str:
    entities = {e["id"]: e for e in doc["entities"]}
    rows = []
    for s in doc["stances"]:
        target = esc(entities[s["target"]]["name"]) if s["target"] else f'<em>topic:</em> {esc(s["target_topic"])}'
        evidence = ", ".join(f'<a class="evidence" href="#quote-{esc(q)}">{esc(q)}</a>' for q in s["evidence"])
        rows.append(
            f'<tr id="row-{esc(s["id"])}" data-layer="stances"><td>{esc(s["id"])}</td>'
            f'<td>{esc(entities[s["holder"]]["name"])}</td><td>{target}</td>'
            f'<td><span class="badge pol-{esc(s["polarity"])}">{esc(s["polarity"])}</span></td><td>{evidence}</td>'
            f'<td>{note(s["note"])}</td>{review_cell("stances", s, history)}</tr>')
    return table(["id", "holder", "target", "polarity", "evidence", "note", "review"], rows, cls="records stances")


def panel(doc: dict) -> str:
    items = []
    for i, e in enumerate(doc["entities"]):
        items.append(f'<li><label><input type="checkbox" data-entity="{esc(e["id"])}"> '
                     f'<span class="swatch ec{i % COLOURS}"></span> {esc(e["name"])} '
                     f'<span class="muted">{esc(e["type"])} · {len(e["mentions"])}</span></label></li>')
    return (
        '<aside class="panel">'
        '<h2>Show</h2><ul class="toggles">'
        '<li><label><input type="checkbox" data-class="show-quotes" checked> quotes: '
        '<span class="badge q-direct">direct</span> <span class="badge q-indirect">indirect</span> '
        '<span class="badge q-mixed">mixed</span></label></li>'
        '<li><label><input type="checkbox" data-class="show-cues" checked> <span class="cue">cues</span> and '
        '<span class="src">sources</span></label></li>'
        '<li><label><input type="checkbox" data-class="show-timexes" checked> <span class="tx">timexes</span> '
        'with their values</label></li>'
        '<li><label><input type="checkbox" data-class="show-mentions" id="all-mentions"> every entity mention</label></li>'
        '</ul><p class="muted">A quote\'s label names its speaker; <em>in q1</em> means it is reported inside q1. '
        'Hover a mark for details, click a quote to find its row.</p>'
        f'<h2>Entities ({len(doc["entities"])})</h2><p class="muted">Tick an entity to mark its mentions.</p>'
        f'<ul class="entities">{"".join(items)}</ul></aside>')


def meta(document: Document, agreement_href: str | None) -> str:
    doc, info = document.doc, document.doc["document"]
    dct = info["dct"]
    title = info["title"] or document.doc_id
    source = external(info["url"], info["url"] or "no address known")
    licence = info["licence"] or "rights not established"
    reviews = doc["provenance"].get("reviews", [])
    rows = [
        ("split", esc(document.split)),
        ("date (DCT)", f"{esc(dct['value'])} ({esc(dct['basis'])}){note(dct['note'])}"),
        ("licence", f"{esc(licence)}" + (f" · {esc(info['attribution'])}" if info["attribution"] else "")),
        ("text", source),
        ("outlet", esc(info["outlet"])),
        ("status", f"{esc(doc['status'])} · {len(reviews)} human review(s)"),
        ("rights", f'<details class="note"><summary>what is known</summary><p>{esc(info["rights"])}</p></details>'),
        ("passes", f'<a href="{esc(agreement_href)}">pass A, pass B and gold compared</a>' if agreement_href else "—"),
    ]
    return (f'<h1>{esc(title)}</h1><p class="muted"><code>{esc(document.doc_id)}</code></p><dl class="meta">'
            + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>")


def review_data(doc: dict) -> dict:
    return {"format": FORMAT, "version": VERSION, "made_by": f"whosaid {__version__} site",
            "doc_id": doc["doc_id"], "seed_sha256": doc["seed"]["sha256"], "records": page_records(doc)}


def document_page(document: Document, agreement_href: str | None) -> str:
    doc = document.doc
    history = review_history(doc)
    counts = {layer: len(doc[layer]) for layer in ("quotes", "entities", "timexes", "stances")}
    sections = "".join(
        f'<section id="{layer}"><h2>{layer.capitalize()} ({counts[layer]})</h2>{render_table(doc, history)}</section>'
        for layer, render_table in (("quotes", quotes_table), ("entities", entities_table),
                                    ("timexes", timexes_table), ("stances", stances_table)))
    body = (
        meta(document, agreement_href)
        + '<div class="layout show-quotes show-cues show-timexes" id="layers">'
        + f'<article class="text" id="text" lang="{esc(doc["document"]["language"])}">'
        + render(document.text, marks(doc)) + "</article>" + panel(doc) + "</div>"
        + '<section class="howto"><h2>Review</h2><p>Check each record against the text and the guidelines. '
        "<strong>Accept</strong> a record that is right; <strong>Flag</strong> one that is not and say why in the box. "
        "Then <strong>Save decisions</strong>: your browser downloads a JSON file, which the maintainers apply with "
        "<code>whosaid review apply FILE --reviewer NAME</code>. A decision about a record that has changed since this "
        "page was made is refused.</p></section>"
        + sections
        + '<div class="review-bar" id="review-bar"><span id="review-count">The review controls need JavaScript.</span> '
        '<button type="button" id="review-save" disabled>Save decisions</button> '
        '<span id="review-message" role="status"></span></div>'
        + json_script("whosaid-review", review_data(doc)))
    return page(doc["document"]["title"] or document.doc_id, body, depth=1, kind="document")
