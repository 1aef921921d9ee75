"""`whosaid evaluate GOLD PRED`: score a system, or measure agreement between two passes.

Quotes are aligned one-to-one by maximising content token overlap (Dice),
with the Hungarian algorithm; entities of the two files are aligned through
their mentions the same way, so speaker, holder and target can be compared at
the entity level. Timexes follow TempEval-3 (strict and relaxed extraction,
type and value accuracy over relaxed matches); stances follow SemEval-2016
Task 6 (F-avg of favor and against) with Cohen's kappa. Counts are summed
over documents before any ratio is taken (micro-averaging).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from whosaid.contract import schema
from whosaid.contract.project import load_json, read_seed_text

TOKEN = re.compile(r"\w+|[^\w\s]")
# Weight of cue + source overlap in quote alignment. It can change which of two
# candidates is chosen only when their content Dice differs by less than 1e-3
# (identical content, as in a chain of reporters citing one statement, or
# quotes of over a thousand tokens).
TIE_BREAK = 1e-3


def tokenize(text: str) -> list[tuple[int, int]]:
    """Words and single punctuation marks, as (start, end) code-point offsets."""
    return [(m.start(), m.end()) for m in TOKEN.finditer(text)]


@dataclass(frozen=True)
class Tokens:
    """Maps spans to the document tokens they touch."""
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> "Tokens":
        bounds = tokenize(text)
        return cls(tuple(s for s, _ in bounds), tuple(e for _, e in bounds))

    def covered(self, spans) -> frozenset[int]:
        """Indices of the tokens that overlap any of the spans (None is skipped)."""
        found = set()
        for span in spans:
            if span is not None:
                # tokens are sorted and disjoint: the first ending after the span's
                # start up to the last starting before its end
                first = bisect_right(self.ends, span["start"])
                found.update(range(first, bisect_left(self.starts, span["end"], lo=first)))
        return frozenset(found)


def align(weights: np.ndarray) -> list[tuple[int, int]]:
    """One-to-one pairs (row, column) maximising the total weight; zero-weight pairs dropped."""
    if weights.size == 0:
        return []
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if weights[r, c] > 0]


def dice(a: frozenset, b: frozenset) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def prf(tp: float, n_pred: float, n_gold: float) -> dict:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def ratio(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _key(span: dict | None) -> tuple[int, int] | None:
    return None if span is None else (span["start"], span["end"])


def align_entities(gold: dict, pred: dict, tokens: Tokens) -> dict[str, str]:
    """{gold entity id: pred entity id} through shared mention tokens."""
    g_cover = [tokens.covered(e["mentions"]) for e in gold["entities"]]
    p_cover = [tokens.covered(e["mentions"]) for e in pred["entities"]]
    weights = np.array([[len(g & p) for p in p_cover] for g in g_cover], dtype=float).reshape(len(g_cover), len(p_cover))
    return {gold["entities"][r]["id"]: pred["entities"][c]["id"] for r, c in align(weights)}


def align_quotes(gold: dict, pred: dict, tokens: Tokens) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs of quotes, maximising content token Dice."""
    gq, pq = gold["quotes"], pred["quotes"]
    g_tok = [tokens.covered(q["content"]) for q in gq]
    p_tok = [tokens.covered(q["content"]) for q in pq]
    g_src = [tokens.covered([q["cue"], q["speaker_mention"]]) for q in gq]
    p_src = [tokens.covered([q["cue"], q["speaker_mention"]]) for q in pq]
    # Content overlap decides; cue and source overlap only break ties between
    # candidates with the same content (a chain of reporters citing one statement).
    weights = np.array([[dice(g_tok[i], p_tok[j]) + TIE_BREAK * dice(g_src[i], p_src[j]) if g_tok[i] & p_tok[j] else 0.0
                         for j in range(len(pq))] for i in range(len(gq))], dtype=float).reshape(len(gq), len(pq))
    return align(weights)


