"""The validator's checks: each with a stable id, a level, a severity, and a fix.

Ids never change meaning once published; a new rule gets a new id. Every id
has one invalid fixture under tests/fixtures/invalid/<id>/.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("json", "schema", "seed", "spans", "references", "content", "corpus", "release")


@dataclass(frozen=True)
class Check:
    id: str
    level: str
    severity: str  # "error" or "warning"
    summary: str
    fix: str


@dataclass(frozen=True)
class Problem:
    file: str
    pointer: str
    check: str
    severity: str
    message: str
    fix: str

    def as_text(self) -> str:
        where = f"{self.file}:{self.pointer}" if self.pointer else self.file
        return f"{where}: {self.severity} [{self.check}] {self.message}; {self.fix}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "pointer": self.pointer,
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
        }


_CHECKS = [
    Check("json-syntax", "json", "error", "the file is UTF-8 JSON",
          "fix the JSON syntax (a JSON linter shows where)"),
    Check("schema-violation", "schema", "error", "the file follows schema/annotation.schema.json",
          "make the value match the schema (see its description there)"),
    Check("seed-missing", "seed", "error", "the seed file named in /seed/path exists and is a file",
          "copy the seed text into seeds/ or correct /seed/path"),
    Check("seed-not-utf8", "seed", "error", "the seed file decodes as UTF-8",
          "seeds are stored as UTF-8; re-save the seed as UTF-8 and re-check every offset"),
    Check("seed-hash-mismatch", "seed", "error", "the seed's sha256 equals /seed/sha256",
          "the seed text changed or the hash is wrong: restore the seed byte for byte, or re-annotate against the new text"),
    Check("seed-length-mismatch", "seed", "error", "the seed's length in code points equals /seed/length",
          "set /seed/length to the seed's length in code points"),
    Check("doc-id-mismatch", "seed", "error", "doc_id is the seed file's stem (and the corpus file's name)",
          "name the file corpus/<doc_id>.json and the seed seeds/<doc_id>.txt"),
    Check("span-out-of-bounds", "spans", "error", "every span lies within the seed text",
          "fix the offsets: they count code points from 0 to the seed's length"),
    Check("span-empty", "spans", "error", "every span has end > start",
          "fix the offsets: spans are half-open [start, end) and never empty"),
    Check("span-text-mismatch", "spans", "error", "every span's text equals the seed text at its offsets",
          "fix the offsets or the text"),
    Check("span-whitespace", "spans", "error", "no span starts or ends with whitespace",
          "trim the span and its offsets (GUIDELINES G1.2)"),
    Check("span-fragment-order", "spans", "error", "fragments of one item are in text order and do not overlap",
          "sort the fragments by start and merge or split overlapping ones"),
    Check("id-duplicate", "references", "error", "ids are unique in the file across all layers",
          "give each record its own id"),
    Check("ref-unresolved", "references", "error", "every reference names an id in the file",
          "point the reference at an existing record or set it to null"),
    Check("ref-wrong-kind", "references", "error", "every reference names a record of the right kind",
          "speaker, addressee, holder and target name entities; date and anchor timexes; parent and evidence quotes"),
    Check("parent-cycle", "references", "error", "no quote is nested in itself through parent",
          "break the cycle: the outermost attribution has parent null"),
    Check("speaker-mention-mismatch", "references", "error",
          "a quote's speaker_mention is one of its speaker entity's mentions",
          "add the span to the speaker's mentions, or correct speaker / speaker_mention"),
    Check("mention-duplicate", "references", "error", "no span is a mention twice (in one or two entities)",
          "keep the mention once, in the entity it refers to (GUIDELINES G7.4)"),
    Check("timex-value-syntax", "content", "error", "a timex value is TIMEX3 syntax for its type",
          "write the value as GUIDELINES G9.5 shows (e.g. 2024-11-06, 2025-01, 2024-11-06TMO, P1D)"),
    Check("timex-date-invalid", "content", "error", "a timex value names a date or time that exists",
          "correct the value to a real date"),
    Check("timex-anchor-missing", "content", "error", "a timex computed from an anchor (temporal_function) names it",
          "set anchor to \"dct\" or to the timex it was resolved against"),
    Check("dct-invalid", "content", "error", "the document creation time is a real date YYYY-MM-DD",
          "write /document/dct/value as YYYY-MM-DD (GUIDELINES G9.12)"),
    Check("stance-evidence-speaker", "content", "warning", "a stance's evidence quotes are spoken by its holder",
          "check the holder, or cite only the holder's quotes (GUIDELINES G8.2)"),
    Check("split-missing", "corpus", "error", "every reconciled or reviewed document is in a split list",
          "add the doc_id to one of corpus/splits/<split>.txt (drafts stay out of the splits)"),
    Check("split-duplicate", "corpus", "error", "no document is listed in more than one split or twice",
          "keep the doc_id in exactly one split list"),
    Check("split-unknown-doc", "corpus", "error", "every id in a split list has a corpus file",
          "remove the id from the split, or add corpus/<doc_id>.json"),
    Check("split-bad-id", "corpus", "error", "every line of a split list is a doc_id (not a path)",
          "write the document's id alone, as in corpus/<doc_id>.json (no folders, no extension)"),
    Check("record-draft", "release", "error",
          "(--release) a published document and every record in it are reconciled or reviewed",
          "adjudicate the document from two independent passes (status \"reconciled\"), or take it out of the splits"),
]

CHECKS: dict[str, Check] = {check.id: check for check in _CHECKS}


def has_error(problems) -> bool:
    """Whether any of the problems is an error (warnings never fail a file)."""
    return any(p.severity == "error" for p in problems)


def problem(check_id: str, file: str, pointer: str, message: str) -> Problem:
    check = CHECKS[check_id]
    return Problem(file, pointer, check.id, check.severity, message, check.fix)
