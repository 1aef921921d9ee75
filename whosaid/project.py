"""Where things live in a WhoSaid project tree, and how to read them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = PACKAGE_ROOT / "schema" / "annotation.schema.json"
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
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def corpus_files(root: Path) -> list[Path]:
    """Every corpus file under `root/corpus`, passes included, in a stable order."""
    return sorted((root / "corpus").rglob("*.json"))


def gold_files(root: Path) -> list[Path]:
    """The adjudicated files: `corpus/<doc_id>.json`, one per seed."""
    return sorted(p for p in (root / "corpus").glob("*.json") if p.is_file())


def load_json(path: Path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def relative(path: Path, root: Path | None = None) -> str:
    """A path as shown to people: relative to `root` (or the cwd) when inside it."""
    path = Path(path)
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


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
