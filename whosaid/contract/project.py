"""Where things live in a WhoSaid project tree, and how to read them."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

# The schema's home is schema/annotation.schema.json at the project root; the
# package reaches it through whosaid/contract/annotation.schema.json (a symbolic link in
# the source tree, a copy in a built wheel).
SCHEMA_PATH = Path(__file__).resolve().parent / "annotation.schema.json"
SPLIT_ORDER = ("train", "validation", "test")


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` holding both `seeds/` and `corpus/`."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "seeds").is_dir() and (folder / "corpus").is_dir():
            return folder
    return None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_seed_text(path: Path) -> str:
    """The seed text exactly as decoded from UTF-8: no newline translation."""
    return path.read_bytes().decode("utf-8")


def is_file(path: Path) -> bool:
    """Path.is_file that answers False, not an exception, for a name too long,
    a symlink loop or any other path the system refuses."""
    try:
        return path.is_file()
    except (OSError, RuntimeError, ValueError):
        return False


def corpus_files(root: Path) -> list[Path]:
    """Every corpus file under `root/corpus`, passes included, in a stable order
    (a symlink loop counts: reading it is what reports it)."""
    return sorted(p for p in (root / "corpus").rglob("*.json") if is_file(p) or p.is_symlink())


def gold_path(root: Path, doc_id: str) -> Path:
    """Where the gold (adjudicated) file of a document lives: `corpus/<doc_id>.json`."""
    return root / "corpus" / f"{doc_id}.json"


def gold_files(root: Path) -> list[Path]:
    """The gold files of every document in the split lists that has one, in split order."""
    return [path for rows in read_splits(root).values() for _, doc_id in rows
            if is_file(path := gold_path(root, doc_id))]


def load_json(path: Path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def relative(path: Path, root: Path | None = None) -> str:
    """A path as shown to people: relative to `root` (or the cwd) when inside it."""
    absolute = os.path.abspath(path)  # not resolve(): a symlink loop must not raise
    for base in (root, Path.cwd()):
        if base is None:
            continue
        inside = os.path.relpath(absolute, os.path.abspath(base))
        if not inside.startswith(".."):
            return Path(inside).as_posix()
    return Path(path).as_posix()


def read_splits(root: Path) -> dict[str, list[tuple[int, str]]]:
    """`corpus/splits/<split>.txt` as {split: [(line number, doc_id), ...]}.

    One doc_id a line, in the published order; blank lines and lines starting
    with `#` are ignored. Splits come in SPLIT_ORDER, then any others by name.
    """
    folder = root / "corpus" / "splits"
    found: dict[str, list[tuple[int, str]]] = {}
    if not folder.is_dir():
        return found
    files = sorted(p for p in folder.glob("*.txt") if p.is_file())
    rank = {name: i for i, name in enumerate(SPLIT_ORDER)}
    files.sort(key=lambda p: (rank.get(p.stem, len(rank)), p.stem))
    for path in files:
        rows = []
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                doc_id = line.strip()
                if doc_id and not doc_id.startswith("#"):
                    rows.append((number, doc_id))
        found[path.stem] = rows
    return found
