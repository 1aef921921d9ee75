"""Every published document was made the way the datasheet says: two independent
passes that are not copies of each other, and an adjudication that names them."""

import pytest
from conftest import ROOT

from whosaid.contract.project import gold_files, load_json

GOLD = gold_files(ROOT)
RECORDS = ("entities", "quotes", "timexes", "stances")


def test_there_are_published_documents():
    assert len(GOLD) > 1


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.stem)
def test_two_passes_that_are_not_copies_and_an_adjudication(gold):
    doc = load_json(gold)
    passes = {name: load_json(ROOT / "corpus" / "passes" / doc["doc_id"] / f"{name}.json") for name in "AB"}
    for name, found in passes.items():
        assert found["doc_id"] == doc["doc_id"] and found["status"] == "draft", name
        assert any(found[layer] for layer in RECORDS), f"pass {name} of {doc['doc_id']} is empty"
    assert [passes["A"][layer] for layer in RECORDS] != [passes["B"][layer] for layer in RECORDS], \
        "the two passes are identical: they cannot be independent"
    roles = [(p["role"], p["kind"], p["file"]) for p in doc["provenance"]["passes"]]
    assert ("annotator A", "annotation", f"corpus/passes/{doc['doc_id']}/A.json") in roles
    assert ("annotator B", "annotation", f"corpus/passes/{doc['doc_id']}/B.json") in roles
    assert any(kind == "adjudication" for _, kind, _ in roles)
    assert doc["status"] in ("reconciled", "reviewed")
