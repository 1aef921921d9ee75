"""`whosaid add`: texts from a manifest become seeds with skeleton corpus files, all or nothing."""

import hashlib
import json
import shutil

import pytest
from conftest import FIXTURES, run_cli

from whosaid.annotate.add import doc_id_for
from whosaid.contract.project import load_json

TEXT = "“We will build it,” the mayor said on Monday.\n\nThe council agreed.\n"


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid", root)
    return root


def entry(name="a.txt", text=TEXT, **changes):
    data = text.encode("utf-8")
    found = {"file": name, "sha256": hashlib.sha256(data).hexdigest(), "title": "A bridge", "date": "2020-03-02",
             "url": "https://en.wikinews.org/wiki/A_bridge", "outlet": "Wikinews (English)", "licence": "CC-BY-2.5",
             "attribution": "Wikinews contributors", "licence_evidence": "test", "cleaning": "dateline removed",
             "source": {"repo": "owner/name", "path": "data/x.csv", "commit": "0" * 40, "record": "row 0"}}
    found.update(changes)
    return found


def manifest(tmp_path, entries, texts=None):
    folder = tmp_path / "news"
    folder.mkdir(exist_ok=True)
    for name, text in (texts or {"a.txt": TEXT}).items():
        (folder / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    path = folder / "manifest.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def state(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_adds_a_seed_byte_for_byte_and_a_valid_draft_skeleton_in_no_split(project, tmp_path):
    path = manifest(tmp_path, [entry()])
    result = run_cli("add", "--root", project, path)
    assert result.returncode == 0, result.stderr
    doc_id = doc_id_for("a.txt", entry()["sha256"])
    assert doc_id == f"a_{entry()['sha256'][:16]}"
    assert (project / "seeds" / f"{doc_id}.txt").read_bytes() == TEXT.encode("utf-8")
    doc = load_json(project / "corpus" / f"{doc_id}.json")
    assert doc["status"] == "draft" and not any(doc[layer] for layer in ("entities", "quotes", "timexes", "stances"))
    meta = doc["document"]
    assert (meta["licence"], meta["attribution"], meta["url"]) == ("CC-BY-2.5", "Wikinews contributors", entry()["url"])
    assert meta["dct"]["value"] == "2020-03-02" and meta["dct"]["basis"] == "stated" and meta["dct"]["note"]
    assert meta["source"]["cleaning"] == "dateline removed" and meta["source"]["commit"] == "0" * 40
    assert doc_id not in (project / "corpus" / "splits" / "test.txt").read_text()
    assert run_cli("validate", "--root", project).returncode == 0


def test_running_twice_adds_nothing(project, tmp_path):
    path = manifest(tmp_path, [entry()])
    assert run_cli("add", "--root", project, path).returncode == 0
    before = state(project)
    result = run_cli("add", "--root", project, path)
    assert result.returncode == 0 and "0 added, 1 already there" in result.stderr
    assert state(project) == before


def test_a_text_already_in_seeds_under_another_name_is_refused(project, tmp_path):
    seed = (project / "seeds" / "fx_crlf_emoji.txt").read_bytes()
    path = manifest(tmp_path, [entry("copy.txt", text=seed.decode("utf-8"))], {"copy.txt": seed})
    result = run_cli("add", "--root", project, path)
    assert result.returncode == 1
    assert "entry 0 (copy.txt): sha256: expected a text not yet in seeds/, found the same text already in " \
           "seeds/fx_crlf_emoji.txt" in result.stderr


@pytest.mark.parametrize("bad, message", [
    ({"title": None}, "entry 1 (b.txt): title: expected a non-empty string, found None"),
    ({"licence": "GPL-3.0"}, "entry 1 (b.txt): licence: expected an SPDX id the schema knows"),
    ({"sha256": "0" * 64}, "entry 1 (b.txt): sha256: expected 000000"),
    ({"date": "2 March 2020"}, "entry 1 (b.txt): date: expected a publication date YYYY-MM-DD"),
    ({"file": "missing.txt"}, "entry 1 (missing.txt): file: expected a readable text file, found nothing at"),
])
def test_a_bad_entry_is_named_and_nothing_is_written(project, tmp_path, bad, message):
    """One good entry and one bad: the whole run is refused, so nothing is half-added."""
    other = "Another text.\n"
    path = manifest(tmp_path, [entry(), entry("b.txt", text=other, **bad)], {"a.txt": TEXT, "b.txt": other})
    before = state(project)
    result = run_cli("add", "--root", project, path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr
    assert "nothing was written" in result.stderr
    assert state(project) == before


def test_a_text_that_is_not_utf8_is_refused(project, tmp_path):
    data = "caf\xe9\n".encode("latin-1")
    path = manifest(tmp_path, [entry("c.txt", text="x", sha256=hashlib.sha256(data).hexdigest())], {"c.txt": data})
    result = run_cli("add", "--root", project, path)
    assert result.returncode == 1 and "file: expected UTF-8 text, found an undecodable byte at offset 3" in result.stderr


def test_a_manifest_that_is_not_json_is_a_usage_error(project, tmp_path):
    path = tmp_path / "manifest.json"
    path.write_text("[{", encoding="utf-8")
    result = run_cli("add", "--root", project, path)
    assert result.returncode == 2 and "not JSON (line 1, column 3" in result.stderr and "Traceback" not in result.stderr


def test_one_text_with_its_metadata_as_options(project, tmp_path):
    text = tmp_path / "one.txt"
    text.write_text(TEXT, encoding="utf-8")
    result = run_cli("add", "--root", project, "--text", text, "--title", "One", "--date", "2021-01-05",
                     "--url", "https://example.org/one", "--outlet", "Example", "--licence", "CC-BY-4.0",
                     "--attribution", "Example authors")
    assert result.returncode == 0, result.stderr
    doc = load_json(project / "corpus" / f"{doc_id_for('one.txt', hashlib.sha256(TEXT.encode()).hexdigest())}.json")
    assert doc["document"]["source"] is None and doc["document"]["licence"] == "CC-BY-4.0"
