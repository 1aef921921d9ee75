"""Benchmark: validate and build on synthetic corpora, against the pyarrow floor.

    python scripts/bench_build.py [--sizes 1000 10000 100000] [--workdir DIR]

For each size N it writes a project of N documents shaped like the seed (the
gold annotation of seed 000 on a copy of its text, with a line appended so
every document has its own hash), then runs as separate processes, timing
each with the kernel's accounting (wall time and peak resident memory):

- `whosaid validate --release`;
- `whosaid build` (which validates again in release mode, then writes);
- the floor: read the same JSON and seeds and write the same rows
  (`whosaid.publish.rows.to_rows`) to Parquet with pyarrow alone — no validation, no
  features, no manifest, no docs.

Results go to scripts/bench_results.json; `whosaid build` shows them in the
README's Development section. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = "000_d4052f6e3a65e880"


def make_project(folder: Path, n: int) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "seeds").mkdir(parents=True)
    (folder / "corpus" / "splits").mkdir(parents=True)
    for name in ("README.md", "DATASHEET.md"):
        shutil.copy(ROOT / name, folder / name)
    text = (ROOT / "seeds" / f"{SEED}.txt").read_bytes().decode("utf-8")
    gold = json.loads((ROOT / "corpus" / f"{SEED}.json").read_text(encoding="utf-8"))
    ids = []
    for i in range(n):
        doc_id = f"syn_{i:06d}"
        data = (text + f"\n[synthetic copy {i}]").encode("utf-8")
        (folder / "seeds" / f"{doc_id}.txt").write_bytes(data)
        gold["doc_id"] = doc_id
        gold["seed"] = {"path": f"seeds/{doc_id}.txt", "sha256": hashlib.sha256(data).hexdigest(),
                        "length": len(data.decode("utf-8"))}
        (folder / "corpus" / f"{doc_id}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        ids.append(doc_id)
    (folder / "corpus" / "splits" / "test.txt").write_text("\n".join(ids) + "\n")


def floor(folder: Path) -> None:
    """Read every corpus file and seed, write the same rows with pyarrow alone."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from whosaid.publish.rows import to_rows

    out = folder / "floor"
    out.mkdir(exist_ok=True)
    buffers: dict[str, list] = {}
    writers: dict[str, pq.ParquetWriter] = {}

    def write(config, rows):
        table = pa.Table.from_pylist(rows)
        if config not in writers:
            writers[config] = pq.ParquetWriter(out / f"{config}.parquet", table.schema, compression="zstd")
        writers[config].write_table(table)

    for line in (folder / "corpus" / "splits" / "test.txt").read_text().split():
        doc = json.loads((folder / "corpus" / f"{line}.json").read_text(encoding="utf-8"))
        with open(folder / doc["seed"]["path"], encoding="utf-8", newline="") as handle:
            text = handle.read()
        for config, rows in to_rows(doc, text).items():
            buffer = buffers.setdefault(config, [])
            buffer.extend(rows)
            if len(buffer) >= 10_000:
                write(config, buffer)
                buffers[config] = []
    for config, rows in buffers.items():
        if rows:
            write(config, rows)
    for writer in writers.values():
        writer.close()


def measure(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident MiB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}: {process.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/whosaid-bench"))
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)  # internal: run the floor on a project
    args = parser.parse_args()
    if args.floor:
        floor(args.floor)
        return 0
    import pyarrow

    rows = []
    python = sys.executable
    for n in args.sizes:
        folder = args.workdir / str(n)
        make_project(folder, n)
        validate_s, validate_mib = measure([python, "-m", "whosaid", "validate", "--release", "--root", str(folder)])
        build_s, build_mib = measure([python, "-m", "whosaid", "build", "--root", str(folder)])
        floor_s, floor_mib = measure([python, __file__, "--floor", str(folder)])
        row = {"documents": n, "validate_s": validate_s, "validate_peak_mib": validate_mib, "build_s": build_s,
               "build_peak_mib": build_mib, "floor_s": floor_s, "floor_peak_mib": floor_mib}
        rows.append(row)
        print(json.dumps(row), flush=True)
        shutil.rmtree(folder)
    results = {
        "machine": (f"Measured with `python scripts/bench_build.py --sizes {' '.join(map(str, args.sizes))}` "
                    f"on {os.cpu_count()} cores, Python {platform.python_version()}, pyarrow {pyarrow.__version__}; "
                    "one run per size, each step a separate process (wall time, peak resident memory). "
                    "`build` includes its own release validation."),
        "rows": rows,
    }
    (ROOT / "scripts" / "bench_results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print("wrote scripts/bench_results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
