"""The agreement view of a document: pass A, pass B and the gold side by side, every
disagreement between the passes marked.

Records are paired with the scorer's own alignment (whosaid.score.evaluate), A
taken as the reference as in the reported `A vs B` figures: a row holding an A
and a B record is a pair the agreement figures count as aligned, and a row
marked `speaker` is one they count as a speaker disagreement. The gold record
of a row is the one the scorer aligns with its A record (else its B record).
"""

from __future__ import annotations

from dataclasses import dataclass

from whosaid.score.evaluate import Alignment, Tokens, align_document, percent, quote_agreement, timex_agreement
from whosaid.view.markup import Mark, render
from whosaid.view.page import esc, page, table

QUOTE_FIELDS = {"content": "boundary", "cue": "cue", "speaker_mention": "source mention", "type": "type",
                "speaker": "speaker"}
TIMEX_FIELDS = {"extent": "extent", "type": "type", "value": "value"}


@dataclass(frozen=True)
class Row:
    gold: int | None
    a: int | None
    b: int | None
    kinds: tuple[str, ...]  # how A and B disagree; () when they agree
    gold_follows: str       # "A and B", "A", "B", "neither", or "" when there is no gold record


@dataclass(frozen=True)
class Passes:
    """The three files of a document and how the scorer aligns them."""
    gold: dict | None  # None: not adjudicated yet
    a: dict
    b: dict
    text: str
    ab: Alignment
    ga: Alignment | None
    gb: Alignment | None

    @classmethod
    def of(cls, gold: dict | None, a: dict, b: dict, text: str) -> "Passes":
        tokens = Tokens.of(text)
        return cls(gold, a, b, text, align_document(a, b, tokens),
                   None if gold is None else align_document(gold, a, tokens),
                   None if gold is None else align_document(gold, b, tokens))


def _compare(layer: str, x: dict, y: dict, entities: dict[str, str]) -> dict[str, bool]:
    if layer == "quotes":
        return quote_agreement(x, y, entities)
    if layer == "timexes":
        return timex_agreement(x, y)
    return {"polarity": x["polarity"] == y["polarity"]}


FIELDS = {"quotes": QUOTE_FIELDS, "timexes": TIMEX_FIELDS, "stances": {"polarity": "polarity"}}


def _start(record: dict) -> int:
    if "content" in record:
        return record["content"][0]["start"]
    if "span" in record:
        return record["span"]["start"]
    return 0


def rows(passes: Passes, layer: str) -> list[Row]:
    """Every record of `layer` in A, B or gold, one row per aligned group, in text order."""
    a, b, gold = passes.a[layer], passes.b[layer], passes.gold[layer] if passes.gold else []
    pairs = getattr(passes.ab, layer)
    gold_of_a = {c: r for r, c in getattr(passes.ga, layer)} if passes.ga else {}
    gold_of_b = {c: r for r, c in getattr(passes.gb, layer)} if passes.gb else {}
    used: set[int] = set()

    def attach(i: int | None, j: int | None) -> int | None:
        for candidate in (gold_of_a.get(i), gold_of_b.get(j)):
            if candidate is not None and candidate not in used:
                used.add(candidate)
                return candidate
        return None

    groups = [(attach(i, j), i, j) for i, j in pairs]
    groups += [(attach(i, None), i, None) for i in range(len(a)) if i not in {p[0] for p in pairs}]
    groups += [(attach(None, j), None, j) for j in range(len(b)) if j not in {p[1] for p in pairs}]
    groups += [(g, None, None) for g in range(len(gold)) if g not in used]
    found = []
    for g, i, j in groups:
        if i is not None and j is not None:
            agree = _compare(layer, a[i], b[j], passes.ab.entities)
            kinds = tuple(FIELDS[layer][k] for k, ok in agree.items() if not ok)
        elif i is not None:
            kinds = ("missing in B",)
        elif j is not None:
            kinds = ("missing in A",)
        else:
            kinds = ("missing in A and B",)
        follows = ""
        if g is not None:
            same_a = i is not None and all(_compare(layer, gold[g], a[i], passes.ga.entities).values())
            same_b = j is not None and all(_compare(layer, gold[g], b[j], passes.gb.entities).values())
            follows = {(True, True): "A and B", (True, False): "A", (False, True): "B"}.get((same_a, same_b), "neither")
        found.append(Row(g, i, j, kinds, follows))
    where = [min(_start(r[k]) for r, k in ((gold, row.gold), (a, row.a), (b, row.b)) if k is not None) for row in found]
    return [row for _, row in sorted(zip(where, found, strict=True), key=lambda item: item[0])]


