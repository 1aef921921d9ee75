"""Corpus files to published rows, and published rows back to corpus files.

`to_rows` flattens one corpus file into the rows of every config;
`from_rows` inverts it, so a test can prove that nothing is lost.
"""

from __future__ import annotations

from whosaid.contract.spans import Span
from whosaid.publish.features import CONFIGS, column_names

SEPARATOR = " [...] "


class RowShapeError(ValueError):
    """A row whose keys are not exactly its config's published columns."""


def conform(config: str, row: dict) -> dict:
    """`row` itself when its keys are exactly the columns of `config`; else RowShapeError.

    Parquet writers fill a missing key with null and drop an unknown one, so a
    renamed key would publish an empty column without a word: this refuses it.
    """
    expected = column_names(config)
    if tuple(row) != expected:
        missing = [c for c in expected if c not in row]
        unknown = [k for k in row if k not in expected]
        raise RowShapeError(f"{config}: a row's keys differ from the published columns "
                            f"(missing {missing or 'none'}, unknown {unknown or 'none'}"
                            f"{', order differs' if not missing and not unknown else ''}); "
                            "fix whosaid/publish/rows.py or the columns in whosaid/publish/features.py")
    return row


def _entity_names(doc: dict) -> dict[str, str]:
    return {entity["id"]: entity["name"] for entity in doc["entities"]}


def innermost_quote(quotes: list[dict], start: int, end: int) -> str | None:
    """Id of the quote with the shortest content that contains [start, end)."""
    best, best_size = None, None
    for quote in quotes:
        if any(f["start"] <= start and end <= f["end"] for f in quote["content"]):
            size = sum(f["end"] - f["start"] for f in quote["content"])
            if best_size is None or size < best_size:
                best, best_size = quote["id"], size
    return best


def to_rows(doc: dict, text: str) -> dict[str, list[dict]]:
    doc_id = doc["doc_id"]
    names = _entity_names(doc)
    timex_values = {t["id"]: t["value"] for t in doc["timexes"]}
    meta, dct = doc["document"], doc["document"]["dct"]
    source = meta["source"]
    provenance = doc["provenance"]
    documents = [{
        "doc_id": doc_id, "text": text, "text_sha256": doc["seed"]["sha256"], "seed_path": doc["seed"]["path"],
        "language": meta["language"], "dct": dct["value"], "dct_basis": dct["basis"],
        "dct_evidence": dct["evidence"], "dct_note": dct["note"], "title": meta["title"],
        "outlet": meta["outlet"], "url": meta["url"], "licence": meta["licence"], "attribution": meta["attribution"],
        "source": source, "rights": meta["rights"], "status": doc["status"],
        "schema_version": doc["schema_version"],
        "provenance": {"method": provenance["method"], "passes": provenance["passes"], "tools": provenance["tools"],
                       "reviews": provenance.get("reviews", [])},
    }]
    entities = [{
        "doc_id": doc_id, "entity_id": e["id"], "name": e["name"], "type": e["type"],
        "description": e["description"], "wikidata": e["wikidata"], "mentions": e["mentions"],
        "status": e["status"], "note": e["note"],
    } for e in doc["entities"]]
    quotes = [{
        "doc_id": doc_id, "quote_id": q["id"], "type": q["type"], "content": q["content"],
        "content_text": SEPARATOR.join(f["text"] for f in q["content"]), "cue": q["cue"],
        "speaker_id": q["speaker"], "speaker_name": names.get(q["speaker"]),
        "speaker_mention": q["speaker_mention"], "parent_id": q["parent"], "addressee_id": q["addressee"],
        "medium": q["medium"], "date_id": q["date"], "date_value": timex_values.get(q["date"]),
        "status": q["status"], "note": q["note"],
    } for q in doc["quotes"]]
    timexes = [{
        "doc_id": doc_id, "timex_id": t["id"], "start": t["span"]["start"], "end": t["span"]["end"],
        "text": t["span"]["text"], "type": t["type"], "value": t["value"], "anchor": t["anchor"],
        "temporal_function": t["temporal_function"], "mod": t["mod"],
        "quote_id": innermost_quote(doc["quotes"], t["span"]["start"], t["span"]["end"]),
        "status": t["status"], "note": t["note"],
    } for t in doc["timexes"]]
    stances = [{
        "doc_id": doc_id, "stance_id": s["id"], "holder_id": s["holder"], "holder_name": names[s["holder"]],
        "target_id": s["target"], "target_name": names.get(s["target"]), "target_topic": s["target_topic"],
        "polarity": s["polarity"], "evidence_quote_ids": s["evidence"], "status": s["status"], "note": s["note"],
    } for s in doc["stances"]]
    rows = {"documents": documents, "entities": entities, "quotes": quotes, "timexes": timexes, "stances": stances}
    return {config: [conform(config, row) for row in rows[config]] for config in CONFIGS}


