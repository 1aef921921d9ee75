"""The validator on its fixtures, on the real corpus, and on the command line."""

import json
import re
import shutil

import pytest
from conftest import FIXTURES, ROOT, clone_project, run_cli, validate_json

from whosaid.contract.checks import CHECKS, LEVELS
from whosaid.contract.project import gold_files, read_seed_text

INVALID = FIXTURES / "invalid"
VALID = FIXTURES / "valid"


def test_every_check_has_exactly_one_fixture_and_back():
    assert sorted(p.name for p in INVALID.iterdir() if p.is_dir()) == sorted(CHECKS)


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_fixture_triggers_exactly_its_check(check_id):
    check = CHECKS[check_id]
    extra = ["--release"] if check.level == "release" else []
    code, problems = validate_json("--root", INVALID / check_id, *extra)
    assert {p["check"] for p in problems} == {check_id}
    assert code == (1 if check.severity == "error" else 0)


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_check_runs_at_its_declared_level(check_id):
    """The level a check is declared at is the level that finds it: stopping one
    level earlier hides it, stopping at its level shows it."""
    check = CHECKS[check_id]
    extra = ["--release"] if check.level == "release" else []
    index = LEVELS.index(check.level)
    at_level = validate_json("--root", INVALID / check_id, "--level", check.level, *extra)[1]
    assert {p["check"] for p in at_level} == {check_id}
    if index:
        before = validate_json("--root", INVALID / check_id, "--level", str(index), *extra)[1]
        assert before == []


def test_valid_fixture_passes_release():
    code, problems = validate_json("--root", VALID, "--release")
    assert (code, problems) == (0, [])


def test_valid_fixture_exercises_code_point_offsets():
    text = read_seed_text(VALID / "seeds" / "fx_crlf_emoji.txt")
    assert "\r\n" in text and "…" in text and "“" in text
    assert any(ord(ch) > 0xFFFF for ch in text)
    doc = json.loads((VALID / "corpus" / "fx_crlf_emoji.json").read_text(encoding="utf-8"))
    cue = doc["quotes"][1]["cue"]
    assert text[cue["start"]:cue["end"]] == "said"
    # The same offsets counted in UTF-16 units (as Label Studio would) are one off.
    utf16_start = len(text[: cue["start"]].encode("utf-16-le")) // 2
    assert utf16_start == cue["start"] + 1


