"""Level 4, `spans`: every span lies in the text, is not empty, re-slices to its text,
has no edge whitespace, and fragments are in order."""

from __future__ import annotations

from whosaid.contract.checks import Problem, problem
from whosaid.contract.levels.text import short
from whosaid.contract.spans import is_fragment_list, iter_spans, span_groups


def _first_difference(expected: str, found: str) -> str:
    """Where two strings first differ, for a message: '' when they are equal."""
    at = next((i for i, (a, b) in enumerate(zip(expected, found, strict=False)) if a != b), min(len(expected), len(found)))
    if at == len(expected) == len(found):
        return ""
    left = f"{expected[at]!r} (U+{ord(expected[at]):04X})" if at < len(expected) else "the end"
    right = f"{found[at]!r} (U+{ord(found[at]):04X})" if at < len(found) else "the end"
    return f"; they first differ at character {at}: the text has {left}, the span {right}"

def check_spans(doc: dict, text: str, shown: str) -> list[Problem]:
    found = []
    size = len(text)
    for pointer, span in iter_spans(doc):
        start, end, claimed = span["start"], span["end"], span["text"]
        if start < end <= size and text[start:end] == claimed and claimed[:1].strip() and claimed[-1:].strip():
            continue  # the common case, decided without formatting anything
        where = f"[{start},{end})"
        if end > size or start > size:
            found.append(problem("span-out-of-bounds", shown, pointer,
                                 f"expected offsets within [0,{size}], found {where}"))
        elif end <= start:
            found.append(problem("span-empty", shown, pointer, f"expected end > start, found {where}"))
        elif text[start:end] != claimed:
            found.append(problem("span-text-mismatch", shown, pointer,
                                 f"expected {short(text[start:end])}, found {short(claimed)} at {where}"
                                 f"{_first_difference(text[start:end], claimed)}"))
        else:
            found.append(problem("span-whitespace", shown, pointer,
                                 f"expected no whitespace at the edges, found {short(claimed)} at {where}"))
    for pointer, spans in span_groups(doc):
        if not is_fragment_list(pointer):
            continue
        for j in range(1, len(spans)):
            before, after = spans[j - 1], spans[j]
            if after["start"] < before["end"]:
                found.append(problem("span-fragment-order", shown, f"{pointer}/{j}",
                                     f"expected a fragment starting at or after {before['end']}, "
                                     f"found [{after['start']},{after['end']})"))
    return found
