"""The scorer on small cases whose every figure was computed by hand."""

import copy
import hashlib
import json
from collections import Counter

import pytest
from conftest import ROOT, run_cli

from whosaid.score.evaluate import cohen_kappa, evaluate, stance_scores, tokenize

TEXT = 'Ann said "We won." Bob said the game was close. Ann added that it rained on Monday.'


def span(text, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return {"start": start, "end": start + len(text), "text": text}


def doc(entities=(), quotes=(), timexes=(), stances=()):
    return {
        "schema_version": "2.0", "doc_id": "ev",
        "seed": {"path": "seeds/ev.txt", "sha256": hashlib.sha256(TEXT.encode()).hexdigest(), "length": len(TEXT)},
        "document": {"language": "en", "dct": {"value": "2024-11-06", "basis": "stated", "evidence": [], "note": None},
                     "title": None, "outlet": None, "url": None, "licence": None, "attribution": None,
                     "source": None, "rights": "test"},
        "status": "reconciled",
        "entities": list(entities), "quotes": list(quotes), "timexes": list(timexes), "stances": list(stances),
        "provenance": {"method": "test", "passes": [], "tools": []},
    }


def entity(eid, *mentions):
    return {"id": eid, "name": mentions[0]["text"], "type": "person", "description": None, "wikidata": None,
            "mentions": list(mentions), "status": "reconciled", "note": None}


def quote(qid, qtype, content, cue, speaker, mention):
    return {"id": qid, "type": qtype, "content": [content], "cue": cue, "speaker": speaker,
            "speaker_mention": mention, "parent": None, "addressee": None, "medium": "speech", "date": None,
            "status": "reconciled", "note": None}


def timex(tid, sp, value, ttype="DATE"):
    return {"id": tid, "span": sp, "type": ttype, "value": value, "anchor": "dct", "temporal_function": True,
            "mod": None, "status": "reconciled", "note": None}


def stance(sid, holder, target, polarity, evidence, topic=None):
    return {"id": sid, "holder": holder, "target": target, "target_topic": topic, "polarity": polarity,
            "evidence": evidence, "status": "reconciled", "note": None}


ANN, BOB, ANN2 = span("Ann"), span("Bob"), span("Ann", 1)
GOLD = doc(
    entities=[entity("e1", ANN, ANN2), entity("e2", BOB)],
    quotes=[
        quote("q1", "direct", span('"We won."'), span("said"), "e1", ANN),
        quote("q2", "indirect", span("the game was close"), span("said", 1), "e2", BOB),
        quote("q3", "indirect", span("it rained on Monday"), span("added"), "e1", ANN2),
    ],
    timexes=[timex("t1", span("Monday"), "2024-11-04")],
    stances=[stance("s1", "e1", "e2", "against", ["q1"]), stance("s2", "e1", None, "neutral", ["q3"], topic="rain")],
)
# The prediction: q1 exact; q2 partial (3 of 4 tokens), wrong speaker and type; q3 missed.
PRED = doc(
    entities=[entity("a", ANN), entity("b", BOB)],
    quotes=[
        quote("p1", "direct", span('"We won."'), span("said"), "a", ANN),
        quote("p2", "direct", span("game was close"), span("said", 1), "a", ANN),
    ],
    timexes=[timex("x1", span("on Monday"), "XXXX-WXX-1"), timex("x2", span("game"), "2024")],
    stances=[stance("r1", "a", "b", "favor", ["p1"])],
)


@pytest.fixture(scope="module")
def result():
    return evaluate([(GOLD, PRED, TEXT)])


def approx(value):
    return pytest.approx(value, abs=1e-9)


def test_tokenizer_splits_words_and_punctuation():
    assert [t for t in tokenize(TEXT)][:5] == [(0, 3), (4, 8), (9, 10), (10, 12), (13, 16)]


def test_quote_counts_and_exact_content(result):
    q = result["quotes"]
    assert (q["gold"], q["pred"], q["aligned"]) == (3, 2, 2)
    # 1 exact of 2 predicted and 3 gold: precision and recall differ (a swap is caught).
    assert q["content_exact"] == {"precision": approx(1 / 2), "recall": approx(1 / 3), "f1": approx(0.4)}


def test_quote_partial_content(result):
    # Tokens: '"We won."' = 5, 'the game was close' = 4, 'it rained on Monday' = 4 (gold 13);
    # predicted 5 + 3 = 8, all shared.
    assert result["quotes"]["content_partial"] == {
        "precision": approx(1.0), "recall": approx(8 / 13), "f1": approx(16 / 21)}


def test_cue_and_source_mention(result):
    q = result["quotes"]
    assert q["cue_exact"] == {"precision": approx(1.0), "recall": approx(2 / 3), "f1": approx(0.8)}
    # p2's source mention is "Ann" where the gold has "Bob".
    assert q["speaker_mention_exact"] == {"precision": approx(1 / 2), "recall": approx(1 / 3), "f1": approx(0.4)}


def test_speaker_and_type_accuracy(result):
    assert result["quotes"]["speaker_accuracy"] == approx(0.5)
    assert result["quotes"]["type_accuracy"] == approx(0.5)


def test_entity_mentions(result):
    e = result["entities"]
    assert e["mentions"] == {"precision": approx(1.0), "recall": approx(2 / 3), "f1": approx(0.8)}


def test_timexes_strict_relaxed_type_value(result):
    t = result["timexes"]
    assert t["strict"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert t["relaxed"] == {"precision": approx(1 / 2), "recall": approx(1.0), "f1": approx(2 / 3)}
    assert (t["type_accuracy"], t["value_accuracy"]) == (1.0, 0.0)


def test_stances_aligned_through_entities(result):
    s = result["stances"]
    assert (s["gold"], s["pred"], s["aligned"]) == (2, 1, 1)
    assert s["detection"] == {"precision": approx(1.0), "recall": approx(1 / 2), "f1": approx(2 / 3)}
    assert s["polarity_accuracy"] == 0.0
    assert s["counts_gold"] == {"favor": 0, "against": 1, "neutral": 1}
    assert s["counts_pred"] == {"favor": 1, "against": 0, "neutral": 0}


def test_stance_f_avg_and_kappa_by_hand():
    pairs = [("favor", "favor"), ("against", "against"), ("against", "favor"), ("neutral", "neutral")]
    # p_o = 3/4; p_e = (1*2 + 2*1 + 1*1) / 16 = 5/16; kappa = (12/16 - 5/16) / (11/16) = 7/11.
    assert cohen_kappa(pairs) == approx(7 / 11)
    counts = Counter({"stances gold favor": 1, "stances gold against": 2, "stances gold neutral": 1,
                      "stances pred favor": 2, "stances pred against": 1, "stances pred neutral": 1,
                      "stances gold": 4, "stances pred": 4})
    scores = stance_scores(pairs, counts)
    # favor: P 1/2, R 1 -> 2/3; against: P 1, R 1/2 -> 2/3.
    assert scores["per_class"]["favor"] == {"precision": approx(0.5), "recall": approx(1.0), "f1": approx(2 / 3)}
    assert scores["f_avg"] == approx(2 / 3)
    assert cohen_kappa([("favor", "favor")]) is None  # chance agreement 1: undefined


def test_identical_files_score_perfectly():
    r = evaluate([(GOLD, copy.deepcopy(GOLD), TEXT)])
    assert r["quotes"]["content_exact"]["f1"] == 1.0 and r["quotes"]["speaker_accuracy"] == 1.0
    assert r["timexes"]["strict"]["f1"] == 1.0 and r["stances"]["kappa"] == approx(1.0)
    assert r["stances"]["polarity_accuracy"] == 1.0


def test_empty_files():
    r = evaluate([(doc(), doc(), TEXT)])
    assert r["quotes"]["content_exact"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert r["quotes"]["speaker_accuracy"] is None and r["timexes"]["value_accuracy"] is None
    assert r["stances"]["kappa"] is None and r["stances"]["f_avg"] is None


def test_no_overlap():
    pred = doc(entities=[entity("z", span("added"))],
               quotes=[quote("z1", "indirect", span("Bob"), None, None, None)])
    r = evaluate([(GOLD, pred, TEXT)])
    assert r["quotes"]["aligned"] == 0
    assert r["quotes"]["content_partial"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert r["entities"]["mentions"]["f1"] == 0.0


def test_gold_and_pred_swapped_swaps_precision_and_recall(result):
    swapped = evaluate([(PRED, GOLD, TEXT)])["quotes"]["content_exact"]
    assert (swapped["precision"], swapped["recall"]) == (
        result["quotes"]["content_exact"]["recall"], result["quotes"]["content_exact"]["precision"])


def project(tmp_path, gold, pred):
    """A project folder with the seed, and the two files in gold/ and pred/."""
    for sub in ("seeds", "corpus/splits", "gold", "pred"):
        (tmp_path / sub).mkdir(parents=True)
    (tmp_path / "seeds" / "ev.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "corpus" / "splits" / "test.txt").write_text("ev\n")
    (tmp_path / "gold" / "ev.json").write_text(json.dumps(gold), encoding="utf-8")
    (tmp_path / "pred" / "ev.json").write_text(json.dumps(pred), encoding="utf-8")


def test_cli_scores_files(tmp_path):
    project(tmp_path, GOLD, PRED)
    result = run_cli("evaluate", "gold", "pred", "--format", "json", "--root", tmp_path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["quotes"]["content_exact"]["recall"] == approx(1 / 3)


def test_cli_refuses_invalid_input(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    result = run_cli("evaluate", bad, ROOT / "corpus" / "000_d4052f6e3a65e880.json")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_passes_agree_on_the_corpus_as_reported(tmp_path):
    """The agreement the README reports (A vs B summed over every published document
    with two passes) is what the scorer gives now."""
    from whosaid.contract.project import gold_files

    for name in ("A", "B"):
        (tmp_path / name).mkdir()
        for gold in gold_files(ROOT):
            source = ROOT / "corpus" / "passes" / gold.stem / f"{name}.json"
            if source.is_file():
                (tmp_path / name / f"{gold.stem}.json").write_bytes(source.read_bytes())
    result = run_cli("evaluate", tmp_path / "A", tmp_path / "B", "--format", "json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| quotes | content exact F1 |"))
    assert row.split("|")[3].strip() == f"{100 * scores['quotes']['content_exact']['f1']:.1f}"


def test_gold_target_without_aligned_entity_never_matches_a_topic_stance():
    """A gold stance toward Bob cannot align with a predicted topic stance when
    the prediction has no entity for Bob (None == None must not count)."""
    pred = doc(entities=[entity("a", ANN)],
               quotes=[quote("p1", "direct", span('"We won."'), span("said"), "a", ANN)],
               stances=[stance("r1", "a", None, "against", ["p1"], topic="something else")])
    gold = doc(entities=GOLD["entities"], quotes=GOLD["quotes"][:1],
               stances=[stance("s1", "e1", "e2", "against", ["q1"])])
    assert evaluate([(gold, pred, TEXT)])["stances"]["aligned"] == 0


def test_f_avg_counts_missed_and_spurious_stances():
    """SemEval's per-class P and R divide by every predicted and every gold stance
    of the class, so a missed stance lowers recall even when the rest agree."""
    quotes = GOLD["quotes"]
    gold = doc(entities=GOLD["entities"], quotes=quotes, stances=[
        stance("s1", "e1", "e2", "favor", ["q1"]),
        stance("s2", "e2", None, "favor", ["q2"], topic="the game"),
        stance("s3", "e1", None, "against", ["q3"], topic="rain"),
    ])
    pred = doc(entities=GOLD["entities"], quotes=quotes, stances=[
        stance("s1", "e1", "e2", "favor", ["q1"]),
        stance("s3", "e1", None, "against", ["q3"], topic="rain"),
    ])
    s = evaluate([(gold, pred, TEXT)])["stances"]
    assert s["aligned"] == 2 and s["polarity_accuracy"] == 1.0
    # favor: P 1/1, R 1/2 -> 2/3; against: P 1/1, R 1/1 -> 1; F-avg 5/6.
    assert s["per_class"]["favor"] == {"precision": approx(1.0), "recall": approx(0.5), "f1": approx(2 / 3)}
    assert s["f_avg"] == approx(5 / 6)


def test_null_gold_speaker_matches_only_a_null_prediction():
    gold = doc(entities=[], quotes=[quote("q1", "indirect", span("it rained on Monday"), span("added"), None, None)])
    for speaker, expected in ((None, 1.0), ("a", 0.0)):
        pred = doc(entities=[entity("a", ANN2)],
                   quotes=[quote("p1", "indirect", span("it rained on Monday"), span("added"), speaker,
                                 ANN2 if speaker else None)])
        assert evaluate([(gold, pred, TEXT)])["quotes"]["speaker_accuracy"] == expected


def test_cli_exits_1_on_an_invalid_prediction(tmp_path):
    bad = copy.deepcopy(PRED)
    bad["quotes"][0]["cue"]["text"] = "sad"
    project(tmp_path, GOLD, bad)
    result = run_cli("evaluate", "gold", "pred", "--root", tmp_path, cwd=tmp_path)
    assert result.returncode == 1
    assert "[span-text-mismatch]" in result.stderr and "nothing was scored" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("missing", ["favor", "against", "neutral"])
def test_a_file_scored_against_itself_has_f_avg_one_whichever_class_is_missing(missing):
    """SemEval-2016's F-avg averages the F1 of favor and against; a class that
    neither side uses has no F1 and is left out, so identical files score 1.0."""
    polarities = [p for p in ("favor", "against", "neutral") if p != missing]
    gold = doc(entities=GOLD["entities"], quotes=GOLD["quotes"], stances=[
        stance(f"s{i}", "e1" if i != 1 else "e2", None, polarity, [("q1", "q2", "q3")[i]], topic=f"topic {i} words")
        for i, polarity in enumerate(polarities)])
    s = evaluate([(gold, copy.deepcopy(gold), TEXT)])["stances"]
    assert s["detection"]["f1"] == 1.0 and s["kappa"] == approx(1.0)
    assert s["f_avg"] == 1.0
    assert s["per_class"][missing]["f1"] is None


def test_topic_stances_align_only_when_their_topics_share_a_word():
    """The README: stances align by holder and target; for a topic target the
    topics must share a content word, so "rain" never aligns with "the economy"."""
    gold = doc(entities=GOLD["entities"], quotes=GOLD["quotes"],
               stances=[stance("s1", "e1", None, "against", ["q3"], topic="rain")])
    for topic, aligned in (("the economy", 0), ("heavy rain", 1), ("Rain", 1)):
        pred = doc(entities=GOLD["entities"], quotes=GOLD["quotes"],
                   stances=[stance("r1", "e1", None, "against", ["q3"], topic=topic)])
        assert evaluate([(gold, pred, TEXT)])["stances"]["aligned"] == aligned, topic
