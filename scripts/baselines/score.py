"""Score every baseline's corpus files against the gold: writes baselines/results.json.

    python scripts/baselines/score.py

`whosaid build` turns results.json into the README's Baselines table; a test
re-scores the committed baseline files and compares them with results.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from whosaid.evaluate import evaluate
from whosaid.project import gold_files, load_json, read_seed_text

ROOT = Path(__file__).resolve().parent.parent.parent
# What each system attempts: the table shows a dash for the layers it does not.
SYSTEMS = {
    "textacy": {"quotes": True, "timexes": False},
    "sayswho": {"quotes": True, "timexes": False},
    "heideltime": {"quotes": False, "timexes": True},
    "dateparser": {"quotes": False, "timexes": True},
}


def score_system(root: Path, system: str) -> dict:
    triples, tools = [], []
    for gold_path in gold_files(root):
        pred_path = root / "baselines" / system / gold_path.name
        if not pred_path.is_file():
            raise SystemExit(f"{pred_path}: missing; run `make baselines` to produce it")
        gold, pred = load_json(gold_path), load_json(pred_path)
        triples.append((gold, pred, read_seed_text(root / gold["seed"]["path"])))
        tools = pred["provenance"]["tools"]
    return {**SYSTEMS[system], "version": ", ".join(t for t in tools if not t.startswith("scripts/")),
            "scores": evaluate(triples)}


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
