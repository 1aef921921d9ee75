"""Property: no mutation of a valid file makes the validator crash.

Every run ends in exit 0 or 1 with one message per problem; never a traceback
and never the last-guard exit 3.
"""

import contextlib
import copy
import io
import json
import shutil
import tempfile
from pathlib import Path

from conftest import FIXTURES
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from whosaid.cli import main

VALID = FIXTURES / "valid"
DOC = json.loads((VALID / "corpus" / "fx_crlf_emoji.json").read_text(encoding="utf-8"))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-10**15, max_value=10**15)
    | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def containers(node, path=()):
    """Every (path, container) in a JSON tree."""
    if isinstance(node, (dict, list)):
        yield path, node
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in items:
            yield from containers(child, path + (key,))


@st.composite
def mutated(draw):
    doc = copy.deepcopy(DOC)
    for _ in range(draw(st.integers(1, 3))):
        places = list(containers(doc))
        _, node = places[draw(st.integers(0, len(places) - 1))]
        keys = list(node.keys()) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            continue
        key = keys[draw(st.integers(0, len(keys) - 1))]
        action = draw(st.sampled_from(["replace", "delete", "shift", "retext", "duplicate", "floatify"]))
        if action == "replace":
            node[key] = draw(json_values)
        elif action == "delete":
            del node[key]
        elif action == "shift" and isinstance(node, dict) and isinstance(node.get("start"), int) \
                and isinstance(node.get("end"), int):
            delta = draw(st.integers(-5, 5))
            node["start"] += delta
            node["end"] += draw(st.sampled_from([0, delta]))
        elif action == "retext" and isinstance(node, dict) and "text" in node:
            node["text"] = draw(st.text(max_size=6))
        elif action == "floatify" and isinstance(node[key], int) and not isinstance(node[key], bool):
            node[key] = float(node[key])  # 12 -> 12.0: JSON Schema calls it an integer
        elif action == "duplicate" and isinstance(node, list):
            node.append(copy.deepcopy(node[key]))
    raw = json.dumps(doc, ensure_ascii=False)
    if draw(st.integers(0, 9)) == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]
    return raw


def run_validate(raw: str):
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        shutil.copytree(VALID, project)
        (project / "corpus" / "fx_crlf_emoji.json").write_text(raw, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", "--root", str(project), "--release", "--format", "json"])
        return code, out.getvalue(), err.getvalue()


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutations_never_crash(raw):
    code, out, err = run_validate(raw)
    assert code in (0, 1), err
    problems = json.loads(out)
    assert (code == 1) == any(p["severity"] == "error" for p in problems)
    if code == 1:
        assert all(p["message"] and p["check"] and p["fix"] for p in problems)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
@example(json.dumps({**DOC, "entities": [{**DOC["entities"][0], "id": "e1\n"}, *DOC["entities"][1:]]}))
@example(json.dumps({**DOC, "doc_id": "fx_crlf_emoji\n"}))
def test_fast_and_reference_schema_validators_agree(raw):
    """The compiled fast path never accepts what the reference implementation rejects."""
    from whosaid.contract.levels.schema import _fast_schema_validator, _schema_validator, check_schema

    try:
        doc = json.loads(raw)
    except ValueError:
        return
    reference_ok = not any(True for _ in _schema_validator().iter_errors(doc))
    assert _fast_schema_validator().is_valid(doc) == reference_ok
    assert (check_schema(doc, "x") == []) == (reference_ok and not _has_float(doc))


def _has_float(node) -> bool:
    if isinstance(node, float):
        return True
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    return any(_has_float(child) for child in children)


def test_unmutated_copy_is_valid():
    code, out, _ = run_validate(json.dumps(DOC, ensure_ascii=False))
    assert (code, json.loads(out)) == (0, [])
