"""A text with marked spans as HTML: every span an element, every character escaped.

Spans nest (a quote inside a quote, a mention inside a quote); when two cross,
the one that opened first is closed and reopened around the boundary, so the
HTML stays well formed and a span may come out as several pieces. Every piece
carries the span's attributes; only the first carries `first_attrs` (an
anchor id, a label), and later pieces get the class `cont`.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    classes: str
    attrs: tuple[tuple[str, str], ...] = ()
    first_attrs: tuple[tuple[str, str], ...] = ()
    rank: int = 0  # among marks of the same extent, the lower rank is outside


def attributes(pairs) -> str:
    """` name="value"` for each pair, values escaped (quotes included)."""
    return "".join(f' {name}="{escape(str(value), quote=True)}"' for name, value in pairs)


def _open(mark: Mark, first: bool) -> str:
    classes = mark.classes if first else f"{mark.classes} cont"
    extra = mark.first_attrs if first else ()
    return f"<span{attributes((('class', classes), *mark.attrs, *extra))}>"


def render(text: str, marks: list[Mark]) -> str:
    """`text` escaped, with each mark as one or more <span> elements."""
    ordered = sorted(marks, key=lambda m: (m.start, -m.end, m.rank))
    points = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[Mark]] = {}
    for mark in ordered:
        starting.setdefault(mark.start, []).append(mark)
    out: list[str] = []
    stack: list[Mark] = []
    for i, point in enumerate(points):
        ending = [k for k, mark in enumerate(stack) if mark.end == point]
        if ending:
            lowest = ending[0]
            closed = stack[lowest:]
            out.append("</span>" * len(closed))
            del stack[lowest:]
            for mark in closed:  # marks that cross the boundary go on in a new piece
                if mark.end > point:
                    out.append(_open(mark, first=False))
                    stack.append(mark)
        for mark in starting.get(point, ()):
            out.append(_open(mark, first=True))
            stack.append(mark)
        if i + 1 < len(points):
            out.append(escape(text[point:points[i + 1]], quote=True))
    out.append("</span>" * len(stack))
    return "".join(out)
