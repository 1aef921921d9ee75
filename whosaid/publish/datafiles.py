"""The names of the published Parquet files, and finding a config's split file in the manifest."""

from __future__ import annotations

import re


def data_file_name(split: str, sha256: str) -> str:
    """`<split>-<first 12 hex digits of the file's sha256>.parquet`: a file whose content
    changes gets a new name, so `datasets` (whose cache key for a local folder follows
    file names, not contents) never serves a stale copy after an update."""
    return f"{split}-{sha256[:12]}.parquet"


def data_file(manifest: dict, config: str, split: str) -> tuple[str, dict] | None:
    """(path under the project, manifest entry) of a config's split file, or None."""
    return next(((f"data/{path}" if not path.startswith("data/") else path, entry)
                 for path, entry in manifest["files"].items()
                 if entry["config"] == config and entry["split"] == split), None)


# The split a data file holds, read from its name (Croissant extracts it with this).
SPLIT_FROM_NAME = r"^(?:.*/)?([^/]+)-[0-9a-f]{12}\.parquet$"


def split_of(path: str) -> str:
    """The split of a data file path: `data/quotes/test-0123456789ab.parquet` → `test`."""
    match = re.match(SPLIT_FROM_NAME, path)
    if match is None:
        raise ValueError(f"{path}: expected a data file named <split>-<12 hex digits>.parquet")
    return match.group(1)
