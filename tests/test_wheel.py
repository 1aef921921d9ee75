"""The package as users install it: a wheel built from this tree, in a fresh
virtual environment, validates and scores the corpus."""

import shutil
import site
import subprocess
import sys
import sysconfig

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv holding only the built wheel; the dependencies come from this
    environment's site-packages through a .pth file (nothing is downloaded), and
    the source tree's editable install is not on its path."""
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp / "dist")], check=True, capture_output=True, timeout=600)
    (wheel,) = (tmp / "dist").glob("whosaid-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                    str(wheel)], check=True, capture_output=True, timeout=600)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    (venv / "lib").joinpath(*[p for p in purelib.split("/lib/", 1)[1].split("/")], "deps.pth") \
        .write_text("\n".join(sorted(ours)) + "\n")
    return venv


def run(venv, *args, cwd):
    return subprocess.run([str(venv / "bin" / "whosaid"), *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def test_the_wheel_is_what_runs(installed, tmp_path):
    where = subprocess.run([str(installed / "bin" / "python"), "-c", "import whosaid.contract.project as p; "
                            "print(p.__file__); print(p.SCHEMA_PATH.is_file() and not p.SCHEMA_PATH.is_symlink())"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split()
    assert where[0].startswith(str(installed)), where
    assert where[1] == "True"


def test_installed_whosaid_validates_and_evaluates_the_corpus(installed, tmp_path):
    project = tmp_path / "project"
    for name in ("seeds", "corpus"):
        shutil.copytree(ROOT / name, project / name)
    result = run(installed, "validate", "--release", "--root", project, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stderr
    doc = "000_d4052f6e3a65e880"
    result = run(installed, "evaluate", "--root", project, project / "corpus" / f"{doc}.json",
                 project / "corpus" / "passes" / doc / "A.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "content_exact" in result.stdout and "internal error" not in result.stderr


def test_installed_whosaid_writes_the_site_with_its_assets(installed, tmp_path):
    project = tmp_path / "project"
    for name in ("seeds", "corpus"):
        shutil.copytree(ROOT / name, project / name)
    result = run(installed, "site", "--root", project, "--out", tmp_path / "site", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("site.css", "site.js"):
        assert (tmp_path / "site" / "assets" / name).read_bytes() == (ROOT / "whosaid" / "view" / "assets" / name).read_bytes()
