"""Turn an annotation draft that names spans by their text into a corpus file with offsets.

    python scripts/resolve_spans.py DRAFT.json OUT.json

Annotators write spans as exact substrings of the seed text instead of
counting code points. Anywhere a span belongs in the corpus file, the draft
may hold:

    {"find": "said"}                          the only occurrence of "said"
    {"find": "said", "occurrence": 3}         the 3rd occurrence (1-based)
    {"find": "he", "in": "he told reporters"} "he" inside the only occurrence of the context
    {"find": "he", "in": "he told", "occurrence": 2}   ... inside the 2nd occurrence of the context
    {"start": 10, "end": 14, "text": "said"}  a span already resolved (checked as is)

Each becomes {"start", "end", "text"} with code-point offsets into the seed
named in the draft's /seed/path. A substring that occurs more than once
without `occurrence` is an error that lists every candidate with its
surroundings, so the draft is never resolved to the wrong place silently.
All problems are reported together; OUT is written only when there are none.
Then run `python -m whosaid validate OUT.json`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _occurrences(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def _show(text: str, start: int, end: int) -> str:
    left = text[max(0, start - 30):start].replace("\n", " ")
    right = text[end:end + 30].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def resolve(node, text: str, where: str, errors: list[str]):
    if isinstance(node, list):
        return [resolve(item, text, f"{where}/{i}", errors) for i, item in enumerate(node)]
    if not isinstance(node, dict):
        return node
    if "find" in node:
        return _resolve_find(node, text, where, errors)
    if set(node) == {"start", "end", "text"}:
        if text[node["start"]:node["end"]] != node["text"]:
            errors.append(f"{where}: offsets {node['start']}-{node['end']} give "
                          f"{text[node['start']:node['end']]!r}, not {node['text']!r}")
        return node
    return {key: resolve(value, text, f"{where}/{key}", errors) for key, value in node.items()}


def _resolve_find(node: dict, text: str, where: str, errors: list[str]):
    unknown = set(node) - {"find", "in", "occurrence"}
    needle, context, occurrence = node.get("find"), node.get("in", node.get("find")), node.get("occurrence")
    if unknown or not isinstance(needle, str) or not needle or not isinstance(context, str):
        errors.append(f"{where}: expected {{find, in?, occurrence?}} with strings, found {json.dumps(node)}")
        return node
    if needle != needle.strip():
        errors.append(f"{where}: {needle!r} starts or ends with whitespace; spans never do (G1.2)")
    places = _occurrences(text, context)
    if not places:
        errors.append(f"{where}: {context!r} is not in the text (copy it exactly: quotes, dashes, spaces)")
        return node
    if occurrence is None and len(places) > 1:
        listing = "; ".join(f"occurrence {i + 1} at {p}: {_show(text, p, p + len(context))}"
                            for i, p in enumerate(places[:12]))
        errors.append(f"{where}: {context!r} occurs {len(places)} times; add \"occurrence\" "
                      f"(or a longer \"in\" context): {listing}")
        return node
    index = (occurrence or 1) - 1
    if not isinstance(index, int) or not 0 <= index < len(places):
        errors.append(f"{where}: occurrence {occurrence} of {context!r}, but it occurs {len(places)} time(s)")
        return node
    base = places[index]
    inside = context.find(needle)
    if inside == -1:
        errors.append(f"{where}: {needle!r} is not inside its context {context!r}")
        return node
    if context.find(needle, inside + 1) != -1:
        errors.append(f"{where}: {needle!r} occurs more than once inside {context!r}; use a context where it occurs once")
        return node
    start = base + inside
    return {"start": start, "end": start + len(needle), "text": needle}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    draft_path, out_path = Path(argv[0]), Path(argv[1])
    try:
        draft = json.loads(draft_path.read_text(encoding="utf-8"))
        text = (ROOT / draft["seed"]["path"]).read_bytes().decode("utf-8")
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"{draft_path}: cannot read the draft or its seed ({error})", file=sys.stderr)
        return 1
    errors: list[str] = []
    resolved = resolve(draft, text, "", errors)
    for error in errors:
        print(f"{draft_path}:{error}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem(s); {out_path} not written", file=sys.stderr)
        return 1
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(resolved, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out_path}; now run: python -m whosaid validate {out_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