def test_utf16_offsets_are_rejected(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(VALID, project)
    path = project / "corpus" / "fx_crlf_emoji.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    cue = doc["quotes"][1]["cue"]
    cue["start"] += 1
    cue["end"] += 1
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, problems = validate_json("--root", project)
    assert code == 1
    assert [(p["check"], p["pointer"]) for p in problems] == [("span-text-mismatch", "/quotes/1/cue")]


def test_the_corpus_is_valid():
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert gold_files(ROOT), "the corpus has no files"


def test_text_output_names_file_pointer_id_expected_found_and_fix():
    result = run_cli("validate", "--root", INVALID / "span-text-mismatch")
    assert result.returncode == 1
    line = result.stdout.strip()
    assert re.fullmatch(
        r"corpus/fx_crlf_emoji\.json:/quotes/1/cue: error \[span-text-mismatch\] "
        r"expected 'said', found 'sai ' at \[\d+,\d+\); they first differ at character 3: "
        r"the text has 'd' \(U\+0064\), the span ' ' \(U\+0020\); fix the offsets or the text", line), line


def test_messages_are_grammatical_and_specific():
    result = run_cli("validate", "--root", INVALID / "ref-wrong-kind")
    assert "expected the id of an entity, found 'q1', the id of a quote" in result.stdout, result.stdout
    result = run_cli("validate", "--root", INVALID / "schema-violation")
    assert "expected one of 'direct', 'indirect', 'mixed', found 'reported'" in result.stdout, result.stdout


def test_unknown_path_is_a_usage_error():
    result = run_cli("validate", "corpus/no-such-file.json")
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr and "Traceback" not in result.stderr


def test_root_without_project_is_a_usage_error(tmp_path):
    result = run_cli("validate", "--root", tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_seed_that_is_a_folder_is_reported_not_raised(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(VALID, project)
    seed = project / "seeds" / "fx_crlf_emoji.txt"
    seed.unlink()
    seed.mkdir()
    code, problems = validate_json("--root", project)
    assert code == 1 and [p["check"] for p in problems] == ["seed-missing"]
    assert "a folder" in problems[0]["message"]


@pytest.mark.parametrize("start,end,expected", [
    (-3, 4, "schema-violation"),
    (5.0, 9, "schema-violation"),  # JSON Schema calls 5.0 an integer; slicing would fail
    (10**12, 10**12 + 4, "span-out-of-bounds"),
    (9, 4, "span-empty"),
])
def test_bad_offsets(tmp_path, start, end, expected):
    project = tmp_path / "p"
    shutil.copytree(VALID, project)
    path = project / "corpus" / "fx_crlf_emoji.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["timexes"][0]["span"].update(start=start, end=end)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, problems = validate_json("--root", project)
    assert code == 1 and {p["check"] for p in problems} == {expected}


def test_all_problems_are_collected(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(VALID, project)
    path = project / "corpus" / "fx_crlf_emoji.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["quotes"][0]["date"] = "t9"
    doc["timexes"][0]["value"] = "2023-02-30"
    doc["entities"][0]["mentions"][1]["text"] = "her"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, problems = validate_json("--root", project)
    assert code == 1
    assert sorted(p["check"] for p in problems) == ["ref-unresolved", "span-text-mismatch", "timex-date-invalid"]


def test_committed_fixtures_are_what_the_generator_writes(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for kind in ("valid", "invalid"):
        fresh = {p.relative_to(tmp_path / kind): p.read_bytes() for p in (tmp_path / kind).rglob("*") if p.is_file()}
        committed = {p.relative_to(FIXTURES / kind): p.read_bytes()
                     for p in (FIXTURES / kind).rglob("*") if p.is_file()}
        assert fresh == committed, f"tests/fixtures/{kind} is stale: run python tests/fixtures/make_fixtures.py"


def test_lone_surrogate_is_refused_not_crashed(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(VALID, project)
    path = project / "corpus" / "fx_crlf_emoji.json"
    raw = path.read_text(encoding="utf-8").replace('"Synthetic text', '"\\ud800 Synthetic text', 1)
    path.write_text(raw, encoding="utf-8")
    code, problems = validate_json("--root", project)
    assert code == 1 and [p["check"] for p in problems] == ["json-syntax"]
    assert "surrogate" in problems[0]["message"]


@pytest.mark.parametrize("make", ["long-split-line", "seed-loop", "corpus-loop"])
def test_awkward_paths_are_reported_not_raised(tmp_path, make):
    project = tmp_path / "p"
    shutil.copytree(VALID, project)
    if make == "long-split-line":
        (project / "corpus" / "splits" / "test.txt").write_text("fx_crlf_emoji\n" + "x" * 300 + "\n")
        expected = {"split-unknown-doc"}
    elif make == "seed-loop":
        seed = project / "seeds" / "fx_crlf_emoji.txt"
        seed.unlink()
        seed.symlink_to(seed)
        expected = {"seed-missing"}
    else:
        (project / "corpus" / "loop.json").symlink_to(project / "corpus" / "loop.json")
        expected = {"json-syntax"}
    code, problems = validate_json("--root", project)
    assert code == 1 and {p["check"] for p in problems} == expected, problems


def test_missing_properties_are_named_once_in_one_sentence():
    from whosaid.contract.validate import check_schema

    doc = json.loads((VALID / "corpus" / "fx_crlf_emoji.json").read_text(encoding="utf-8"))
    for key in ("licence", "attribution"):
        del doc["document"][key]
    messages = [p.message for p in check_schema(doc, "x.json")]
    assert messages == ["expected the properties 'licence' and 'attribution', found them missing"], messages


def test_a_broken_corpus_file_stops_the_test_run_with_its_name(tmp_path):
    import subprocess
    import sys

    project = tmp_path / "copy"
    clone_project(project)
    gold = sorted(gold_files(project))[-1]
    gold.write_text(gold.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                            cwd=project, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"corpus/{gold.name}: error [json-syntax] expected JSON" in output, output
    assert "Traceback" not in output, output


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_a_check_lives_in_the_module_of_its_level(check_id):
    """A newcomer finds a check from its id: its level names the module that raises it."""
    module = ROOT / "whosaid" / "contract" / "levels" / f"{CHECKS[check_id].level}.py"
    others = [p for p in module.parent.glob("*.py") if p != module]
    assert f'"{check_id}"' in module.read_text(encoding="utf-8"), module
    assert not [p.name for p in others if f'"{check_id}"' in p.read_text(encoding="utf-8")]
