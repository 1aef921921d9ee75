"""`whosaid add`: bring new texts into the project as seeds with skeleton corpus files.

Each text is checked (hash, encoding, metadata), copied byte for byte into
`seeds/<doc_id>.txt`, and given a skeleton `corpus/<doc_id>.json`: the seed's
hash and length, the document metadata with its licence and source, the DCT
from the publication date, file status `draft` and no records. It goes into
no split: a document is listed only once it is adjudicated.

The doc_id is `<file stem>_<first 16 hex digits of the text's sha256>`
(`001.txt` with sha256 0769cfbd… becomes `001_0769cfbd568efa91`): the same
text always gets the same id, and two texts never share one.

Every entry is checked before anything is written; if any entry is bad,
nothing is written at all. A text already added under the same id is
skipped, so running `add` twice adds nothing.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from whosaid.contract.project import gold_path, is_file, sha256_file
from whosaid.contract.schema import load_schema
from whosaid.contract.validate import check_document

SCHEMA_VERSION = load_schema()["properties"]["schema_version"]["const"]
LICENCES = tuple(v for v in load_schema()["properties"]["document"]["properties"]["licence"]["enum"] if v)
REQUIRED = ("file", "sha256", "title", "date", "url", "outlet", "licence", "attribution")
DCT_NOTE = ("Publication date of the article as given in the metadata of the dataset the text was taken "
            "from; the text itself does not state it. Underspecified expressions are resolved against it.")


@dataclass(frozen=True)
class AddError:
    entry: str
    field: str
    expected: str
    found: str
    fix: str

    def as_text(self) -> str:
        return f"{self.entry}: {self.field}: expected {self.expected}, found {self.found}; {self.fix}"


@dataclass(frozen=True)
class Planned:
    """A text that passed every check: where it goes and what its skeleton says."""
    doc_id: str
    source: Path
    doc: dict


@dataclass(frozen=True)
class Plan:
    added: tuple[Planned, ...]
    skipped: tuple[str, ...]
    errors: tuple[AddError, ...]


def doc_id_for(file_name: str, sha256: str) -> str:
    return f"{Path(file_name).stem}_{sha256[:16]}"


def read_manifest(path: Path) -> list[dict]:
    """The entries of a manifest: a JSON list of objects (raises ValueError with a reason)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: cannot read it ({error})") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise ValueError(f"{path}: expected a JSON list of objects, one per text")
    return data


def _seed_hashes(root: Path) -> dict[str, str]:
    """{sha256: doc_id} of every seed already in the project."""
    return {sha256_file(p): p.stem for p in sorted((root / "seeds").glob("*.txt")) if is_file(p)}


def _entry_errors(entry: dict, name: str, text_path: Path) -> list[AddError]:
    errors = []

    def bad(field, expected, found, fix):
        errors.append(AddError(name, field, expected, found, fix))

    for field in REQUIRED:
        value = entry.get(field)
        if not isinstance(value, str) or not value.strip():
            bad(field, "a non-empty string", repr(value) if field in entry else "no such field",
                f"give the entry its {field!r}")
    if errors:
        return errors
    if entry["licence"] not in LICENCES:
        bad("licence", f"an SPDX id the schema knows ({', '.join(LICENCES)})", repr(entry["licence"]),
            "use the SPDX id of the text's licence, or add it to the schema's licence list after checking it")
    try:
        _dt.date.fromisoformat(entry["date"])
        if len(entry["date"]) != 10:
            raise ValueError
    except ValueError:
        bad("date", "a publication date YYYY-MM-DD", repr(entry["date"]), "write the date as YYYY-MM-DD")
    source = entry.get("source")
    if source is not None and (not isinstance(source, dict)
                               or not all(isinstance(source.get(k), (str, type(None))) for k in ("repo", "path", "commit", "record"))):
        bad("source", "an object with repo, path, commit and record (strings or null)", repr(source)[:80],
            "describe where the text was taken from, or leave source out")
    if not is_file(text_path):
        bad("file", "a readable text file", f"nothing at {text_path}", "put the text next to the manifest or correct 'file'")
        return errors
    data = text_path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry["sha256"]:
        bad("sha256", entry["sha256"], digest, "the text is not the one the manifest describes: restore it, "
            "or correct the manifest after checking the text")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad("file", "UTF-8 text", f"an undecodable byte at offset {error.start}", "re-save the text as UTF-8")
    return errors


