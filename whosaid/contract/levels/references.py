"""Level 5, `references`: ids are unique, references resolve to records of the right kind,
no quote nests in itself, source mentions are their speaker's, no span is a mention twice."""

from __future__ import annotations

from whosaid.contract.checks import Problem, problem
from whosaid.contract.levels.text import short, with_article

LAYERS = (("entities", "entity"), ("quotes", "quote"), ("timexes", "timex"), ("stances", "stance"))

RECORD_REFS = {
    "quotes": (("speaker", "entity"), ("addressee", "entity"), ("parent", "quote"), ("date", "timex")),
    "stances": (("holder", "entity"), ("target", "entity")),
}

def _id_kinds(doc: dict, shown: str) -> tuple[dict[str, str], list[Problem]]:
    kinds: dict[str, str] = {}
    found = []
    for layer, kind in LAYERS:
        for i, record in enumerate(doc[layer]):
            rid = record["id"]
            if rid in kinds:
                found.append(problem("id-duplicate", shown, f"/{layer}/{i}/id",
                                     f"expected a new id, found {rid!r} already used by a {kinds[rid]}"))
            else:
                kinds[rid] = kind
    return kinds, found

def _reference(kinds, shown, pointer, value, expected, extra=()) -> list[Problem]:
    if value is None or value in extra:
        return []
    if value not in kinds:
        return [problem("ref-unresolved", shown, pointer,
                        f"expected the id of {with_article(expected)}, found {value!r}, which no record has")]
    if kinds[value] != expected:
        return [problem("ref-wrong-kind", shown, pointer,
                        f"expected the id of {with_article(expected)}, found {value!r}, the id of {with_article(kinds[value])}")]
    return []

def check_references(doc: dict, shown: str) -> list[Problem]:
    kinds, found = _id_kinds(doc, shown)
    for layer, refs in RECORD_REFS.items():
        for i, record in enumerate(doc[layer]):
            for key, expected in refs:
                found += _reference(kinds, shown, f"/{layer}/{i}/{key}", record[key], expected)
    for i, stance in enumerate(doc["stances"]):
        for j, quote_id in enumerate(stance["evidence"]):
            found += _reference(kinds, shown, f"/stances/{i}/evidence/{j}", quote_id, "quote")
    for i, item in enumerate(doc["timexes"]):
        found += _reference(kinds, shown, f"/timexes/{i}/anchor", item["anchor"], "timex", extra=("dct",))
    found += _parent_cycles(doc, shown)
    found += _speaker_mentions(doc, kinds, shown)
    found += _duplicate_mentions(doc, shown)
    return found

def _parent_cycles(doc: dict, shown: str) -> list[Problem]:
    parent = {q["id"]: q["parent"] for q in doc["quotes"]}
    index = {q["id"]: i for i, q in enumerate(doc["quotes"])}
    reported: set[str] = set()
    found = []
    for quote in doc["quotes"]:
        path, current = [], quote["id"]
        while current in parent and current not in path:
            path.append(current)
            current = parent[current]
        if current in path:
            cycle = path[path.index(current):]
            if not reported.intersection(cycle):
                reported.update(cycle)
                first = min(cycle, key=index.get)
                found.append(problem("parent-cycle", shown, f"/quotes/{index[first]}/parent",
                                     f"expected a chain ending in null, found the cycle {' -> '.join(cycle + [cycle[0]])}"))
    return found

def _speaker_mentions(doc: dict, kinds: dict[str, str], shown: str) -> list[Problem]:
    mentions = {}
    for entity in doc["entities"]:
        mentions.setdefault(entity["id"], {(m["start"], m["end"]) for m in entity["mentions"]})
    found = []
    for i, quote in enumerate(doc["quotes"]):
        span, speaker = quote["speaker_mention"], quote["speaker"]
        if span is None:
            continue
        where = f"/quotes/{i}/speaker_mention"
        if speaker is None:
            found.append(problem("speaker-mention-mismatch", shown, where,
                                 f"expected no speaker_mention when speaker is null, found {short(span['text'])}"))
        elif kinds.get(speaker) == "entity" and (span["start"], span["end"]) not in mentions[speaker]:
            found.append(problem("speaker-mention-mismatch", shown, where,
                                 f"expected one of {speaker!r}'s mentions, found {short(span['text'])} "
                                 f"at [{span['start']},{span['end']})"))
    return found

def _duplicate_mentions(doc: dict, shown: str) -> list[Problem]:
    seen: dict[tuple[int, int], tuple[int, int]] = {}
    found = []
    for i, entity in enumerate(doc["entities"]):
        for j, mention in enumerate(entity["mentions"]):
            key = (mention["start"], mention["end"])
            if key in seen:
                found.append(problem("mention-duplicate", shown, f"/entities/{i}/mentions/{j}",
                                     f"expected a span not yet a mention, found [{key[0]},{key[1]}) "
                                     f"already at /entities/{seen[key][0]}/mentions/{seen[key][1]}"))
            else:
                seen[key] = (i, j)
    return found
