"""The published columns: for each config, its `datasets.Features` and what each column means.

Label sets come from the schema (`whosaid.contract.schema`); column descriptions point
into the schema's descriptions wherever the column is a corpus field, so each
fact is written once. The README's field tables are generated from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from datasets import ClassLabel, Features, List, Value

from whosaid.contract import schema

CONFIGS = ("documents", "entities", "quotes", "timexes", "stances")
DEFAULT_CONFIG = "documents"

SPAN = {"start": Value("int32"), "end": Value("int32"), "text": Value("string")}
STRING = Value("string")


@dataclass(frozen=True)
class Column:
    name: str
    feature: object
    doc: str  # literal text, or "#/json/pointer" into the schema

    @property
    def description(self) -> str:
        return schema.describe(self.doc[1:]) if self.doc.startswith("#/") else self.doc


def _label(name: str) -> ClassLabel:
    return ClassLabel(names=list(schema.labels(name)))


DOC_ID = Column("doc_id", STRING, "#/properties/doc_id")
NOTE = "Why a hard annotation decision went the way it did (cites GUIDELINES.md), or null."
STATUS = Column("status", _label("status"), "#/$defs/status")

COLUMNS: dict[str, tuple[Column, ...]] = {
    "documents": (
        DOC_ID,
        Column("text", STRING, "The seed text, exactly as decoded from UTF-8; every offset in every config indexes it in code points."),
        Column("text_sha256", STRING, "#/properties/seed/properties/sha256"),
        Column("seed_path", STRING, "#/properties/seed/properties/path"),
        Column("language", STRING, "#/properties/document/properties/language"),
        Column("dct", STRING, "#/properties/document/properties/dct/properties/value"),
        Column("dct_basis", _label("dct_basis"), "#/properties/document/properties/dct/properties/basis"),
        Column("dct_evidence", List(SPAN), "#/properties/document/properties/dct/properties/evidence"),
        Column("dct_note", STRING, "#/properties/document/properties/dct/properties/note"),
        Column("title", STRING, "#/properties/document/properties/title"),
        Column("outlet", STRING, "#/properties/document/properties/outlet"),
        Column("url", STRING, "#/properties/document/properties/url"),
        Column("licence", STRING, "#/properties/document/properties/licence"),
        Column("attribution", STRING, "#/properties/document/properties/attribution"),
        Column("source", {
            "dataset": STRING, "repository": STRING, "path": STRING, "commit": STRING, "record": STRING,
            "cleaning": STRING,
        }, "#/$defs/text_source"),
        Column("rights", STRING, "#/properties/document/properties/rights"),
        Column("status", _label("status"), "#/properties/status"),
        Column("schema_version", STRING, "#/properties/schema_version"),
        Column("provenance", {
            "method": STRING,
            "passes": List({"role": STRING, "kind": STRING, "file": STRING, "inputs": List(STRING), "note": STRING}),
            "tools": List(STRING),
            "reviews": List({"reviewer": STRING, "date": STRING, "accepted": List(STRING),
                             "flagged": List({"id": STRING, "comment": STRING})}),
        }, "#/$defs/provenance"),
    ),
    "entities": (
        DOC_ID,
        Column("entity_id", STRING, "#/$defs/id"),
        Column("name", STRING, "#/$defs/entity/properties/name"),
        Column("type", _label("entity_type"), "#/$defs/entity_type"),
        Column("description", STRING, "#/$defs/entity/properties/description"),
        Column("wikidata", STRING, "#/$defs/entity/properties/wikidata"),
        Column("mentions", List(SPAN), "#/$defs/entity/properties/mentions"),
        STATUS,
        Column("note", STRING, NOTE),
    ),
    "quotes": (
        DOC_ID,
        Column("quote_id", STRING, "#/$defs/id"),
        Column("type", _label("quote_type"), "#/$defs/quote_type"),
        Column("content", List(SPAN), "#/$defs/quote/properties/content"),
        Column("content_text", STRING, "The content's text: its fragments joined by ` [...] `."),
        Column("cue", SPAN, "#/$defs/quote/properties/cue"),
        Column("speaker_id", STRING, "#/$defs/quote/properties/speaker"),
        Column("speaker_name", STRING, "Canonical name of the speaker entity, or null."),
        Column("speaker_mention", SPAN, "#/$defs/quote/properties/speaker_mention"),
        Column("parent_id", STRING, "#/$defs/quote/properties/parent"),
        Column("addressee_id", STRING, "#/$defs/quote/properties/addressee"),
        Column("medium", _label("medium"), "#/$defs/medium"),
        Column("date_id", STRING, "#/$defs/quote/properties/date"),
        Column("date_value", STRING, "TIMEX3 value of the quote's date timex, or null."),
        STATUS,
        Column("note", STRING, NOTE),
    ),
    "timexes": (
        DOC_ID,
        Column("timex_id", STRING, "#/$defs/id"),
        Column("start", Value("int32"), "#/$defs/span/properties/start"),
        Column("end", Value("int32"), "#/$defs/span/properties/end"),
        Column("text", STRING, "#/$defs/span/properties/text"),
        Column("type", _label("timex_type"), "#/$defs/timex_type"),
        Column("value", STRING, "#/$defs/timex/properties/value"),
        Column("anchor", STRING, "#/$defs/timex/properties/anchor"),
        Column("temporal_function", Value("bool"), "#/$defs/timex/properties/temporal_function"),
        Column("mod", STRING, "#/$defs/timex_mod"),
        Column("quote_id", STRING, "Id of the innermost attribution whose content contains the timex, or null."),
        STATUS,
        Column("note", STRING, NOTE),
    ),
    "stances": (
        DOC_ID,
        Column("stance_id", STRING, "#/$defs/id"),
        Column("holder_id", STRING, "#/$defs/stance/properties/holder"),
        Column("holder_name", STRING, "Canonical name of the holder entity."),
        Column("target_id", STRING, "#/$defs/stance/properties/target"),
        Column("target_name", STRING, "Canonical name of the target entity, or null when the target is a topic."),
        Column("target_topic", STRING, "#/$defs/stance/properties/target_topic"),
        Column("polarity", _label("polarity"), "#/$defs/polarity"),
        Column("evidence_quote_ids", List(STRING), "#/$defs/stance/properties/evidence"),
        STATUS,
        Column("note", STRING, NOTE),
    ),
}


def features(config: str) -> Features:
    return Features({column.name: column.feature for column in COLUMNS[config]})


def column_names(config: str) -> tuple[str, ...]:
    """The published column names of a config, in order: the one list rows must match."""
    return tuple(column.name for column in COLUMNS[config])
