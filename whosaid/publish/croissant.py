"""croissant.json: the Croissant 1.1 description of the published Parquet files.

`whosaid build` calls `render(root, manifest)` with the manifest it is about to
write as data/MANIFEST.json and writes the text to `croissant.json` at the root.
Everything comes from that manifest, `whosaid.publish.features` and
`whosaid.version`: no clock, no machine, no listing of the disk, so the same
inputs give the same bytes.

Shape, chosen because mlcroissant 1.1.1 both validates and loads it (see
tests/test_croissant.py):

* one `cr:FileObject` per Parquet file, `contentUrl` relative to this file,
  with the manifest's sha256 (mlcroissant checks it when it loads);
* one `cr:RecordSet` per config, one `cr:Field` per column (`<config>/<column>`),
  plus `<config>/split`, taken from the file name. A config with a single file
  reads that FileObject; a config with several splits reads a `cr:FileSet`
  (`data/<config>/*.parquet`);
* spans and structs are `subField`s picked out of the Parquet struct with
  `jsonPath`; lists of spans are `isArray` fields whose sub-fields are read
  element by element; ClassLabel columns are the integer label ids, their
  names listed in the description.
"""

from __future__ import annotations

import json
from pathlib import Path

from datasets import ClassLabel, List, Value

from whosaid.publish.about import (
    ANNOTATION_LICENSE_SPDX,
    ANNOTATION_LICENSE_URL,
    CREATOR,
    LANGUAGE_NAMES,
    NAME,
    TEXT_LICENCE_URLS,
    TITLE,
    bibtex,
)
from whosaid.publish.datafiles import SPLIT_FROM_NAME, split_of
from whosaid.publish.features import COLUMNS, CONFIGS
from whosaid.version import RELEASE_DATE, __version__

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
LICENSE = ANNOTATION_LICENSE_URL
LICENSE_SPDX = ANNOTATION_LICENSE_SPDX
PARQUET = "application/x-parquet"

DESCRIPTION = (
    TITLE + ". For each document it gives "
    "the attributions (direct, indirect and mixed quotes with their content, cue, speaker "
    "and addressee), the entities that speak or are spoken of, the TIMEX3 temporal "
    "expressions with their resolved values and the date each quote was made, and the "
    "stances that speakers take toward entities or topics, with the quotes that show them. "
    "Every offset counts Unicode code points into the document text, which is shipped in "
    "the `documents` record set. The annotations are released under CC BY 4.0. Each source "
    "text keeps its own licence, given with the attribution it requires in the `licence`, "
    "`attribution`, `url` and `rights` columns of `documents` and listed in DATASHEET.md"
)


def description(manifest: dict) -> str:
    """DESCRIPTION with the corpus's own count of texts per licence."""
    counts = "; ".join(f"{count} under {licence}" if licence != "unknown" else f"{count} whose rights are not established"
                       for licence, count in manifest["text_licences"].items())
    return f"{DESCRIPTION} (texts: {counts})."

CONFIG_DESCRIPTIONS = {
    "documents": "One row per document: its text (every offset indexes it in code points), "
                 "hash, document creation time and provenance.",
    "entities": "One row per entity: people, organisations, places and media that speak, "
                "are spoken to or are spoken of, with every mention.",
    "quotes": "One row per attribution: what was said (content spans), the cue, the speaker "
              "and its mention, the addressee, the medium and the date it was said.",
    "timexes": "One row per TIMEX3 temporal expression, with its normalised value and what it "
               "was resolved against.",
    "stances": "One row per stance: a holder's polarity toward a target entity or topic, with "
               "the quotes that show it.",
}

# Sub-fields of spans (whosaid.publish.features.SPAN), wherever they occur.
SUB_FIELD_DESCRIPTIONS = {
    "start": "Offset of the span's first code point in the document text (0-based).",
    "end": "Offset one past the span's last code point.",
    "text": "The document text between start and end, exactly.",
}

# Value dtypes -> schema.org data types.
DATA_TYPES = {
    "string": "sc:Text",
    "large_string": "sc:Text",
    "int8": "sc:Integer",
    "int16": "sc:Integer",
    "int32": "sc:Integer",
    "int64": "sc:Integer",
    "bool": "sc:Boolean",
    "float32": "sc:Float",
    "float64": "sc:Float",
}

CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileObject": "cr:fileObject",
    "fileProperty": "cr:fileProperty",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}


def _file_id(path: str) -> str:
    return path  # e.g. data/quotes/test-0123456789ab.parquet: unique, and says what it is


def _source(file_ref: dict, column: str | None = None, json_path: tuple[str, ...] = (), *,
            file_property: str | None = None, regex: str | None = None) -> dict:
    source = dict(file_ref)
    source["extract"] = {"column": column} if column is not None else {"fileProperty": file_property}
    transforms = [{"jsonPath": step} for step in json_path]
    if regex is not None:
        transforms.append({"regex": regex})
    if transforms:
        source["transform"] = transforms[0] if len(transforms) == 1 else transforms
    return source


