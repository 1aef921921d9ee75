"""Score every baseline's corpus files against the gold: writes baselines/results.json.

    python scripts/baselines/score.py

`whosaid build` turns results.json into the README's Baselines table; a test
re-scores the committed baseline files and compares them with results.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from whosaid.contract.project import gold_files, load_json, read_splits
from whosaid.score.evaluate import evaluate_files

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "baselines"))
from convert import SYSTEMS  # noqa: E402

# Scores are reported per split, the test split first (the one to compare systems on).
SPLITS_SHOWN = ("test", "validation", "train")


def score_system(root: Path, system: str) -> dict:
    pairs = [(gold, root / "baselines" / system / gold.name) for gold in gold_files(root)]
    for _, pred in pairs:
        if not pred.is_file():
            raise SystemExit(f"{pred}: missing; run `make baselines` to produce it")
    tools = load_json(pairs[-1][1])["provenance"]["tools"]
    split_of = {doc_id: split for split, rows in read_splits(root).items() for _, doc_id in rows}
    by_split = {split: [(g, p) for g, p in pairs if split_of[g.stem] == split] for split in SPLITS_SHOWN}
    raw = root / "tests" / "fixtures" / "baselines" / system
    gave_up = sorted(g.stem for g, _ in pairs
                     if (raw / f"{g.stem}.raw.json").is_file() and "error" in load_json(raw / f"{g.stem}.raw.json"))
    return {**SYSTEMS[system], "version": ", ".join(t for t in tools if not t.startswith("scripts/")),
            "gave_up": gave_up,
            "scores": evaluate_files(root, pairs),
            "by_split": {split: evaluate_files(root, found) for split, found in by_split.items() if found}}


def results(root: Path) -> dict:
    return {
        "command": "make baselines",
        "documents": [p.stem for p in gold_files(root)],
        "systems": {system: score_system(root, system) for system in SYSTEMS},
    }


def main() -> int:
    path = ROOT / "baselines" / "results.json"
    path.write_text(json.dumps(results(ROOT), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
