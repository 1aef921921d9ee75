"""The published data: built from the corpus, loaded back as users load it."""

import hashlib
import json
import re
import shutil
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from conftest import ROOT, clone_project, run_cli

from whosaid.contract.corpus import load_corpus
from whosaid.contract.project import gold_files, load_json, read_splits
from whosaid.publish.build import build
from whosaid.publish.features import CONFIGS, features
from whosaid.publish.load import load_config
from whosaid.publish.rows import from_rows

DOCS = load_corpus(ROOT)
GENERATED = ("README.md", "DATASHEET.md", "croissant.json")


def all_rows(dataset_dict):
    """The rows of every split of a loaded config, in split order."""
    return [row for split in dataset_dict.values() for row in split]


def published_splits():
    """The splits that hold documents, in order (from the split lists)."""
    return [split for split, rows in read_splits(ROOT).items() if rows]


def parquet_files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in (folder / "data").rglob("*.parquet"))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A build of the committed corpus into a temporary folder."""
    out = tmp_path_factory.mktemp("fresh")
    result = build(ROOT, out)
    assert result.ok, [p.as_text() for p in result.report.problems]
    return out


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    cache = tmp_path_factory.mktemp("hf-cache")
    return {config: load_config(ROOT, config, str(cache / config)) for config in CONFIGS}


def test_committed_data_and_docs_are_current(fresh):
    """Fails when data/, croissant.json, README.md or DATASHEET.md is stale: run `make build`."""
    assert parquet_files(fresh) == parquet_files(ROOT)
    for name in parquet_files(ROOT) + ["data/MANIFEST.json", *GENERATED]:
        if name == "data/MANIFEST.json":
            committed, new = load_json(ROOT / name), load_json(fresh / name)
            committed.pop("tools"), new.pop("tools")
            assert committed == new, "data/MANIFEST.json is stale: run `make build`"
        else:
            assert (ROOT / name).read_bytes() == (fresh / name).read_bytes(), f"{name} is stale: run `make build`"


def test_build_is_byte_identical(fresh, tmp_path):
    again = build(ROOT, tmp_path)
    assert again.ok
    for name in parquet_files(fresh) + ["data/MANIFEST.json", *GENERATED]:
        assert (fresh / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_manifest_records_hashes_counts_and_no_time(fresh):
    manifest = load_json(fresh / "data" / "MANIFEST.json")
    for name, entry in manifest["files"].items():
        data = (fresh / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["rows"] == pq.read_metadata(fresh / name).num_rows
    assert manifest["inputs"]["seeds/000_d4052f6e3a65e880.txt"].startswith("95dd5b26")
    text = json.dumps(manifest)
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:", text), "the manifest must not record a time"
    assert set(manifest["tools"]) >= {"pyarrow", "datasets", "whosaid"}


def test_failed_build_leaves_published_files_as_they_were(tmp_path):
    project = tmp_path / "p"
    for name in ("seeds", "corpus", "data", "baselines", "scripts"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, project / name)
    for name in GENERATED:
        shutil.copy(ROOT / name, project / name)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and "corpus" not in p.parts}
    gold = project / "corpus" / "000_d4052f6e3a65e880.json"
    doc = json.loads(gold.read_text(encoding="utf-8"))
    doc["quotes"][0]["cue"]["start"] += 1
    gold.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = run_cli("build", "--root", project)
    assert result.returncode == 1
    assert "[span-text-mismatch]" in result.stdout and "nothing was written" in result.stderr
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and "corpus" not in p.parts}
    assert after == before


def test_every_config_loads_with_its_declared_features(loaded):
    for config, dataset in loaded.items():
        assert list(dataset) == published_splits(), config
        for part in dataset.values():
            assert part.features == features(config), config


def test_row_counts_equal_the_corpus(loaded):
    expected = {"documents": len(DOCS)}
    for layer in ("entities", "quotes", "timexes", "stances"):
        expected[layer] = sum(len(d.doc[layer]) for d in DOCS)
    assert {config: len(all_rows(ds)) for config, ds in loaded.items()} == expected
    by_split = {split: [d.doc_id for d in DOCS if d.split == split] for split in published_splits()}
    assert {s: list(part["doc_id"]) for s, part in loaded["documents"].items()} == by_split


def test_published_spans_reslice_the_text(loaded):
    texts = {row["doc_id"]: row["text"] for row in all_rows(loaded["documents"])}
    checked = 0

    def check(doc_id, span):
        nonlocal checked
        if span is not None:
            assert texts[doc_id][span["start"]:span["end"]] == span["text"]
            checked += 1

    for row in all_rows(loaded["entities"]):
        for mention in row["mentions"]:
            check(row["doc_id"], mention)
    for row in all_rows(loaded["quotes"]):
        for fragment in row["content"]:
            check(row["doc_id"], fragment)
        check(row["doc_id"], row["cue"])
        check(row["doc_id"], row["speaker_mention"])
    for row in all_rows(loaded["timexes"]):
        check(row["doc_id"], {"start": row["start"], "end": row["end"], "text": row["text"]})
    for row in all_rows(loaded["documents"]):
        for span in row["dct_evidence"]:
            check(row["doc_id"], span)
    total = sum(len(e["mentions"]) for d in DOCS for e in d.doc["entities"])
    assert checked > total


def test_published_references_resolve(loaded):
    ids = {config: {(r["doc_id"], r[key]) for r in all_rows(loaded[config])}
           for config, key in (("entities", "entity_id"), ("quotes", "quote_id"), ("timexes", "timex_id"))}
    for q in all_rows(loaded["quotes"]):
        for key, kind in (("speaker_id", "entities"), ("addressee_id", "entities"), ("parent_id", "quotes"),
                          ("date_id", "timexes")):
            assert q[key] is None or (q["doc_id"], q[key]) in ids[kind], (q["quote_id"], key)
    for s in all_rows(loaded["stances"]):
        assert (s["doc_id"], s["holder_id"]) in ids["entities"]
        assert s["target_id"] is None or (s["doc_id"], s["target_id"]) in ids["entities"]
        assert all((s["doc_id"], q) in ids["quotes"] for q in s["evidence_quote_ids"])
    for t in all_rows(loaded["timexes"]):
        assert t["quote_id"] is None or (t["doc_id"], t["quote_id"]) in ids["quotes"]


def test_round_trip_rebuilds_every_corpus_file(loaded):
    rows = {}
    for config, dataset in loaded.items():
        part = next(iter(dataset.values()))
        names = {k: f.names for k, f in part.features.items() if type(f).__name__ == "ClassLabel"}
        rows[config] = [{k: (names[k][v] if k in names else v) for k, v in row.items()} for row in all_rows(dataset)]
    for path in gold_files(ROOT):
        assert from_rows(rows, path.stem) == load_json(path), path.name


def test_other_readers_see_the_same_rows(loaded):
    import duckdb
    import pandas as pd

    for config in CONFIGS:
        for split, part in loaded[config].items():
            (path,) = (ROOT / "data" / config).glob(f"{split}*.parquet")
            n = len(part)
            assert pq.read_table(path).num_rows == n
            assert len(pd.read_parquet(path)) == n
            assert duckdb.sql(f"select count(*) from read_parquet('{path}')").fetchall()[0][0] == n
    quotes = pd.read_parquet(ROOT / "data" / "quotes")
    assert set(quotes["speaker_name"].dropna()) <= {e["name"] for d in DOCS for e in d.doc["entities"]}


def test_parquet_metadata_carries_the_version_and_features():
    from whosaid.version import __version__

    for config in CONFIGS:
        for path in sorted((ROOT / "data" / config).glob("*.parquet")):
            meta = pq.read_schema(path).metadata
            assert json.loads(meta[b"whosaid"])["version"] == __version__
            assert b"huggingface" in meta


def test_readme_header_is_a_valid_dataset_card():
    from datasets.info import DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCard

    card = DatasetCard.load(ROOT / "README.md")
    configs = MetadataConfigs.from_dataset_card_data(card.data)
    assert sorted(configs) == sorted(CONFIGS)
    infos = DatasetInfosDict.from_dataset_card_data(card.data)
    for config in CONFIGS:
        assert infos[config].features == features(config)
        for entry in configs[config]["data_files"]:
            assert (ROOT / entry["path"]).is_file()


def test_readme_snippets_run(tmp_path):
    """Every ```python block of the README runs, as written, from the repository root."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippets = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert len(snippets) >= 3
    for snippet in snippets:
        env = {"HF_DATASETS_CACHE": str(tmp_path / "cache"), "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1",
               "PATH": "/usr/bin:/bin"}
        result = subprocess.run([sys.executable, "-c", snippet], cwd=ROOT, capture_output=True, text=True, env=env,
                                timeout=300)
        assert result.returncode == 0, snippet + result.stderr


def test_datasheet_statistics_match_whosaid_stats():
    result = run_cli("stats")
    assert result.returncode == 0
    datasheet = (ROOT / "DATASHEET.md").read_text(encoding="utf-8")
    assert result.stdout.strip() in datasheet


def test_make_build_summary_loads_every_config():
    result = run_cli("summary")
    assert result.returncode == 0, result.stderr
    counts = " ".join(rf"{split} \d+," for split in published_splits()).rstrip(",")
    for config in CONFIGS:
        assert re.search(rf"^  {config}\s+{counts}", result.stdout, re.M), result.stdout


def test_failure_after_rows_were_staged_publishes_nothing(tmp_path):
    """Two documents: the first is valid and its rows are staged, the second fails;
    the previous build's files stay byte for byte, and no staging folder is left."""
    fixture = ROOT / "tests" / "fixtures" / "valid"
    project = tmp_path / "p"
    shutil.copytree(fixture, project)
    for name in ("README.md", "DATASHEET.md"):
        shutil.copy(ROOT / name, project / name)
    doc = json.loads((project / "corpus" / "fx_crlf_emoji.json").read_text(encoding="utf-8"))
    seed = (project / "seeds" / "fx_crlf_emoji.txt").read_bytes()
    doc.update(doc_id="fx_second", seed={**doc["seed"], "path": "seeds/fx_second.txt"})
    (project / "seeds" / "fx_second.txt").write_bytes(seed)
    second = project / "corpus" / "fx_second.json"
    second.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (project / "corpus" / "splits" / "test.txt").write_text("fx_crlf_emoji\nfx_second\n")
    assert run_cli("build", "--root", project).returncode == 0
    published = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and "corpus" not in p.parts}
    assert len([p for p in published if p.suffix == ".parquet"]) == 5

    doc["timexes"][0]["value"] = "2023-02-30"
    second.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = run_cli("build", "--root", project)
    assert result.returncode == 1 and "[timex-date-invalid]" in result.stdout
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and "corpus" not in p.parts}
    assert after == published
    assert not [p for p in project.iterdir() if p.name.startswith(".data")]


def test_build_on_a_readme_without_its_blocks_is_a_user_error(tmp_path):
    """A README that lost its generated blocks: exit 1 naming the blocks and the fix,
    no traceback, no internal error, and nothing published changes."""
    fixture = ROOT / "tests" / "fixtures" / "valid"
    project = tmp_path / "p"
    shutil.copytree(fixture, project)
    shutil.copy(ROOT / "DATASHEET.md", project / "DATASHEET.md")
    (project / "README.md").write_text("---\npretty_name: x\n---\n# A README with no generated blocks\n",
                                       encoding="utf-8")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = run_cli("build", "--root", project)
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert "README.md: expected the generated block(s)" in result.stderr and "whosaid:begin stats" in result.stderr
    assert "Nothing was written" in result.stderr
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
    assert not [p for p in project.iterdir() if p.name.startswith(".data")]


def _gold_values(config: str, column: str):
    """What the gold corpus says each published cell of `column` holds, read from
    the corpus files independently of whosaid.publish.rows: one value per row, in order."""
    layer = {"entities": "entities", "quotes": "quotes", "timexes": "timexes", "stances": "stances"}.get(config)
    for d in DOCS:
        doc = d.doc
        names = {e["id"]: e["name"] for e in doc["entities"]}
        values = {t["id"]: t["value"] for t in doc["timexes"]}
        if layer is None:
            meta, dct = doc["document"], doc["document"]["dct"]
            flat = {**meta, **{f"dct_{k}" if k != "value" else "dct": v for k, v in dct.items()},
                    "doc_id": doc["doc_id"], "text": d.text, "text_sha256": doc["seed"]["sha256"],
                    "seed_path": doc["seed"]["path"], "status": doc["status"],
                    "schema_version": doc["schema_version"], "provenance": doc["provenance"]}
            yield flat[column]
            continue
        for record in doc[layer]:
            field = column.removesuffix("_id") if column.endswith("_id") and column != "doc_id" else column
            if column == "doc_id":
                yield doc["doc_id"]
            elif column in ("entity_id", "stance_id", "timex_id") or (column == "quote_id" and layer == "quotes"):
                yield record["id"]
            elif column == "quote_id":  # timexes: the innermost quote containing it
                span = record["span"]
                yield next((True for q in doc["quotes"] for f in q["content"]
                            if f["start"] <= span["start"] and span["end"] <= f["end"]), None)
            elif column in ("start", "end", "text") and layer == "timexes":
                yield record["span"][column]
            elif column == "content_text":
                yield record["content"]
            elif column == "speaker_name":
                yield names.get(record["speaker"])
            elif column in ("holder_name", "target_name"):
                yield names.get(record[column.removesuffix("_name")])
            elif column == "date_value":
                yield values.get(record["date"])
            elif column == "evidence_quote_ids":
                yield record["evidence"]
            else:
                yield record[field]


def test_every_column_the_gold_fills_is_published_non_null(loaded):
    """A renamed key where rows are built used to publish a column of nulls with
    every test green; each cell must be non-null exactly where the gold has a value."""
    from whosaid.publish.features import column_names

    for config in CONFIGS:
        table = [row for split in loaded[config].values() for row in split]
        for column in column_names(config):
            expected = [v is not None for v in _gold_values(config, column)]
            published = [row[column] is not None for row in table]
            assert published == expected, (config, column)
        assert table, config


def test_rows_whose_keys_differ_from_the_columns_are_refused():
    from whosaid.publish.rows import RowShapeError, conform, to_rows

    doc = DOCS[0]
    rows = to_rows(doc.doc, doc.text)
    row = dict(rows["quotes"][0])
    row["speaker"] = row.pop("speaker_name")
    with pytest.raises(RowShapeError, match="missing \\['speaker_name'\\], unknown \\['speaker'\\]"):
        conform("quotes", row)


def test_loading_every_config_prints_no_warning(tmp_path):
    """As a new user loads it (default logging): no 'splits field in YAML is malformed'."""
    code = ("import datasets, sys\n"
            "for config in sys.argv[2:]:\n"
            "    datasets.load_dataset(sys.argv[1], config, cache_dir=sys.argv[1] + '.cache')\n")
    project = tmp_path / "clone"
    clone_project(project)
    result = subprocess.run([sys.executable, "-c", code, str(project), *CONFIGS], capture_output=True, text=True,
                            timeout=600, env={"HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin",
                                              "HOME": str(tmp_path), "HF_DATASETS_DISABLE_PROGRESS_BARS": "1"})
    assert result.returncode == 0, result.stderr
    assert "Ignoring part of dataset_info" not in result.stderr, result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr


def test_a_rebuilt_release_is_what_load_dataset_returns_with_the_default_cache(tmp_path):
    """`datasets` keys its cache of a local folder on file names, not contents: a changed
    note must still reach a user who loads again with the default cache after a rebuild."""
    project = tmp_path / "clone"
    clone_project(project)
    env = {"HF_HOME": str(tmp_path / "hf"), "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1",
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    load = ("import datasets, sys\n"
            "rows = datasets.load_dataset(sys.argv[1], 'quotes', split='test')\n"
            "print(rows[0]['quote_id'], rows[0]['note'])\n")

    def first_note():
        result = subprocess.run([sys.executable, "-c", load, str(project)], capture_output=True, text=True,
                                env=env, timeout=600)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    before = first_note()
    doc_id = read_splits(project)["test"][0][1]
    gold = project / "corpus" / f"{doc_id}.json"
    doc = json.loads(gold.read_text(encoding="utf-8"))
    doc["quotes"][0]["note"] = "A note changed after the first release."
    gold.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert run_cli("build", "--root", project).returncode == 0
    after = first_note()
    assert before != after
    assert after == f"{doc['quotes'][0]['id']} A note changed after the first release."
