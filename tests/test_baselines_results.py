"""The README's Baselines table is what the scorer gives on the committed system outputs."""

import json
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts" / "baselines"))
import score  # noqa: E402


def test_results_json_matches_a_fresh_scoring():
    committed = json.loads((ROOT / "baselines" / "results.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(score.results(ROOT))) == committed


def test_every_system_produced_a_valid_file_per_gold_document():
    from conftest import run_cli

    from whosaid.contract.project import gold_files

    result = run_cli("validate", *(f"baselines/{system}" for system in score.SYSTEMS))
    assert result.returncode == 0, result.stdout
    for system in score.SYSTEMS:
        assert sorted(p.stem for p in (ROOT / "baselines" / system).glob("*.json")) == \
            sorted(p.stem for p in gold_files(ROOT)), system


def test_readme_table_shows_the_scores():
    committed = json.loads((ROOT / "baselines" / "results.json").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- whosaid:begin baselines -->")[1].split("<!-- whosaid:end baselines -->")[0]
    lines = [line for line in block.splitlines() if line.startswith(("| test |", "| validation |", "| train |"))]
    assert lines[0].startswith("| test |"), "the test split comes first"
    for split in ("test", "validation", "train"):
        heideltime = committed["systems"]["heideltime"]["by_split"][split]["timexes"]["relaxed"]["f1"]
        row = next(line for line in lines if line.startswith(f"| {split} | heideltime"))
        assert f"| {100 * heideltime:.1f} |" in row
    assert "No baseline attempts" in readme
