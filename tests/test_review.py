"""`whosaid review apply` on copies of the real corpus: accepted records become reviewed with
who and when; flags reach the datasheet; anything wrong in a decisions file changes nothing."""

import copy
import hashlib
import json

import pytest
from conftest import ROOT, copy_build_inputs, run_cli

from whosaid.annotate.review import FORMAT, VERSION, fingerprint, page_records
from whosaid.contract.corpus import load_corpus
from whosaid.contract.project import load_json
from whosaid.publish.build import build
from whosaid.publish.reviews import markdown, open_questions, summarize

DOC = "000_d4052f6e3a65e880"
OTHER = "001_0769cfbd568efa91"
REVIEWER = "test reviewer"
DATE = "2026-11-28"


DRAFT_TEXT = "A text that was added but not yet annotated.\n"
DRAFT_ID = f"draft_{hashlib.sha256(DRAFT_TEXT.encode('utf-8')).hexdigest()[:16]}"


@pytest.fixture
def project(tmp_path):
    """A copy of what `whosaid build` reads."""
    root = copy_build_inputs(tmp_path / "project")
    # A document added but not yet annotated: a draft skeleton in no split.
    text = tmp_path / "draft.txt"
    text.write_bytes(DRAFT_TEXT.encode("utf-8"))
    added = run_cli("add", "--root", root, "--text", text, "--title", "Draft", "--date", "2020-01-01", "--url",
                    "https://example.org/draft", "--outlet", "Example", "--licence", "CC-BY-4.0", "--attribution", "Example")
    assert added.returncode == 0, added.stderr
    return root


def gold(root, doc_id=DOC):
    return load_json(root / "corpus" / f"{doc_id}.json")


def decisions(root, choices: dict[str, tuple[str, str | None]], doc_id=DOC) -> dict:
    """A decisions file as a document page saves it: {record id: (decision, comment)}."""
    doc = gold(root, doc_id)
    records = {r["id"]: r for r in page_records(doc)}
    out = []
    for rid, (decision, comment) in choices.items():
        entry = {**records[rid], "decision": decision}
        if comment is not None:
            entry["comment"] = comment
        out.append(entry)
    return {"format": FORMAT, "version": VERSION, "made_by": "test",
            "documents": [{"doc_id": doc_id, "seed_sha256": doc["seed"]["sha256"], "decisions": out}]}


def write(path, data) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return str(path)


def snapshot(root):
    return {p: p.read_bytes() for p in (root / "corpus").rglob("*") if p.is_file()}


def apply(root, *files, reviewer=REVIEWER, date=DATE):
    return run_cli("review", "apply", *files, "--reviewer", reviewer, "--date", date, "--root", root)


def test_accepted_records_become_reviewed_and_nothing_else_changes(project, tmp_path):
    before = gold(project)
    choice = {"q1": ("accept", None), "e1": ("accept", None), "t1": ("accept", None),
              "q2": ("flag", "  The content should stop before “citing”: G5.3a.  ")}
    untouched = {p: b for p, b in snapshot(project).items() if p.name != f"{DOC}.json"}
    result = apply(project, write(tmp_path / "d.json", decisions(project, choice)))
    assert result.returncode == 0, result.stderr
    assert "3 accepted (now reviewed), 1 flagged" in result.stdout
    after = gold(project)
    assert after["status"] == "reconciled"  # not every record was accepted
    assert after["provenance"]["reviews"] == [{"reviewer": REVIEWER, "date": DATE, "accepted": ["e1", "q1", "t1"],
                                                "flagged": [{"id": "q2", "comment": "The content should stop before "
                                                             "“citing”: G5.3a."}]}]
    expected = copy.deepcopy(before)
    for layer, rid in (("quotes", "q1"), ("entities", "e1"), ("timexes", "t1")):
        next(r for r in expected[layer] if r["id"] == rid)["status"] = "reviewed"
    expected["provenance"]["reviews"] = after["provenance"]["reviews"]
    assert after == expected
    raw = (project / "corpus" / f"{DOC}.json").read_text(encoding="utf-8")
    assert raw == json.dumps(after, ensure_ascii=False, indent=2) + "\n"  # the corpus's own layout
    assert {p: b for p, b in snapshot(project).items() if p.name != f"{DOC}.json"} == untouched
    assert run_cli("validate", "--release", "--root", project).returncode == 0


