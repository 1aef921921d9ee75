import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def run_cli(*args, cwd=ROOT):
    """Run `python -m whosaid ...` as a user would; returns the CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "whosaid", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def validate_json(*args, cwd=ROOT):
    result = run_cli("validate", "--format", "json", *args, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


@pytest.fixture
def root():
    return ROOT