def align_timexes(gold: dict, pred: dict) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs of overlapping timexes (relaxed match)."""
    gt, pt = gold["timexes"], pred["timexes"]
    overlap = np.array([[max(0, min(g["span"]["end"], p["span"]["end"]) - max(g["span"]["start"], p["span"]["start"]))
                         for p in pt] for g in gt], dtype=float).reshape(len(gt), len(pt))
    return align(overlap)


def align_stances(gold: dict, pred: dict, entity_map: dict[str, str], quote_map: dict[str, str]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs of stances with the same aligned holder and
    target (for topics, a shared content word); shared evidence quotes break ties."""
    gs, ps = gold["stances"], pred["stances"]

    def weight(g, p):
        if entity_map.get(g["holder"]) != p["holder"]:
            return 0.0
        shared = len({quote_map.get(q) for q in g["evidence"]} & set(p["evidence"]))
        if g["target"] is not None:
            aligned = g["target"] in entity_map and entity_map[g["target"]] == p["target"]
            return 2.0 + shared if aligned else 0.0
        if p["target"] is not None:
            return 0.0
        overlap = dice(topic_words(g["target_topic"]), topic_words(p["target_topic"]))
        return 1.0 + shared + overlap if overlap else 0.0

    weights = np.array([[weight(g, p) for p in ps] for g in gs], dtype=float).reshape(len(gs), len(ps))
    return align(weights)


@dataclass(frozen=True)
class Alignment:
    """How the records of two files of one document pair up: every score is counted on it,
    and the site's agreement view shows it."""
    entities: dict[str, str]              # gold entity id -> pred entity id
    quotes: tuple[tuple[int, int], ...]   # (gold index, pred index)
    timexes: tuple[tuple[int, int], ...]
    stances: tuple[tuple[int, int], ...]


def align_document(gold: dict, pred: dict, tokens: Tokens) -> Alignment:
    entity_map = align_entities(gold, pred, tokens)
    quotes = align_quotes(gold, pred, tokens)
    quote_map = {gold["quotes"][r]["id"]: pred["quotes"][c]["id"] for r, c in quotes}
    return Alignment(entity_map, tuple(quotes), tuple(align_timexes(gold, pred)),
                     tuple(align_stances(gold, pred, entity_map, quote_map)))


def quote_agreement(g: dict, p: dict, entity_map: dict[str, str]) -> dict[str, bool]:
    """Which fields of two aligned quotes agree: spans exactly (content, cue, source
    mention), type, and speaker at the entity level (through `entity_map`)."""
    expected = None if g["speaker"] is None else entity_map.get(g["speaker"], "<unaligned>")
    return {
        "content": [_key(s) for s in g["content"]] == [_key(s) for s in p["content"]],
        "cue": _key(g["cue"]) == _key(p["cue"]),
        "speaker_mention": _key(g["speaker_mention"]) == _key(p["speaker_mention"]),
        "type": g["type"] == p["type"],
        "speaker": expected == p["speaker"],
    }


def timex_agreement(g: dict, p: dict) -> dict[str, bool]:
    """Which fields of two aligned (overlapping) timexes agree."""
    return {"extent": _key(g["span"]) == _key(p["span"]), "type": g["type"] == p["type"], "value": g["value"] == p["value"]}


