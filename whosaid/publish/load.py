"""Load the published configs back with `datasets.load_dataset`, as users do."""

from __future__ import annotations

import tempfile
from pathlib import Path

from whosaid.publish.features import CONFIGS


def load_config(root: Path, config: str, cache_dir: str):
    """`load_dataset(root, config)` with a private cache: the local-folder cache
    key ignores file changes, so a shared cache could return stale rows."""
    import datasets

    datasets.disable_progress_bars()
    datasets.logging.set_verbosity_error()
    return datasets.load_dataset(str(root), config, cache_dir=cache_dir)


def summary(root: Path) -> str:
    lines = [f"Loaded with datasets.load_dataset({str(root)!r}, config):"]
    with tempfile.TemporaryDirectory(prefix="whosaid-load-") as cache:
        for config in CONFIGS:
            loaded = load_config(root, config, cache)
            counts = ", ".join(f"{split} {len(part)}" for split, part in loaded.items())
            lines.append(f"  {config:<10} {counts}  ({len(next(iter(loaded.values())).features)} columns)")
    return "\n".join(lines)