def slugs(kinds) -> str:
    """Kinds of disagreement as a space-separated attribute value (`missing in A` → `missing-in-A`)."""
    return " ".join(kind.replace(" ", "-").replace(",", "") for kind in kinds)


def _part(kinds: tuple[str, ...], kind: str, html: str) -> str:
    return f'<div class="{"diff" if kind in kinds else "same"}">{html}</div>'


def _quote_cell(q: dict, doc: dict, kinds: tuple[str, ...]) -> str:
    names = {e["id"]: e["name"] for e in doc["entities"]}
    content = ' <span class="muted">…</span> '.join(esc(f["text"]) for f in q["content"])
    spans = ", ".join(f'[{f["start"]},{f["end"]})' for f in q["content"])
    return (_part(kinds, "type", f'<span class="badge q-{esc(q["type"])}">{esc(q["type"])}</span>')
            + _part(kinds, "speaker", f'speaker: <strong>{esc(names.get(q["speaker"], "(no source)"))}</strong>')
            + _part(kinds, "source mention", f'source: {esc(q["speaker_mention"]["text"]) if q["speaker_mention"] else "—"}')
            + _part(kinds, "cue", f'cue: {esc(q["cue"]["text"]) if q["cue"] else "—"}')
            + _part(kinds, "boundary", f'<span class="content" title="{esc(spans)}">{content}</span>'))


def _timex_cell(t: dict, doc: dict, kinds: tuple[str, ...]) -> str:
    span = t["span"]
    return (_part(kinds, "extent", f'<span title="[{span["start"]},{span["end"]})">{esc(span["text"])}</span>')
            + _part(kinds, "type", esc(t["type"])) + _part(kinds, "value", f"<code>{esc(t['value'])}</code>"))


def _stance_cell(s: dict, doc: dict, kinds: tuple[str, ...]) -> str:
    names = {e["id"]: e["name"] for e in doc["entities"]}
    target = names[s["target"]] if s["target"] else f"topic: {s['target_topic']}"
    return (f'<div>{esc(names[s["holder"]])} → {esc(target)}</div>'
            + _part(kinds, "polarity", f'<span class="badge pol-{esc(s["polarity"])}">{esc(s["polarity"])}</span>')
            + f'<div class="muted">evidence {esc(", ".join(s["evidence"]))}</div>')


CELLS = {"quotes": _quote_cell, "timexes": _timex_cell, "stances": _stance_cell}


def _cell(layer: str, doc: dict | None, index: int | None, kinds: tuple[str, ...], extra: str = "") -> str:
    if index is None:
        return f'<td class="missing">—{extra}</td>'
    record = doc[layer][index]
    return f'<td><div class="rid">{esc(record["id"])}</div>{CELLS[layer](record, doc, kinds)}{extra}</td>'


def layer_table(passes: Passes, layer: str, found: list[Row]) -> str:
    out = []
    for row in found:
        ids = {side: "" if index is None else doc[layer][index]["id"]
               for side, doc, index in (("gold", passes.gold, row.gold), ("a", passes.a, row.a), ("b", passes.b, row.b))}
        follows = f'<div class="follows">gold = {esc(row.gold_follows)}</div>' if row.gold_follows else ""
        out.append(
            f'<tr class="{"disagree" if row.kinds else "agree"}" data-layer="{layer}" '
            f'data-kinds="{esc(slugs(row.kinds))}" data-gold="{esc(ids["gold"])}" data-a="{esc(ids["a"])}" '
            f'data-b="{esc(ids["b"])}"><td class="kinds">{esc(", ".join(row.kinds) or "agree")}</td>'
            + _cell(layer, passes.gold, row.gold, (), follows) + _cell(layer, passes.a, row.a, row.kinds)
            + _cell(layer, passes.b, row.b, row.kinds) + "</tr>")
    return table(["A vs B", "gold", "pass A", "pass B"], out, cls=f"agreement {layer}")