@dataclass
class Tally:
    """Raw counts summed over documents; `report` turns them into metrics."""
    n: Counter = field(default_factory=Counter)
    stance_pairs: list = field(default_factory=list)  # (gold polarity, pred polarity) of aligned stances

    def add_document(self, gold: dict, pred: dict, text: str) -> None:
        tokens = Tokens.of(text)
        alignment = align_document(gold, pred, tokens)
        self._quotes(gold, pred, tokens, alignment)
        self._timexes(gold, pred, alignment.timexes)
        self._entities(gold, pred)
        self._stances(gold, pred, alignment.stances)
        self.n["documents"] += 1

    def _quotes(self, gold, pred, tokens, alignment: Alignment) -> None:
        n = self.n
        gq, pq = gold["quotes"], pred["quotes"]
        g_tok = [tokens.covered(q["content"]) for q in gq]
        p_tok = [tokens.covered(q["content"]) for q in pq]
        n["quotes gold"] += len(gq)
        n["quotes pred"] += len(pq)
        n["quotes aligned"] += len(alignment.quotes)
        n["content tokens gold"] += sum(map(len, g_tok))
        n["content tokens pred"] += sum(map(len, p_tok))
        for role in ("cue", "speaker_mention"):
            n[f"{role} gold"] += sum(q[role] is not None for q in gq)
            n[f"{role} pred"] += sum(q[role] is not None for q in pq)
            n[f"{role} tokens gold"] += sum(len(tokens.covered([q[role]])) for q in gq)
            n[f"{role} tokens pred"] += sum(len(tokens.covered([q[role]])) for q in pq)
        for r, c in alignment.quotes:
            g, p = gq[r], pq[c]
            agree = quote_agreement(g, p, alignment.entities)
            n["content tokens shared"] += len(g_tok[r] & p_tok[c])
            n["content exact"] += agree["content"]
            for role in ("cue", "speaker_mention"):
                if g[role] is not None and p[role] is not None:
                    n[f"{role} exact"] += agree[role]
                    n[f"{role} tokens shared"] += len(tokens.covered([g[role]]) & tokens.covered([p[role]]))
            n["type agree"] += agree["type"]
            n["speaker agree"] += agree["speaker"]

    def _timexes(self, gold, pred, pairs) -> None:
        n = self.n
        gt, pt = gold["timexes"], pred["timexes"]
        n["timexes gold"] += len(gt)
        n["timexes pred"] += len(pt)
        n["timexes relaxed"] += len(pairs)
        for r, c in pairs:
            agree = timex_agreement(gt[r], pt[c])
            n["timexes strict"] += agree["extent"]
            n["timex type agree"] += agree["type"]
            n["timex value agree"] += agree["value"]

    def _entities(self, gold, pred) -> None:
        g = {_key(m) for e in gold["entities"] for m in e["mentions"]}
        p = {_key(m) for e in pred["entities"] for m in e["mentions"]}
        self.n["mentions gold"] += len(g)
        self.n["mentions pred"] += len(p)
        self.n["mentions exact"] += len(g & p)
        self.n["entities gold"] += len(gold["entities"])
        self.n["entities pred"] += len(pred["entities"])

    def _stances(self, gold, pred, pairs) -> None:
        gs, ps = gold["stances"], pred["stances"]
        self.n["stances gold"] += len(gs)
        self.n["stances pred"] += len(ps)
        self.n["stances aligned"] += len(pairs)
        for label in schema.POLARITIES:
            self.n[f"stances gold {label}"] += sum(s["polarity"] == label for s in gs)
            self.n[f"stances pred {label}"] += sum(s["polarity"] == label for s in ps)
        self.stance_pairs += [(gs[r]["polarity"], ps[c]["polarity"]) for r, c in pairs]

    def report(self) -> dict:
        n = self.n
        quotes = {
            "gold": n["quotes gold"], "pred": n["quotes pred"], "aligned": n["quotes aligned"],
            "content_exact": prf(n["content exact"], n["quotes pred"], n["quotes gold"]),
            "content_partial": prf(n["content tokens shared"], n["content tokens pred"], n["content tokens gold"]),
            "type_accuracy": ratio(n["type agree"], n["quotes aligned"]),
            "speaker_accuracy": ratio(n["speaker agree"], n["quotes aligned"]),
        }
        for role in ("cue", "speaker_mention"):
            quotes[f"{role}_exact"] = prf(n[f"{role} exact"], n[f"{role} pred"], n[f"{role} gold"])
            quotes[f"{role}_partial"] = prf(n[f"{role} tokens shared"], n[f"{role} tokens pred"], n[f"{role} tokens gold"])
        timexes = {
            "gold": n["timexes gold"], "pred": n["timexes pred"],
            "strict": prf(n["timexes strict"], n["timexes pred"], n["timexes gold"]),
            "relaxed": prf(n["timexes relaxed"], n["timexes pred"], n["timexes gold"]),
            "type_accuracy": ratio(n["timex type agree"], n["timexes relaxed"]),
            "value_accuracy": ratio(n["timex value agree"], n["timexes relaxed"]),
        }
        entities = {
            "gold": n["entities gold"], "pred": n["entities pred"],
            "mentions_gold": n["mentions gold"], "mentions_pred": n["mentions pred"],
            "mentions": prf(n["mentions exact"], n["mentions pred"], n["mentions gold"]),
        }
        return {
            "documents": n["documents"], "quotes": quotes, "timexes": timexes,
            "entities": entities, "stances": stance_scores(self.stance_pairs, n),
        }


STOP_WORDS = frozenset("the and for with from that this into over about its their his her of on in to a an".split())
F_AVG_CLASSES = ("favor", "against")


def topic_words(topic: str | None) -> frozenset[str]:
    """The content words of a stance topic: case-folded words of three or more
    letters outside a short stop list. Two topic targets match when they share one."""
    return frozenset(w for w in re.findall(r"\w+", (topic or "").casefold()) if len(w) >= 3 and w not in STOP_WORDS)


