"""A one-document project whose text, metadata and notes are full of markup: `<script>`,
`&`, quotation marks, an `<img onerror>`, a `javascript:` address. The site must show all of
it as text. Two passes differ from the gold in the ways the agreement view must show: a
missing quote, a boundary difference, a different speaker and a different timex value.
A quote content and an entity mention cross, so the page must split a mark in two."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

DOC_ID = "fx_escape"
TEXT = (
    'Mayor Ana Ruiz said on Friday, 3 March 2023, that the "<script>window.pwned = 1</script>" tag & the "<b>" tag '
    "were harmless.\n"
    "\n"
    'The Harbour Council reported that Ruiz told <img src=x onerror="window.pwned = 2"> it would reopen the bridge.\n'
    "\n"
    "“Nobody expected this & more,” she said.\n"
)
SCRIPT = "<script>window.pwned = 1</script>"
IMG = '<img src=x onerror="window.pwned = 2">'


def span(text: str, occurrence: int = 0) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return {"start": start, "end": start + len(text), "text": text}


def gold() -> dict:
    ok = {"status": "reconciled"}
    evil = 'A note with <script>window.pwned = 3</script> & "quotes" & \'apostrophes\' </td></tr></table>'
    return {
        "schema_version": "2.0",
        "doc_id": DOC_ID,
        "seed": {"path": f"seeds/{DOC_ID}.txt", "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
                 "length": len(TEXT)},
        "document": {
            "language": "en",
            "dct": {"value": "2023-03-03", "basis": "stated", "evidence": [span("Friday, 3 March 2023")],
                    "note": "DCT <script>window.pwned = 4</script> & note"},
            "title": '<script>window.pwned = 5</script> Mayor & "council" <i>disagree</i>',
            "outlet": "The <b>Test</b> & Gazette",
            "url": "javascript:window.pwned = 6",
            "licence": "CC0-1.0",
            "attribution": 'Test authors <script>window.pwned = 7</script> & "friends"',
            "source": None,
            "rights": "Synthetic text written for the test suite <script>window.pwned = 8</script>; MIT like the code.",
        },
        "status": "reconciled",
        "entities": [
            {"id": "e1", "name": "Ana <i>Ruiz</i> & \"co\"", "type": "person",
             "description": "Mayor <script>window.pwned = 9</script>", "wikidata": None,
             "mentions": [span("Mayor Ana Ruiz"), span("Ruiz", 1), span("she")], **ok, "note": evil},
            {"id": "e2", "name": "Harbour Council", "type": "organization", "description": None, "wikidata": None,
             "mentions": [span("The Harbour Council")], **ok, "note": None},
            {"id": "e3", "name": IMG, "type": "other", "description": None, "wikidata": None,
             "mentions": [span(IMG)], **ok, "note": None},
            {"id": "e4", "name": 'the "<b>" tag', "type": "other", "description": None, "wikidata": None,
             "mentions": [span('the "<b>" tag')], **ok, "note": "Crosses the end of q1's content."},
        ],
        "quotes": [
            {"id": "q1", "type": "mixed", "content": [span(f'the "{SCRIPT}" tag & the "<b>"')], "cue": span("said"),
             "speaker": "e1", "speaker_mention": span("Mayor Ana Ruiz"), "parent": None, "addressee": None,
             "medium": "speech", "date": "t1", **ok, "note": evil},
            {"id": "q2", "type": "indirect", "content": [span(f"Ruiz told {IMG} it would reopen the bridge")],
             "cue": span("reported"), "speaker": "e2", "speaker_mention": span("The Harbour Council"), "parent": None,
             "addressee": None, "medium": "writing", "date": None, **ok, "note": None},
            {"id": "q3", "type": "indirect", "content": [span("it would reopen the bridge")], "cue": span("told"),
             "speaker": "e1", "speaker_mention": span("Ruiz", 1), "parent": "q2", "addressee": "e3",
             "medium": "unknown", "date": None, **ok, "note": None},
            {"id": "q4", "type": "direct", "content": [span("“Nobody expected this & more,”")], "cue": span("said", 1),
             "speaker": "e1", "speaker_mention": span("she"), "parent": None, "addressee": None,
             "medium": "speech", "date": None, **ok, "note": None},
        ],
        "timexes": [
            {"id": "t1", "span": span("Friday, 3 March 2023"), "type": "DATE", "value": "2023-03-03", "anchor": None,
             "temporal_function": False, "mod": None, **ok, "note": evil},
        ],
        "stances": [
            {"id": "s1", "holder": "e1", "target": None, "target_topic": 'the "<b>" tag & <script>', "polarity": "favor",
             "evidence": ["q1"], **ok, "note": evil},
        ],
        "provenance": {"method": "Written by hand for the tests <script>window.pwned = 10</script>.", "passes": [],
                       "tools": []},
    }


def passes() -> tuple[dict, dict]:
    """Pass A: q4 missing, t1's value another day. Pass B: q1 shorter, q3 spoken by the council."""
    a, b = copy.deepcopy(gold()), copy.deepcopy(gold())
    for doc in (a, b):
        doc["status"] = "draft"
        for layer in ("entities", "quotes", "timexes", "stances"):
            for record in doc[layer]:
                record["status"] = "draft"
    a["quotes"] = [q for q in a["quotes"] if q["id"] != "q4"]
    a["timexes"][0]["value"] = "2023-03-04"
    b["quotes"][0]["content"] = [span(f'the "{SCRIPT}" tag')]
    b["quotes"][2]["speaker"], b["quotes"][2]["speaker_mention"] = "e2", None
    return a, b


def write_project(folder: Path) -> Path:
    """The project under `folder`; returns `folder`."""
    (folder / "seeds").mkdir(parents=True)
    (folder / "corpus" / "splits").mkdir(parents=True)
    (folder / "corpus" / "passes" / DOC_ID).mkdir(parents=True)
    (folder / "seeds" / f"{DOC_ID}.txt").write_bytes(TEXT.encode("utf-8"))
    (folder / "corpus" / "splits" / "test.txt").write_text(f"{DOC_ID}\n", encoding="utf-8")

    def dump(doc: dict, path: Path) -> None:
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    dump(gold(), folder / "corpus" / f"{DOC_ID}.json")
    a, b = passes()
    dump(a, folder / "corpus" / "passes" / DOC_ID / "A.json")
    dump(b, folder / "corpus" / "passes" / DOC_ID / "B.json")
    return folder
