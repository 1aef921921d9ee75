"""Level 8, `release` (with --release): a published document and every record in it are past `draft`."""

from __future__ import annotations

from whosaid.contract.checks import Problem, problem
from whosaid.contract.levels.references import LAYERS


def check_release(doc: dict, shown: str) -> list[Problem]:
    """A published file and every record in it must be past `draft` (reconciled or reviewed)."""
    found = []
    if doc["status"] == "draft":
        found.append(problem("record-draft", shown, "/status",
                             "expected the file to be \"reconciled\" or \"reviewed\", found \"draft\""))
    found += [
        problem("record-draft", shown, f"/{layer}/{i}/status",
                "expected \"reconciled\" or \"reviewed\", found \"draft\"")
        for layer, _ in LAYERS
        for i, record in enumerate(doc[layer])
        if record["status"] == "draft"
    ]
    return found