def stance_scores(pairs: list[tuple[str, str]], n: Counter) -> dict:
    """Polarity accuracy and kappa over aligned pairs; per-class P/R/F1 and F-avg
    as SemEval-2016 Task 6 defines them, over every stance: a class's precision
    divides by all predicted stances of that class, its recall by all gold ones,
    so missed and spurious stances count against it. F-avg is the mean F1 of
    `favor` and `against`, taken over those of the two classes that occur in the
    gold or the prediction: a class absent from both has no F1 (None), not 0,
    so a file scored against itself gets 1.0. None when neither class occurs."""
    labels = schema.POLARITIES
    per_class = {}
    for label in labels:
        tp = sum(g == p == label for g, p in pairs)
        gold, pred = n[f"stances gold {label}"], n[f"stances pred {label}"]
        per_class[label] = prf(tp, pred, gold) if gold or pred else \
            {"precision": None, "recall": None, "f1": None}
    present = [per_class[label]["f1"] for label in F_AVG_CLASSES if per_class[label]["f1"] is not None]
    return {
        "gold": n["stances gold"], "pred": n["stances pred"], "aligned": n["stances aligned"],
        "detection": prf(n["stances aligned"], n["stances pred"], n["stances gold"]),
        "polarity_accuracy": ratio(sum(g == p for g, p in pairs), len(pairs)),
        "f_avg": sum(present) / len(present) if present else None,
        "kappa": cohen_kappa(pairs),
        "per_class": per_class,
        "counts_gold": {label: n[f"stances gold {label}"] for label in labels},
        "counts_pred": {label: n[f"stances pred {label}"] for label in labels},
    }


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two labelings; None when undefined (no items, or chance agreement is 1)."""
    if not pairs:
        return None
    total = len(pairs)
    observed = sum(g == p for g, p in pairs) / total
    gold, pred = Counter(g for g, _ in pairs), Counter(p for _, p in pairs)
    expected = sum(gold[label] * pred[label] for label in gold) / total ** 2
    return None if expected == 1 else (observed - expected) / (1 - expected)


def evaluate(pairs: list[tuple[dict, dict, str]]) -> dict:
    """Score (gold, pred, text) triples, one per document."""
    tally = Tally()
    for gold, pred, text in pairs:
        tally.add_document(gold, pred, text)
    return tally.report()


def evaluate_files(root: Path, pairs: list[tuple[Path, Path]]) -> dict:
    """Score (gold file, pred file) pairs of valid corpus files; texts from root's seeds."""
    triples = []
    for gold_path, pred_path in pairs:
        gold, pred = load_json(gold_path), load_json(pred_path)
        triples.append((gold, pred, read_seed_text(root / gold["seed"]["path"])))
    return evaluate(triples)


def percent(value) -> str:
    """A ratio as a percentage with one decimal, `n/a` when undefined."""
    return "n/a" if value is None else f"{100 * value:.1f}"




def as_text(result: dict) -> str:
    """A plain table of every figure in `result` (percentages)."""
    lines = [f"documents: {result['documents']}"]
    q, t, e, s = result["quotes"], result["timexes"], result["entities"], result["stances"]
    lines.append(f"quotes: gold {q['gold']}, pred {q['pred']}, aligned {q['aligned']}")
    for name in ("content_exact", "content_partial", "cue_exact", "cue_partial",
                 "speaker_mention_exact", "speaker_mention_partial"):
        m = q[name]
        lines.append(f"  {name:<24} P {percent(m['precision']):>5}  R {percent(m['recall']):>5}  F1 {percent(m['f1']):>5}")
    lines.append(f"  {'speaker_accuracy':<24} {percent(q['speaker_accuracy'])}   type_accuracy {percent(q['type_accuracy'])}")
    lines.append(f"timexes: gold {t['gold']}, pred {t['pred']}")
    for name in ("strict", "relaxed"):
        m = t[name]
        lines.append(f"  {name:<24} P {percent(m['precision']):>5}  R {percent(m['recall']):>5}  F1 {percent(m['f1']):>5}")
    lines.append(f"  {'type_accuracy':<24} {percent(t['type_accuracy'])}   value_accuracy {percent(t['value_accuracy'])}")
    m = e["mentions"]
    lines.append(f"entities: gold {e['gold']}, pred {e['pred']}; mentions gold {e['mentions_gold']}, pred {e['mentions_pred']}")
    lines.append(f"  {'mentions':<24} P {percent(m['precision']):>5}  R {percent(m['recall']):>5}  F1 {percent(m['f1']):>5}")
    lines.append(f"stances: gold {s['gold']}, pred {s['pred']}, aligned {s['aligned']} "
                 f"(gold {s['counts_gold']}, pred {s['counts_pred']})")
    m = s["detection"]
    lines.append(f"  {'detection':<24} P {percent(m['precision']):>5}  R {percent(m['recall']):>5}  F1 {percent(m['f1']):>5}")
    kappa = "n/a" if s["kappa"] is None else f"{s['kappa']:.3f}"
    lines.append(f"  polarity_accuracy {percent(s['polarity_accuracy'])}   F-avg {percent(s['f_avg'])}   kappa {kappa}")
    return "\n".join(lines)
