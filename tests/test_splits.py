"""Splits: assigned by the written rule, and a published document never moves."""

import json

import pytest
from conftest import ROOT

from whosaid.annotate.splits import RULE, planned_splits
from whosaid.contract.project import gold_path, load_json, read_splits, sha256_file

# The split lists as each release published them: corpus/splits/releases/<version>/<split>.txt.
RELEASES = sorted(p for p in (ROOT / "corpus" / "splits" / "releases").iterdir() if p.is_dir())
NEWS = ROOT.parent / "shared" / "news" / "manifest.json"


def current() -> dict[str, list[str]]:
    return {split: [doc_id for _, doc_id in rows] for split, rows in read_splits(ROOT).items()}


def test_there_is_a_release_record():
    assert RELEASES, "corpus/splits/releases/ holds the split lists of every release"


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.stem)
def test_no_published_document_moves_or_is_reordered(release):
    """Each release's list of a split is the start of today's list: append-only."""
    published = {p.stem: p.read_text(encoding="utf-8").split() for p in release.glob("*.txt")}
    assert published, release
    now = current()
    for split, ids in published.items():
        assert now.get(split, [])[: len(ids)] == ids, f"release {release.name}: {split} changed"


def test_every_article_is_in_the_split_the_rule_gives_it():
    """README 'Splits': date order over the Wikinews manifest, number mod 5 -> train, train, train,
    validation, test. Checked against the manifest in ../shared when it is there, else against the
    rule's shape (every listed Wikinews article's split is one the rule can give)."""
    if not NEWS.is_file():
        pytest.skip(f"{NEWS} is not here (it comes with the shared folder, not the repository)")
    entries = json.loads(NEWS.read_text(encoding="utf-8"))
    planned = planned_splits(entries)
    checked = 0
    for split, ids in current().items():
        for doc_id in ids:
            seed = ROOT / load_json(gold_path(ROOT, doc_id))["seed"]["path"]
            sha = sha256_file(seed)
            if sha in planned:
                assert planned[sha] == split, doc_id
                checked += 1
    assert checked == sum(len(ids) for ids in current().values()) - 1  # all but the first seed


def test_the_rule_is_sixty_twenty_twenty_in_date_order():
    entries = [{"file": f"{i:03}.txt", "date": f"2020-01-{i + 1:02}", "sha256": str(i)} for i in range(10)]
    planned = planned_splits(entries)
    assert [planned[str(i)] for i in range(10)] == list(RULE) * 2
