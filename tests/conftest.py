import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def pytest_sessionstart(session):
    """Before any test module reads the corpus: a corpus file that is not JSON stops the
    run with the file and the place named (as `whosaid validate` reports it), not with a
    traceback at collection."""
    from whosaid.contract.project import corpus_files
    from whosaid.contract.validate import validate

    report = validate(corpus_files(ROOT), ROOT, level="json")
    if not report.ok:
        lines = "\n".join(p.as_text() for p in report.problems)
        pytest.exit(f"the corpus has files that are not JSON; fix them first:\n{lines}", returncode=1)


def run_cli(*args, cwd=ROOT):
    """Run `python -m whosaid ...` as a user would; returns the CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "whosaid", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def validate_json(*args, cwd=ROOT):
    result = run_cli("validate", "--format", "json", *args, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


# What a working copy never needs: environments, git, generated sites and caches.
NOT_IN_A_CLONE = shutil.ignore_patterns(".venv*", ".git", "site", "build", "__pycache__", ".pytest_cache", ".hypothesis")
# What `whosaid build` reads besides seeds/ and corpus/.
BUILD_INPUT_FILES = ("README.md", "DATASHEET.md", "baselines/results.json", "scripts/bench_results.json")


def clone_project(dest: Path) -> Path:
    """A copy of the repository as a user's clone holds it (no environments, no git)."""
    shutil.copytree(ROOT, dest, ignore=NOT_IN_A_CLONE)
    return dest


def copy_build_inputs(dest: Path) -> Path:
    """A copy of just what `whosaid build` reads: seeds/, corpus/ and the documents it fills."""
    for name in ("seeds", "corpus"):
        shutil.copytree(ROOT / name, dest / name)
    for name in BUILD_INPUT_FILES:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, dest / name)
    return dest


@pytest.fixture
def root():
    return ROOT
