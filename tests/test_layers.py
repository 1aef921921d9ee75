"""The package's folders are the stages the data passes through; each imports only
the stages below it, so the contract never depends on how data is published."""

import ast
from pathlib import Path

import pytest
from conftest import ROOT

# stage: the stages it may import (besides itself and whosaid.version)
ALLOWED = {
    "contract": set(),
    "annotate": {"contract"},
    "learn": {"contract"},
    "score": {"contract"},
    "publish": {"contract", "score", "annotate"},
    "view": {"contract", "score", "annotate", "publish"},
}


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "whosaid" or name.startswith("whosaid.")}


@pytest.mark.parametrize("stage", sorted(p.name for p in (ROOT / "whosaid").iterdir()
                                         if p.is_dir() and (p / "__init__.py").exists()))
def test_a_stage_imports_only_the_stages_below_it(stage):
    assert stage in ALLOWED, f"whosaid/{stage}/ is a new stage: say in tests/test_layers.py what it may import"
    for path in sorted((ROOT / "whosaid" / stage).glob("*.py")):
        for name in imports(path):
            parts = name.split(".")
            other = parts[1] if len(parts) > 1 else ""
            assert other in ALLOWED[stage] | {stage, "version"}, f"{path.relative_to(ROOT)} imports {name}"