def skeleton(entry: dict, doc_id: str, text: str) -> dict:
    """The skeleton corpus file of a text: metadata, DCT, status draft, no records."""
    source = entry.get("source")
    repo = source.get("repo") if source else None
    return {
        "schema_version": SCHEMA_VERSION,
        "doc_id": doc_id,
        "seed": {"path": f"seeds/{doc_id}.txt", "sha256": entry["sha256"], "length": len(text)},
        "document": {
            "language": entry.get("language", "en"),
            "dct": {"value": entry["date"], "basis": "stated", "evidence": [], "note": DCT_NOTE},
            "title": entry["title"],
            "outlet": entry["outlet"],
            "url": entry["url"],
            "licence": entry["licence"],
            "attribution": entry["attribution"],
            "source": None if source is None else {
                "dataset": entry.get("dataset") or repo or entry["outlet"],
                "repository": repo,
                "path": source.get("path"),
                "commit": source.get("commit"),
                "record": source.get("record"),
                "cleaning": entry.get("cleaning") or None,
            },
            "rights": (f"{entry['outlet']} article “{entry['title']}”, {entry['url']}, licensed "
                       f"{entry['licence']}; attribution: {entry['attribution']}."
                       + (f" Licence evidence: {entry['licence_evidence']}" if entry.get("licence_evidence") else "")),
        },
        "status": "draft",
        "entities": [],
        "quotes": [],
        "timexes": [],
        "stances": [],
        "provenance": {
            "method": "Skeleton written by `whosaid add` from the manifest: metadata only, no records yet.",
            "passes": [],
            "tools": ["whosaid add"],
        },
    }


def plan(root: Path, entries: list[dict], base: Path, only: set[str] | None = None) -> Plan:
    """Check every entry and decide what to add; writes nothing."""
    known = _seed_hashes(root)
    added, skipped, errors = [], [], []
    seen: dict[str, str] = {}
    for index, entry in enumerate(entries):
        file_name = entry.get("file")
        name = f"entry {index} ({file_name})" if isinstance(file_name, str) else f"entry {index}"
        if only is not None and file_name not in only:
            continue
        if not isinstance(file_name, str) or not file_name or Path(file_name).name != file_name:
            errors.append(AddError(name, "file", "a file name next to the manifest", repr(file_name),
                                   "name the text file, without folders"))
            continue
        text_path = base / file_name
        found = _entry_errors(entry, name, text_path)
        if found:
            errors += found
            continue
        sha = entry["sha256"]
        doc_id = doc_id_for(file_name, sha)
        if sha in seen:
            errors.append(AddError(name, "sha256", "a text not listed twice", f"the same text as {seen[sha]}",
                                   "list each text once"))
            continue
        seen[sha] = name
        if sha in known:
            if known[sha] == doc_id and is_file(gold_path(root, doc_id)):
                skipped.append(doc_id)
            else:
                errors.append(AddError(name, "sha256", "a text not yet in seeds/",
                                       f"the same text already in seeds/{known[sha]}.txt",
                                       "it is already in the corpus: leave it out of the manifest"))
            continue
        text = text_path.read_bytes().decode("utf-8")
        doc = skeleton(entry, doc_id, text)
        added.append(Planned(doc_id, text_path, doc))
    if only:
        missing = only - {e.get("file") for e in entries}
        errors += [AddError(f"file {m}", "file", "an entry of the manifest", "none", "check the name")
                   for m in sorted(missing)]
    return Plan(tuple(added), tuple(skipped), tuple(errors))


def _write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def apply(root: Path, planned: Plan) -> list[str]:
    """Write the seeds and skeletons of a plan with no errors; on any failure,
    remove what this call wrote and re-raise."""
    assert not planned.errors
    written: list[Path] = []
    try:
        for item in planned.added:
            seed = root / "seeds" / f"{item.doc_id}.txt"
            corpus = gold_path(root, item.doc_id)
            _write_atomic(seed, item.source.read_bytes())
            written.append(seed)
            checked = check_document(item.doc, corpus, root)
            if not checked.ok:
                raise RuntimeError(f"the skeleton of {item.doc_id} does not validate: "
                                   + "; ".join(p.as_text() for p in checked.problems))
            _write_atomic(corpus, (json.dumps(item.doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
            written.append(corpus)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return [item.doc_id for item in planned.added]
