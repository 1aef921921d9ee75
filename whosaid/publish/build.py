"""`whosaid build`: validate, then write data/, croissant.json and the generated docs.

Everything is written to a temporary folder first and swapped in only when
every step succeeded, so a failing build leaves the published files as they
were. The output depends only on the inputs and the tool versions recorded in
data/MANIFEST.json: never on the clock, the machine or the order of a listing.
"""

from __future__ import annotations

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
from datasets import ClassLabel

from whosaid.contract.checks import has_error
from whosaid.contract.corpus import Document
from whosaid.contract.project import SCHEMA_PATH, corpus_files, gold_path, is_file, read_splits, sha256_file
from whosaid.contract.validate import Report, check_splits, is_doc_id, listed_ids, validate_file
from whosaid.publish.about import NAME
from whosaid.publish.datafiles import data_file_name
from whosaid.publish.features import CONFIGS, features
from whosaid.publish.rows import to_rows
from whosaid.publish.stats import Tally
from whosaid.version import __version__

ROW_GROUP_SIZE = 10_000  # rows a row group; also the most rows of one config held in memory


@dataclass(frozen=True)
class BuildResult:
    report: Report
    written: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.report.ok


def _label_ids(config: str) -> dict[str, dict[str, int]]:
    """{column: {label name: id}} for the ClassLabel columns of a config."""
    return {name: {label: i for i, label in enumerate(feature.names)}
            for name, feature in features(config).items() if isinstance(feature, ClassLabel)}


def _encoded_table(config: str, split: str, rows: list[dict]) -> pa.Table:
    """Rows as an Arrow table of the config's features. Only ClassLabel columns
    need encoding (names to ids); the rest already have their Arrow types, and
    pyarrow checks them against the schema. (Features.encode_example does the
    same generically at 20x the cost.)"""
    feats = features(config)
    schema = feats.arrow_schema.with_metadata({
        **feats.arrow_schema.metadata,
        b"whosaid": json.dumps({"version": __version__, "config": config, "split": split},
                               sort_keys=True).encode(),
    })
    labels = _label_ids(config)
    encoded = [{**row, **{name: ids[row[name]] for name, ids in labels.items()}} for row in rows]
    return pa.Table.from_pylist(encoded, schema=schema)


class ParquetSink:
    """Rows of every (config, split) streamed into Parquet files, ROW_GROUP_SIZE rows
    a row group, so memory stays flat however large the corpus is. A file is
    opened with its first row: a split with no rows gets no file."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.buffers: dict[tuple[str, str], list[dict]] = {}
        self.writers: dict[tuple[str, str], pq.ParquetWriter] = {}
        self.rows: dict[tuple[str, str], int] = {}

    def add(self, config: str, split: str, rows: list[dict]) -> None:
        key = (config, split)
        buffer = self.buffers.setdefault(key, [])
        buffer.extend(rows)
        self.rows[key] = self.rows.get(key, 0) + len(rows)
        while len(buffer) >= ROW_GROUP_SIZE:
            self._write(key, buffer[:ROW_GROUP_SIZE])
            del buffer[:ROW_GROUP_SIZE]

    def _write(self, key: tuple[str, str], rows: list[dict]) -> None:
        table = _encoded_table(*key, rows)
        if key not in self.writers:
            path = self.folder / key[0] / f"{key[1]}.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            self.writers[key] = pq.ParquetWriter(path, table.schema, compression="zstd")
        self.writers[key].write_table(table, row_group_size=ROW_GROUP_SIZE)

    def close(self) -> dict[str, dict]:
        """{path under data/: {rows, sha256, bytes}} of the files written."""
        for key, buffer in self.buffers.items():
            if buffer:
                self._write(key, buffer)
        for writer in self.writers.values():
            writer.close()
        files = {}
        for config, split in sorted(self.writers):
            path = self.folder / config / f"{split}.parquet"
            digest = sha256_file(path)
            named = path.with_name(data_file_name(split, digest))
            os.replace(path, named)
            files[f"{config}/{named.name}"] = {"config": config, "split": split, "rows": self.rows[(config, split)],
                                               "sha256": digest, "bytes": named.stat().st_size}
        return files


def _validate_and_write(root: Path, folder: Path) -> tuple[Report, dict[str, dict], Tally]:
    """Validate every corpus file in release mode and, in the same pass, stream the
    gold documents (in split order) into Parquet under `folder`, counting them.

    Each gold file is read and checked once; its rows are written only while no
    error has been found, and the caller discards `folder` unless the report is ok.
    """
    splits = read_splits(root)
    listed = listed_ids(splits)
    gold = [(split, gold_path(root, doc_id)) for split, rows in splits.items() for _, doc_id in rows
            if is_doc_id(doc_id)]  # other lines are reported by check_splits (split-bad-id)
    gold_paths = {os.path.abspath(path) for _, path in gold}
    others = [path for path in corpus_files(root) if os.path.abspath(path) not in gold_paths]
    problems = [p for path in others for p in validate_file(path, root, release=True, listed=listed).problems]
    problems += check_splits(root, splits)
    failed = has_error(problems)
    sink, tally = ParquetSink(folder), Tally()
    for split, path in gold:
        if not is_file(path):
            continue  # reported by check_splits (split-unknown-doc)
        checked = validate_file(path, root, release=True, listed=listed)
        problems += checked.problems
        failed = failed or not checked.ok
        if failed:
            continue  # keep checking, for the full report; nothing will be published
        document = Document(split, checked.doc, checked.text)
        tally.add(document)
        for config, rows in to_rows(document.doc, document.text).items():
            if rows:
                sink.add(config, split, rows)
    files = sink.close()
    return Report(len(others) + len(gold), tuple(problems)), files, tally


def manifest(root: Path, files: dict[str, dict], tally: Tally) -> dict:
    inputs = {"schema/annotation.schema.json": sha256_file(SCHEMA_PATH)}
    for path in [*sorted((root / "seeds").glob("*.txt")), *sorted((root / "corpus" / "splits").glob("*.txt")),
                 *corpus_files(root)]:
        inputs[path.relative_to(root).as_posix()] = sha256_file(path)
    return {
        "name": NAME,
        "version": __version__,
        "documents": tally.documents,
        "languages": sorted(tally.languages),
        "text_licences": {licence or "unknown": count for licence, count in tally.licences().items()},
        "configs": {config: [entry["split"] for entry in files.values() if entry["config"] == config]
                    for config in CONFIGS},
        "files": {f"data/{path}": entry for path, entry in files.items()},
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
    from whosaid.publish import croissant, docs

    out = Path(out or root)
    out.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(dir=out, prefix=".data.new."))
    staged.chmod(0o755)  # mkdtemp makes it private; data/ is published
    try:
        report, files, tally = _validate_and_write(root, staged)
        if not report.ok:
            return BuildResult(report)
        the_manifest = manifest(root, files, tally)
        texts = {
            "README.md": docs.render_readme(root, tally, the_manifest),
            "DATASHEET.md": docs.render_datasheet(root, tally),
            "croissant.json": croissant.render(root, the_manifest),
        }
        (staged / "MANIFEST.json").write_text(json.dumps(the_manifest, indent=2) + "\n", encoding="utf-8")
        _swap_folder(staged, out / "data")
    finally:
        if staged.exists():
            shutil.rmtree(staged)
    for name, text in texts.items():
        _write_atomically(out / name, text.encode("utf-8"))
    written = tuple(f"data/{p}" for p in files) + ("data/MANIFEST.json", *texts)
    return BuildResult(report, written)