def _span(value: dict | None) -> dict | None:
    return None if value is None else Span.of(value).as_dict()


def from_rows(rows: dict[str, list[dict]], doc_id: str) -> dict:
    """The corpus file of `doc_id` rebuilt from published rows (label names, not ints)."""
    pick = {config: [r for r in table if r["doc_id"] == doc_id] for config, table in rows.items()}
    (d,) = pick["documents"]
    return {
        "schema_version": d["schema_version"],
        "doc_id": doc_id,
        "seed": {"path": d["seed_path"], "sha256": d["text_sha256"], "length": len(d["text"])},
        "document": {
            "language": d["language"],
            "dct": {"value": d["dct"], "basis": d["dct_basis"],
                    "evidence": [_span(s) for s in d["dct_evidence"]], "note": d["dct_note"]},
            "title": d["title"], "outlet": d["outlet"], "url": d["url"], "licence": d["licence"],
            "attribution": d["attribution"], "source": d["source"], "rights": d["rights"],
        },
        "status": d["status"],
        "entities": [{
            "id": e["entity_id"], "name": e["name"], "type": e["type"], "description": e["description"],
            "wikidata": e["wikidata"], "mentions": [_span(m) for m in e["mentions"]],
            "status": e["status"], "note": e["note"],
        } for e in pick["entities"]],
        "quotes": [{
            "id": q["quote_id"], "type": q["type"], "content": [_span(c) for c in q["content"]],
            "cue": _span(q["cue"]), "speaker": q["speaker_id"], "speaker_mention": _span(q["speaker_mention"]),
            "parent": q["parent_id"], "addressee": q["addressee_id"], "medium": q["medium"],
            "date": q["date_id"], "status": q["status"], "note": q["note"],
        } for q in pick["quotes"]],
        "timexes": [{
            "id": t["timex_id"], "span": {"start": t["start"], "end": t["end"], "text": t["text"]},
            "type": t["type"], "value": t["value"], "anchor": t["anchor"],
            "temporal_function": t["temporal_function"], "mod": t["mod"], "status": t["status"], "note": t["note"],
        } for t in pick["timexes"]],
        "stances": [{
            "id": s["stance_id"], "holder": s["holder_id"], "target": s["target_id"],
            "target_topic": s["target_topic"], "polarity": s["polarity"],
            "evidence": list(s["evidence_quote_ids"]), "status": s["status"], "note": s["note"],
        } for s in pick["stances"]],
        "provenance": {
            "method": d["provenance"]["method"],
            "passes": [dict(p, inputs=list(p["inputs"])) for p in d["provenance"]["passes"]],
            "tools": list(d["provenance"]["tools"]),
            **({"reviews": [dict(r, accepted=list(r["accepted"]), flagged=[dict(f) for f in r["flagged"]])
                            for r in d["provenance"]["reviews"]]} if d["provenance"]["reviews"] else {}),
        },
    }
