"""The frame every page of the site shares, and the few HTML helpers the pages use.

Every value from the corpus goes through `esc` (or `markup.render`), so a
text or note holding `<script>`, `&` or quotation marks shows as text.
"""

from __future__ import annotations

import json
from html import escape

from whosaid.version import __version__


def esc(value) -> str:
    """A value as HTML text; None as a dash."""
    return "—" if value is None else escape(str(value), quote=True)


def external(url: str | None, text: str) -> str:
    """A link to `url` when it is an http(s) address; else the text alone (no javascript: or data: links)."""
    if isinstance(url, str) and url.lower().startswith(("https://", "http://")):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(text)}</a>'
    return esc(text)


def json_script(element_id: str, data) -> str:
    """Data for the page's script, inside a <script type="application/json"> that no text can close."""
    body = json.dumps(data, ensure_ascii=False, sort_keys=True)
    body = body.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/json" id="{esc(element_id)}">{body}</script>'


def note(text: str | None) -> str:
    if not text:
        return ""
    return f'<details class="note"><summary>note</summary><p>{esc(text)}</p></details>'


def page(title: str, body: str, *, depth: int, kind: str, scripts: bool = True) -> str:
    """A whole HTML page. `depth` is how many folders below the site root it lives."""
    up = "../" * depth
    script = f'<script src="{up}assets/site.js"></script>\n' if scripts else ""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        '<link rel="icon" href="data:,">\n'
        f'<link rel="stylesheet" href="{up}assets/site.css">\n'
        "</head>\n"
        f'<body class="page-{esc(kind)}">\n'
        f'<header class="top"><a href="{up}index.html">WhoSaid</a> <span class="muted">· pages written by '
        f"whosaid {esc(__version__)} from the corpus files</span></header>\n"
        f"<main>\n{body}\n</main>\n"
        f"{script}</body>\n</html>\n"
    )


def table(head: list[str], rows: list[str], *, cls: str = "", caption: str = "") -> str:
    """A table; `head` cells are escaped here, `rows` are finished <tr> elements."""
    cap = f"<caption>{caption}</caption>" if caption else ""
    return (f'<table class="{esc(cls)}">{cap}<thead><tr>' + "".join(f"<th>{esc(h)}</th>" for h in head)
            + "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>")
