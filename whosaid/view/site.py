"""`whosaid site`: a static, self-contained HTML view of the corpus.

    index.html                  every published document, its counts and agreement
    doc/<doc_id>.html           the text with every layer marked; review controls
    agree/<doc_id>.html         pass A, pass B and gold compared
    assets/site.css, site.js    the only other files; nothing is fetched from anywhere

The corpus is validated first (release mode, as `whosaid build` does) and
nothing is written unless it is valid. The pages are written to a new folder
and swapped in whole; an existing output folder is replaced only when
`whosaid site` made it (it holds `.whosaid-site`).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from whosaid.contract.corpus import Document, load_corpus
from whosaid.contract.project import corpus_files, gold_path, is_file, load_json, read_seed_text
from whosaid.contract.validate import Report, validate
from whosaid.publish.build import _swap_folder
from whosaid.score.evaluate import evaluate
from whosaid.version import __version__
from whosaid.view.agreement import Passes, agreement_page
from whosaid.view.document import document_page
from whosaid.view.index import Entry, index_page

MARKER = ".whosaid-site"
ASSETS = ("site.css", "site.js")


class SiteError(Exception):
    """The output folder cannot be used."""


@dataclass(frozen=True)
class SiteResult:
    report: Report
    pages: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.report.ok


def passes_of(root: Path, doc_id: str) -> tuple[dict, dict] | None:
    folder = root / "corpus" / "passes" / doc_id
    if is_file(folder / "A.json") and is_file(folder / "B.json"):
        return load_json(folder / "A.json"), load_json(folder / "B.json")
    return None


def pending(root: Path, published: set[str]) -> list[Document]:
    """Documents with both passes and no published gold, in doc_id order (the gold file is a
    draft skeleton, or absent: then pass A gives the metadata)."""
    found = []
    folder = root / "corpus" / "passes"
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        both = passes_of(root, path.name)
        if path.name in published or both is None:
            continue
        gold = gold_path(root, path.name)
        doc = load_json(gold) if is_file(gold) else both[0]
        found.append(Document("", doc, read_seed_text(root / doc["seed"]["path"])))
    return found


def pages(root: Path) -> dict[str, str]:
    """{path under the site folder: HTML} of every page. Call on a valid corpus."""
    written: dict[str, str] = {}
    published, waiting = [], []
    documents = load_corpus(root)
    for group, items in ((published, documents), (waiting, pending(root, {d.doc_id for d in documents}))):
        for document in items:
            doc_id, both = document.doc_id, passes_of(root, document.doc_id)
            is_published = group is published
            href = f"doc/{doc_id}.html" if is_published else None
            agree = f"agree/{doc_id}.html" if both else None
            result = None
            if both:
                result = evaluate([(both[0], both[1], document.text)])
                gold = document.doc if is_published else None
                written[agree] = agreement_page(doc_id, document.doc["document"]["title"],
                                                Passes.of(gold, *both, document.text), result,
                                                f"../{href}" if href else None)
            if is_published:
                written[href] = document_page(document, f"../{agree}" if agree else None)
            group.append(Entry(document, href or agree, agree, result))
    written["index.html"] = index_page(published, waiting)
    return written


def _check_out(out: Path) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise SiteError(f"--out {out}: expected a folder, found a file; choose another --out")
    if any(out.iterdir()) and not (out / MARKER).is_file():
        raise SiteError(f"--out {out}: expected a new folder or one `whosaid site` wrote (holding {MARKER}), found "
                        "a folder with other files; choose another --out (nothing there was changed)")


def write_site(root: Path, out: Path) -> SiteResult:
    """Validate the corpus (release mode); when valid, write the site into `out`, replacing it whole."""
    out = Path(out)
    _check_out(out)
    report = validate(corpus_files(root), root, release=True)
    if not report.ok:
        return SiteResult(report)
    written = pages(root)
    out.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new."))
    try:
        staged.chmod(0o755)
        for name, html in written.items():
            (staged / name).parent.mkdir(parents=True, exist_ok=True)
            (staged / name).write_text(html, encoding="utf-8")
        for name in ASSETS:
            data = resources.files("whosaid.view").joinpath("assets", name).read_bytes()
            (staged / "assets").mkdir(exist_ok=True)
            (staged / "assets" / name).write_bytes(data)
        (staged / MARKER).write_text(f"written by whosaid {__version__} (`whosaid site`); the folder is replaced "
                                     "whole each time\n", encoding="utf-8")
        _swap_folder(staged, out)
    finally:
        if staged.exists():
            shutil.rmtree(staged)
    return SiteResult(report, tuple(sorted(written)) + tuple(f"assets/{a}" for a in ASSETS))