def mention_table(passes: Passes) -> tuple[str, int, int]:
    """Mentions where A, B and the gold do not all agree; how many rows that makes, and how
    many mentions all of them share."""
    def spans(doc):
        return {} if doc is None else {(m["start"], m["end"]): (e["name"], m["text"])
                                       for e in doc["entities"] for m in e["mentions"]}

    a, b, gold = spans(passes.a), spans(passes.b), spans(passes.gold)
    everywhere = set(a) & set(b) & (set(gold) if passes.gold else set(a))
    out = []
    for key in sorted((set(a) | set(b) | set(gold)) - everywhere):
        text = (a.get(key) or b.get(key) or gold.get(key))[1]
        kinds = "missing in B" if key in a and key not in b else "missing in A" if key in b and key not in a else \
            "A and B, not gold" if key not in gold else "missing in A and B"
        cells = "".join('<td class="missing">—</td>' if key not in side else f"<td>{esc(side[key][0])}</td>"
                        for side in (gold, a, b))
        out.append(f'<tr class="disagree" data-layer="mentions" data-kinds="{esc(slugs([kinds]))}"><td class="kinds">{esc(kinds)}</td>'
                   f'<td title="[{key[0]},{key[1]})">{esc(text)}</td>{cells}</tr>')
    return (table(["", "mention", "entity in gold", "entity in A", "entity in B"], out, cls="agreement mentions"),
            len(out), len(everywhere))


def overlay(passes: Passes) -> str:
    """The text with the quote content of gold (shaded), A (line above) and B (line below)."""
    found = []
    for cls, doc in (("ov-g", passes.gold), ("ov-a", passes.a), ("ov-b", passes.b)):
        if doc is None:
            continue
        who = {"ov-g": "gold", "ov-a": "A", "ov-b": "B"}[cls]
        for q in doc["quotes"]:
            for fragment in q["content"]:
                found.append(Mark(fragment["start"], fragment["end"], cls,
                                  (("data-id", q["id"]), ("title", f"{who} {q['id']} ({q['type']})")),
                                  rank={"ov-g": 0, "ov-a": 1, "ov-b": 2}[cls]))
    return render(passes.text, found)


def figures(result: dict) -> str:
    """The scorer's A-vs-B figures for this document, as the README's agreement table counts them."""
    q, t, e = result["quotes"], result["timexes"], result["entities"]
    return (f'<p class="figures" id="figures">Scorer, A vs B: quotes <span data-figure="quotes-a">{q["gold"]}</span> in A, '
            f'<span data-figure="quotes-b">{q["pred"]}</span> in B, <span data-figure="quotes-aligned">{q["aligned"]}'
            f'</span> aligned; content token F1 {percent(q["content_partial"]["f1"])}, speaker accuracy '
            f'{percent(q["speaker_accuracy"])}, type accuracy {percent(q["type_accuracy"])}. Timexes {t["gold"]} in A, '
            f'{t["pred"]} in B: relaxed F1 {percent(t["relaxed"]["f1"])}, value accuracy {percent(t["value_accuracy"])}. '
            f'Entity mention F1 {percent(e["mentions"]["f1"])}. The same figures as '
            "<code>whosaid evaluate A.json B.json</code> prints.</p>")


def agreement_page(doc_id: str, title: str | None, passes: Passes, result: dict, document_href: str | None) -> str:
    mentions, differing_mentions, shared = mention_table(passes)
    status = "" if passes.gold else '<p class="warning">Not adjudicated yet: there is no gold file to compare with.</p>'
    back = f'<p><a href="{esc(document_href)}">← the document page</a></p>' if document_href else ""
    sections = []
    for layer, name in (("quotes", "Quotes"), ("timexes", "Timexes"), ("stances", "Stances")):
        found = rows(passes, layer)
        differing = sum(bool(r.kinds) for r in found)
        sections.append(f'<section id="{layer}"><h2>{name}: {differing} of {len(found)} rows differ between A and B'
                        f'</h2>{layer_table(passes, layer, found)}</section>')
    body = (
        f"<h1>Agreement: {esc(title or doc_id)}</h1>{back}{status}"
        f"<p><code>{esc(doc_id)}</code>: pass A (<code>corpus/passes/{esc(doc_id)}/A.json</code>), pass B "
        f"(<code>corpus/passes/{esc(doc_id)}/B.json</code>) and the gold (<code>corpus/{esc(doc_id)}.json</code>). "
        "Rows pair the records the scorer aligns; a highlighted part is where A and B differ, and <em>gold =</em> says "
        "which pass the gold record matches in full.</p>"
        + figures(result)
        + '<p><label><input type="checkbox" id="only-disagreements"> show only disagreements</label></p>'
        + '<section id="overlay"><h2>Quotes overlaid</h2><p class="muted"><span class="ov-g">gold</span> shaded, '
        '<span class="ov-a">pass A</span> lined above, <span class="ov-b">pass B</span> lined below: a stretch with one '
        f'line is one pass\'s alone.</p><article class="text overlay">{overlay(passes)}</article></section>'
        + "".join(sections)
        + f'<section id="mentions"><h2>Entity mentions: {shared} shared by all, {differing_mentions} not</h2>'
        f"{mentions}</section>")
    return page(f"Agreement: {title or doc_id}", body, depth=1, kind="agreement")