def _label_note(feature: ClassLabel) -> str:
    return " Stored as the integer label id; labels in order: " + ", ".join(
        f"{i} = {name}" for i, name in enumerate(feature.names)) + "."


def _field(field_id: str, feature, description: str | None, file_ref: dict, column: str,
           path: tuple[str, ...] = ()) -> dict:
    """The cr:Field for `feature`, read from `column` and then down `path` (jsonPath steps).

    A step into a list applies the next steps to each element, so a field below a
    list is itself an array.
    """
    field: dict = {"@type": "cr:Field", "@id": field_id, "name": field_id.rsplit("/", 1)[1]}
    if description:
        field["description"] = description
    in_list = False
    if isinstance(feature, List):
        in_list, feature = True, feature.feature
    if isinstance(feature, dict):
        field["subField"] = [
            _field(f"{field_id}/{name}", sub, SUB_FIELD_DESCRIPTIONS.get(name), file_ref, column, (*path, name))
            for name, sub in feature.items()
        ]
    elif isinstance(feature, ClassLabel):
        field["dataType"] = "sc:Integer"
        field["description"] = (description or "") + _label_note(feature)
        field["source"] = _source(file_ref, column, path)
    elif isinstance(feature, Value):
        field["dataType"] = DATA_TYPES[feature.dtype]
        field["source"] = _source(file_ref, column, path)
    else:  # pragma: no cover - a new feature kind needs a decision here
        raise TypeError(f"{field_id}: no Croissant mapping for {feature!r}")
    if in_list:
        field["isArray"] = True
        field["arrayShape"] = "-1"
    return field


def _record_set(config: str, paths: list[str]) -> dict:
    if len(paths) == 1:
        file_ref = {"fileObject": {"@id": _file_id(paths[0])}}
    else:
        file_ref = {"fileSet": {"@id": f"data/{config}"}}
    splits = [split_of(p) for p in paths]
    fields = [{
        "@type": "cr:Field",
        "@id": f"{config}/split",
        "name": "split",
        "description": "The split the row belongs to (" + ", ".join(splits) + "), from the file name.",
        "dataType": "sc:Text",
        "source": _source(file_ref, file_property="fullpath", regex=SPLIT_FROM_NAME),
    }]
    fields += [_field(f"{config}/{column.name}", column.feature, column.description, file_ref, column.name)
               for column in COLUMNS[config]]
    return {
        "@type": "cr:RecordSet",
        "@id": config,
        "name": config,
        "description": CONFIG_DESCRIPTIONS[config],
        "field": fields,
    }


def metadata(manifest: dict) -> dict:
    files = manifest["files"]
    by_config = {config: sorted(p for p in files if p.startswith(f"data/{config}/")) for config in CONFIGS}
    distribution = [{
        "@type": "cr:FileObject",
        "@id": _file_id(path),
        "name": path,
        "description": f"The {split_of(path)} split of the {path.split('/')[1]} config "
                       f"({files[path]['rows']} rows).",
        "contentUrl": path,
        "contentSize": f"{files[path]['bytes']} B",
        "encodingFormat": PARQUET,
        "sha256": files[path]["sha256"],
    } for path in sorted(files)]
    distribution += [{
        "@type": "cr:FileSet",
        "@id": f"data/{config}",
        "name": f"data/{config}",
        "description": f"The Parquet files of the {config} config, one per split.",
        "encodingFormat": PARQUET,
        "includes": f"data/{config}/*.parquet",
    } for config, paths in by_config.items() if len(paths) > 1]
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": NAME,
        "description": description(manifest),
        "conformsTo": CONFORMS_TO,
        "version": __version__,
        "datePublished": RELEASE_DATE,
        "license": [LICENSE, *(TEXT_LICENCE_URLS[licence] for licence in manifest["text_licences"]
                               if licence in TEXT_LICENCE_URLS and TEXT_LICENCE_URLS[licence] != LICENSE)],
        "citeAs": bibtex(),
        "creator": {"@type": "sc:Organization", "name": CREATOR},
        "keywords": ["quotation attribution", "speaker attribution", "stance", "TIMEX3",
                     "temporal expressions", "news", *(LANGUAGE_NAMES.get(code, code) for code in manifest["languages"])],
        "inLanguage": manifest["languages"][0] if len(manifest["languages"]) == 1 else manifest["languages"],
        "isLiveDataset": False,
        "distribution": distribution,
        "recordSet": [_record_set(config, paths) for config, paths in by_config.items() if paths],
    }


def render(root: Path, manifest: dict) -> str:
    """croissant.json's text for `manifest` (the dict written as data/MANIFEST.json)."""
    del root  # everything needed is in the manifest; kept for the build's call signature
    if manifest.get("version") != __version__:
        raise ValueError(f"manifest version {manifest.get('version')!r} is not {__version__!r}")
    return json.dumps(metadata(manifest), indent=2, ensure_ascii=False) + "\n"