def test_the_datasheet_counts_reviewed_records_and_lists_open_flags(project, tmp_path):
    first = write(tmp_path / "1.json", decisions(project, {"q1": ("accept", None),
                                                           "q2": ("flag", "Boundary <b>&</b> | speaker?")}))
    assert apply(project, first).returncode == 0
    out = tmp_path / "out"
    assert build(project, out).ok
    sheet = (out / "DATASHEET.md").read_text(encoding="utf-8")
    block = sheet.split("<!-- whosaid:begin review -->")[1].split("<!-- whosaid:end review -->")[0]
    assert "1 review(s) by 1 reviewer(s)" in block and "No human has reviewed" not in block
    quotes = sum(len(d.doc["quotes"]) for d in load_corpus(project))
    assert f"| quotes | {quotes - 1:,} | 1 | {quotes:,} |" in block
    assert "Open questions (records a reviewer flagged and no later review accepted): 1." in block
    assert f"| `{DOC}` | `q2` | test reviewer | {DATE} | Boundary &lt;b&gt;&amp;&lt;/b&gt; \\| speaker? |" in block
    # a later review that accepts the flagged record closes the question
    second = write(tmp_path / "2.json", decisions(project, {"q2": ("accept", None)}))
    assert apply(project, second, reviewer="second test reviewer").returncode == 0
    assert open_questions(gold(project)) == []
    assert "Open questions (records a reviewer flagged and no later review accepted): 0." in \
        markdown(summarize([gold(project)]))


def test_the_committed_datasheet_says_plainly_whether_a_human_has_reviewed_anything():
    docs = [load_json(p) for p in sorted((ROOT / "corpus").glob("*.json")) if load_json(p)["status"] != "draft"]
    summary = summarize(docs)
    sheet = (ROOT / "DATASHEET.md").read_text(encoding="utf-8")
    block = sheet.split("<!-- whosaid:begin review -->\n")[1].split("<!-- whosaid:end review -->")[0]
    assert block.split("\n", 1)[1].rstrip("\n") == markdown(summary)
    records = sum(sum(c.values()) for c in summary.counts.values())
    plain = f"No human has reviewed any record yet: all {records:,} published records are `reconciled`"
    assert block.split("\n")[1].startswith(plain) == (summary.reviews == 0)


def test_a_file_whose_every_record_is_accepted_becomes_reviewed(project, tmp_path):
    doc = gold(project)
    every = {r["id"]: ("accept", None) for r in page_records(doc)}
    assert apply(project, write(tmp_path / "d.json", decisions(project, every))).returncode == 0
    after = gold(project)
    assert after["status"] == "reviewed"
    assert {r["status"] for layer in ("entities", "quotes", "timexes", "stances") for r in after[layer]} == {"reviewed"}


def test_a_decision_about_a_record_changed_since_the_page_was_made_is_refused(project, tmp_path):
    made = write(tmp_path / "d.json", decisions(project, {"q1": ("accept", None), "q3": ("accept", None)}))
    path = project / "corpus" / f"{DOC}.json"
    doc = gold(project)
    old = fingerprint(doc["quotes"][2])
    doc["quotes"][2]["note"] += " Edited after the page was made."
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    before = snapshot(project)
    result = apply(project, made)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = [x for x in result.stderr.splitlines() if "[review-record-changed]" in x]
    assert line.startswith(f"{made}:/documents/0/decisions/1/fingerprint: error [review-record-changed] "
                           f"corpus/{DOC}.json record q3: expected fingerprint {old[:12]}")
    assert f"found {fingerprint(doc['quotes'][2])[:12]}" in line and "regenerate the site" in line
    assert "nothing was changed" in result.stderr
    assert snapshot(project) == before  # q1 was fine, but nothing is applied


