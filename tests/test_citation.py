"""CITATION.cff: valid CFF 1.2.0, and in step with the version and the annotation licence.

The schema in tests/schemas/cff-1.2.0.schema.json is the official CFF 1.2.0 JSON
Schema, saved verbatim: `schema.json` of the citation-file-format/citation-file-format
repository at the 1.2.0 release ($id https://citation-file-format.github.io/1.2.0/schema.json,
sha256 0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b; the same bytes
that cffconvert 2.0.0 ships as cffconvert/schemas/1.2.0/schema.json). It is validated here
with jsonschema 4 because cffconvert pins jsonschema 3.2.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path

import jsonschema
import yaml

from whosaid.publish import croissant
from whosaid.version import __version__

ROOT = Path(__file__).resolve().parent.parent
CFF = ROOT / "CITATION.cff"
SCHEMA = ROOT / "tests" / "schemas" / "cff-1.2.0.schema.json"
SCHEMA_SHA256 = "0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b"


def _load_cff() -> dict:
    data = yaml.safe_load(CFF.read_text(encoding="utf-8"))

    # The schema's own note: YAML dates must be cast to strings before validating.
    def strings(value):
        if isinstance(value, dict):
            return {k: strings(v) for k, v in value.items()}
        if isinstance(value, list):
            return [strings(v) for v in value]
        return value.isoformat() if isinstance(value, datetime.date) else value

    return strings(data)


def test_schema_is_the_official_cff_1_2_0_schema():
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    jsonschema.Draft7Validator.check_schema(schema)


def test_citation_cff_is_valid_cff_1_2_0():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(_load_cff()), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_citation_cff_matches_the_release():
    cff = _load_cff()
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] == "dataset"
    assert str(cff["version"]) == __version__
    assert cff["license"] == croissant.LICENSE_SPDX == "CC-BY-4.0"
    assert croissant.LICENSE == "https://creativecommons.org/licenses/by/4.0/"
    assert cff["authors"] == [{"name": "The WhoSaid maintainers"}]  # an entity, not a person
    from whosaid.version import RELEASE_DATE

    # The release date has one home (whosaid/version.py); the build never reads the clock.
    assert str(cff["date-released"]) == RELEASE_DATE


def test_title_and_author_are_the_same_everywhere():
    """One home (whosaid/publish/about.py): the CFF, the package metadata and the README agree with it."""
    from whosaid.publish import about

    cff = _load_cff()
    assert cff["title"] == about.TITLE
    assert cff["authors"] == [{"name": about.CREATOR}]
    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert f'description = "{about.TITLE}' in pyproject
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert about.bibtex() in readme
    from whosaid.version import RELEASE_DATE

    assert f"year         = {{{RELEASE_DATE[:4]}}}" in about.bibtex()
