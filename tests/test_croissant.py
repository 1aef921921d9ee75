"""croissant.json: valid Croissant 1.1 that mlcroissant loads offline, true to data/.

Reads the committed croissant.json, data/MANIFEST.json and data/**/*.parquet at
the repository root (written by `whosaid build`); builds nothing. Set
WHOSAID_PUBLISHED_ROOT to check another folder with the same layout (e.g. a
build into a temporary folder).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from whosaid.publish import croissant
from whosaid.publish.features import COLUMNS, CONFIGS
from whosaid.version import __version__

mlc = pytest.importorskip("mlcroissant")

# Deprecations inside mlcroissant 1.1.1 and rdflib, not ours.
pytestmark = [
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.reset_index"),
]

ROOT = Path(os.environ.get("WHOSAID_PUBLISHED_ROOT") or Path(__file__).resolve().parent.parent)
CROISSANT = ROOT / "croissant.json"
MANIFEST = ROOT / "data" / "MANIFEST.json"


@pytest.fixture(scope="module")
def jsonld() -> dict:
    assert CROISSANT.is_file(), f"{CROISSANT} is missing: run `whosaid build`"
    return json.loads(CROISSANT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def manifest() -> dict:
    assert MANIFEST.is_file(), f"{MANIFEST} is missing: run `whosaid build`"
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dataset(jsonld):
    # Raises ValidationError when the JSON-LD has errors.
    return mlc.Dataset(jsonld=CROISSANT)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _file_objects(jsonld: dict) -> list[dict]:
    return [d for d in jsonld["distribution"] if d["@type"] == "cr:FileObject"]


def test_validates_without_errors(dataset):
    assert not dataset.metadata.ctx.issues.errors, dataset.metadata.ctx.issues.report()


def test_header(jsonld, dataset, manifest):
    assert jsonld["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    assert jsonld["version"] == __version__ == manifest["version"]
    from whosaid.version import RELEASE_DATE

    assert jsonld["datePublished"] == RELEASE_DATE
    assert dataset.metadata.version == __version__
    assert jsonld["name"] == "WhoSaid"
    from whosaid.publish.about import TEXT_LICENCE_URLS

    # The annotations' licence first, then each text licence the corpus uses.
    assert jsonld["license"][0] == croissant.LICENSE
    assert jsonld["license"][1:] == [TEXT_LICENCE_URLS[k] for k in manifest["text_licences"] if k in TEXT_LICENCE_URLS
                                     and TEXT_LICENCE_URLS[k] != croissant.LICENSE]
    assert jsonld["inLanguage"] == "en" and manifest["languages"] == ["en"]
    assert jsonld["creator"] == {"@type": "sc:Organization", "name": "The WhoSaid maintainers"}
    assert "DATASHEET.md" in jsonld["description"]
    assert "The WhoSaid maintainers" in jsonld["citeAs"] and __version__ in jsonld["citeAs"]


def test_is_what_the_build_renders_from_the_manifest(manifest):
    """croissant.json is not stale: rendering the committed manifest gives the same bytes."""
    assert croissant.render(ROOT, manifest) == CROISSANT.read_text(encoding="utf-8")


def test_one_file_object_per_parquet_file_with_its_real_sha256(jsonld, manifest):
    objects = _file_objects(jsonld)
    urls = [o["contentUrl"] for o in objects]
    assert sorted(urls) == sorted(manifest["files"]), "FileObjects differ from the manifest's files"
    on_disk = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data").glob("*/*.parquet"))
    assert on_disk == sorted(manifest["files"]), "Parquet files on disk differ from the manifest"
    for obj in objects:
        path = ROOT / obj["contentUrl"]
        assert obj["encodingFormat"] == "application/x-parquet"
        assert obj["sha256"] == _sha256(path) == manifest["files"][obj["contentUrl"]]["sha256"], obj["@id"]


def test_one_record_set_per_config_one_field_per_column(jsonld, manifest):
    record_sets = {rs["@id"]: rs for rs in jsonld["recordSet"]}
    assert sorted(record_sets) == sorted(c for c in CONFIGS if manifest["configs"][c])
    for config, record_set in record_sets.items():
        ids = [field["@id"] for field in record_set["field"]]
        assert ids == [f"{config}/split"] + [f"{config}/{column.name}" for column in COLUMNS[config]]


@pytest.mark.parametrize("config", CONFIGS)
def test_record_set_loads_offline_with_the_parquet_row_counts(dataset, manifest, config):
    paths = [p for p in manifest["files"] if p.startswith(f"data/{config}/")]
    if not paths:
        pytest.skip(f"{config} has no rows in this build")
    parquet_rows = {p: pq.ParquetFile(ROOT / p).metadata.num_rows for p in paths}
    assert parquet_rows == {p: manifest["files"][p]["rows"] for p in paths}

    # Loading also makes mlcroissant check each FileObject's sha256.
    records = list(dataset.records(record_set=config))
    assert len(records) == sum(parquet_rows.values())
    by_split = Counter(record[f"{config}/split"].decode() for record in records)
    assert by_split == Counter({manifest["files"][p]["split"]: n for p, n in parquet_rows.items()})
    assert sorted(by_split) == manifest["configs"][config]
