"""Level 3, `seed`: the seed file exists, is UTF-8, and matches the hash, length and doc_id the file states."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from whosaid.contract.checks import Problem, problem
from whosaid.contract.project import relative


def check_seed(doc: dict, path: Path, root: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The seed text (None when unreadable) and the seed-level problems."""
    found = []
    seed = doc["seed"]
    seed_path = root / seed["path"]
    stem = Path(seed["path"]).stem
    if doc["doc_id"] != stem:
        found.append(problem("doc-id-mismatch", shown, "/doc_id",
                             f"expected the seed's stem {stem!r}, found {doc['doc_id']!r}"))
    elif os.path.abspath(path.parent) == os.path.abspath(root / "corpus") and path.stem != doc["doc_id"]:
        found.append(problem("doc-id-mismatch", shown, "/doc_id",
                             f"expected the file name {doc['doc_id']}.json, found {path.name}"))
    try:
        data = seed_path.read_bytes() if seed_path.is_file() else None
        what = "a folder" if data is None and seed_path.is_dir() else \
            "nothing" if data is None and not seed_path.exists() else "something that is not a regular file"
    except (OSError, RuntimeError, ValueError) as error:  # name too long, symlink loop, no permission
        data, what = None, f"a path the system refuses ({getattr(error, 'strerror', None) or error})"
    if data is None:
        found.append(problem("seed-missing", shown, "/seed/path",
                             f"expected a seed file at {relative(seed_path, root)}, found {what}"))
        return None, found
    digest = hashlib.sha256(data).hexdigest()
    if digest != seed["sha256"]:
        found.append(problem("seed-hash-mismatch", shown, "/seed/sha256",
                             f"expected {seed['sha256'][:12]}…, found {digest[:12]}… for {seed['path']}"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        found.append(problem("seed-not-utf8", shown, "/seed/path",
                             f"expected UTF-8 in {seed['path']}, found an invalid byte at byte {error.start}"))
        return None, found
    if len(text) != seed["length"]:
        found.append(problem("seed-length-mismatch", shown, "/seed/length",
                             f"expected {len(text)} code points, found {seed['length']}"))
    return text, found