def test_applying_the_same_decisions_twice_is_refused(project, tmp_path):
    made = write(tmp_path / "d.json", decisions(project, {"q1": ("accept", None), "q2": ("flag", " why? ")}))
    assert apply(project, made).returncode == 0
    before = snapshot(project)
    result = apply(project, made)
    assert result.returncode == 1
    assert "[review-record-changed]" in result.stderr and "[review-already-applied]" in result.stderr
    assert snapshot(project) == before
    flag_only = write(tmp_path / "f.json", decisions(project, {"q2": ("flag", "why?")}))
    result = apply(project, flag_only)  # the flag leaves q2 as it was, so only this check can refuse it
    assert result.returncode == 1 and "[review-already-applied]" in result.stderr
    assert snapshot(project) == before


def bad_files(root):
    """(name, decisions file text, the check that must refuse it)."""
    good = decisions(root, {"q1": ("accept", None)})

    def changed(edit):
        data = copy.deepcopy(good)
        edit(data)
        return json.dumps(data)

    entry = lambda d: d["documents"][0]  # noqa: E731
    return [
        ("not-json", '{"format": ', "review-json"),
        ("wrong-format", changed(lambda d: d.update(format="something else")), "review-shape"),
        ("no-fingerprint", changed(lambda d: entry(d)["decisions"][0].pop("fingerprint")), "review-shape"),
        ("bad-decision", changed(lambda d: entry(d)["decisions"][0].update(decision="maybe")), "review-shape"),
        ("no-decisions", changed(lambda d: entry(d).update(decisions=[])), "review-shape"),
        ("unknown-doc", changed(lambda d: entry(d).update(doc_id="999_0000000000000000")), "review-unknown-doc"),
        ("draft-doc", changed(lambda d: entry(d).update(doc_id=DRAFT_ID)), "review-unknown-doc"),
        ("unknown-record", changed(lambda d: entry(d)["decisions"][0].update(id="q999")), "review-unknown-record"),
        ("wrong-layer", changed(lambda d: entry(d)["decisions"][0].update(layer="timexes")), "review-unknown-record"),
        ("seed-changed", changed(lambda d: entry(d).update(seed_sha256="0" * 64)), "review-seed-changed"),
        ("fingerprint", changed(lambda d: entry(d)["decisions"][0].update(fingerprint="f" * 64)), "review-record-changed"),
        ("flag-no-comment", changed(lambda d: entry(d)["decisions"][0].update(decision="flag")), "review-comment-missing"),
        ("flag-blank", changed(lambda d: entry(d)["decisions"][0].update(decision="flag", comment="  ")),
         "review-comment-missing"),
        ("twice", changed(lambda d: entry(d)["decisions"].append(dict(entry(d)["decisions"][0], decision="flag",
                                                                        comment="no"))), "review-duplicate"),
    ]


@pytest.mark.parametrize("case", [c[0] for c in bad_files(ROOT)])
def test_a_bad_decisions_file_changes_nothing(project, tmp_path, case):
    (_, text, check) = next(c for c in bad_files(project) if c[0] == case)
    good = write(tmp_path / "good.json", decisions(project, {"e2": ("accept", None)}, doc_id=OTHER))
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    before = snapshot(project)
    result = apply(project, good, bad)  # the good file is not applied either
    assert result.returncode == 1, result.stderr
    assert f"[{check}]" in result.stderr and "Traceback" not in result.stderr
    assert f"{bad}:" in result.stderr and "expected" in result.stderr and "found" in result.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize("args, message", [
    (["--reviewer", "  "], "--reviewer: expected"),
    (["--reviewer", REVIEWER, "--date", "2026-02-30"], "--date: expected a date YYYY-MM-DD"),
    (["--reviewer", REVIEWER, "--date", "28/11/2026"], "--date: expected a date YYYY-MM-DD"),
])
def test_usage_errors_exit_2(project, tmp_path, args, message):
    made = write(tmp_path / "d.json", decisions(project, {"q1": ("accept", None)}))
    before = snapshot(project)
    result = run_cli("review", "apply", made, *args, "--root", project)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert snapshot(project) == before
    missing = run_cli("review", "apply", tmp_path / "none.json", "--reviewer", REVIEWER, "--root", project)
    assert missing.returncode == 2 and "no such file" in missing.stderr
