"""`whosaid build`: validate, then write data/, croissant.json and the generated docs.

Everything is written to a temporary folder first and swapped in only when
every step succeeded, so a failing build leaves the published files as they
were. The output depends only on the inputs and the tool versions recorded in
data/MANIFEST.json: never on the clock, the machine or the order of a listing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import datasets
import pyarrow as pa
import pyarrow.parquet as pq

from whosaid.corpus import Document, load_corpus, splits_of
from whosaid.features import CONFIGS, features
from whosaid.project import SCHEMA_PATH, corpus_files, sha256_file
from whosaid.rows import to_rows
from whosaid.validate import Report, validate
from whosaid.version import __version__

ROW_GROUP_SIZE = 100_000


@dataclass(frozen=True)
class BuildResult:
    report: Report
    written: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.report.ok


def collect_rows(documents: list[Document]) -> dict[str, dict[str, list[dict]]]:
    """{config: {split: rows}} with rows in document order, then record order."""
    tables = {config: {split: [] for split in splits_of(documents)} for config in CONFIGS}
    for document in documents:
        for config, rows in to_rows(document.doc, document.text).items():
            tables[config][document.split].extend(rows)
    return tables


def parquet_bytes(config: str, split: str, rows: list[dict]) -> bytes:
    feats = features(config)
    schema = feats.arrow_schema.with_metadata({
        **feats.arrow_schema.metadata,
        b"whosaid": json.dumps({"version": __version__, "config": config, "split": split},
                               sort_keys=True).encode(),
    })
    table = pa.Table.from_pylist([feats.encode_example(row) for row in rows], schema=schema)
    sink = io.BytesIO()
    pq.write_table(table, sink, row_group_size=ROW_GROUP_SIZE, compression="zstd")
    return sink.getvalue()


def data_files(tables) -> dict[str, tuple[bytes, int]]:
    """{relative path under data/: (bytes, rows)}; splits with no rows are not written."""
    files = {}
    for config, by_split in tables.items():
        for split, rows in by_split.items():
            if rows:
                files[f"{config}/{split}.parquet"] = (parquet_bytes(config, split, rows), len(rows))
    return files


def manifest(root: Path, files: dict[str, tuple[bytes, int]]) -> dict:
    inputs = {"schema/annotation.schema.json": sha256_file(SCHEMA_PATH)}
    for path in [*sorted((root / "seeds").glob("*.txt")), *sorted((root / "corpus" / "splits").glob("*.txt")),
                 *corpus_files(root)]:
        inputs[path.relative_to(root).as_posix()] = sha256_file(path)
    return {
        "name": "WhoSaid",
        "version": __version__,
        "configs": {config: sorted(p.split("/")[1][: -len(".parquet")] for p in files if p.startswith(config + "/"))
                    for config in CONFIGS},
        "files": {f"data/{path}": {"rows": rows, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                  for path, (data, rows) in sorted(files.items())},
        "inputs": inputs,
        "tools": {"whosaid": __version__, "pyarrow": pa.__version__, "datasets": datasets.__version__,
                  "python": platform.python_version()},
    }


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as handle:
        handle.write(data)
        temporary = Path(handle.name)
    temporary.chmod(0o644)  # NamedTemporaryFile makes it private; these files are published
    os.replace(temporary, path)


def _swap_folder(staged: Path, target: Path) -> None:
    """Put `staged` where `target` is; the old one goes only after the new one is in place."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(staged, target)
    if old.exists():
        shutil.rmtree(old)


def build(root: Path, out: Path | None = None) -> BuildResult:
    """Validate in release mode; when valid, write `out` (default: `root`)."""
    from whosaid import croissant, docs

    out = Path(out or root)
    report = validate(corpus_files(root), root, release=True)
    if not report.ok:
        return BuildResult(report)
    documents = load_corpus(root)
    tables = collect_rows(documents)
    files = data_files(tables)
    the_manifest = manifest(root, files)
    texts = {
        "README.md": docs.render_readme(root, documents, the_manifest),
        "DATASHEET.md": docs.render_datasheet(root, documents),
        "croissant.json": croissant.render(root, the_manifest),
    }
    out.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(dir=out, prefix=".data.new."))
    staged.chmod(0o755)  # mkdtemp makes it private; data/ is published
    try:
        for path, (data, _) in files.items():
            (staged / path).parent.mkdir(parents=True, exist_ok=True)
            (staged / path).write_bytes(data)
        (staged / "MANIFEST.json").write_text(json.dumps(the_manifest, indent=2, sort_keys=False) + "\n",
                                              encoding="utf-8")
        _swap_folder(staged, out / "data")
    finally:
        if staged.exists():
            shutil.rmtree(staged)
    for name, text in texts.items():
        _write_atomically(out / name, text.encode("utf-8"))
    written = tuple(f"data/{p}" for p in sorted(files)) + ("data/MANIFEST.json", *texts)
    return BuildResult(report, written)
