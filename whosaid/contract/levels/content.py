"""Level 6, `content`: TIMEX3 values and the DCT are well formed and name real dates; stance evidence is spoken by the holder."""

from __future__ import annotations

from whosaid.contract import timex
from whosaid.contract.checks import Problem, problem
from whosaid.contract.levels.text import short


def check_content(doc: dict, shown: str) -> list[Problem]:
    found = []
    why = timex.dct_problem(doc["document"]["dct"]["value"])
    if why:
        found.append(problem("dct-invalid", shown, "/document/dct/value",
                             f"expected {why if why.startswith('a ') else 'a real date'}, "
                             f"found {short(doc['document']['dct']['value'])}"
                             + ("" if why.startswith("a ") else f" ({why})")))
    for i, item in enumerate(doc["timexes"]):
        value, kind = item["value"], item["type"]
        if not timex.syntax_ok(kind, value):
            found.append(problem("timex-value-syntax", shown, f"/timexes/{i}/value",
                                 f"expected a TIMEX3 {kind} value, found {short(value)}"))
        else:
            why = timex.date_problem(kind, value)
            if why:
                found.append(problem("timex-date-invalid", shown, f"/timexes/{i}/value",
                                     f"expected a date that exists, found {short(value)} ({why})"))
        if item["temporal_function"] and item["anchor"] is None:
            found.append(problem("timex-anchor-missing", shown, f"/timexes/{i}/anchor",
                                 "expected \"dct\" or a timex id for a value computed by a temporal function, found null"))
    speakers = {q["id"]: q["speaker"] for q in doc["quotes"]}
    for i, stance in enumerate(doc["stances"]):
        for j, quote_id in enumerate(stance["evidence"]):
            if quote_id in speakers and speakers[quote_id] != stance["holder"]:
                found.append(problem("stance-evidence-speaker", shown, f"/stances/{i}/evidence/{j}",
                                     f"expected a quote by the holder {stance['holder']!r}, "
                                     f"found {quote_id!r} by {speakers[quote_id]!r}"))
    return found
