"""Baseline: dateparser 1.5 search_dates with the DCT as relative base.

search_dates gives (substring, datetime) pairs and no offsets (the converter
recovers them by searching the substrings in order). For the value's
granularity, each substring is also parsed with DateDataParser.get_date_data,
whose ``period`` (day/week/month/year/time) is recorded beside it.

Run with the baselines environment: .venv-baselines/bin/python scripts/baselines/run_dateparser.py
"""

import datetime
import sys
from importlib.metadata import version

import common

CALL = ("dateparser.search.search_dates(text, languages=['en'], "
        "settings={'RELATIVE_BASE': DCT}); period from DateDataParser.get_date_data(substring)")


def setup():
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    def run(text, dct):
        base = datetime.datetime.fromisoformat(dct)
        settings = {"RELATIVE_BASE": base}
        found = search_dates(text, languages=["en"], settings=settings) or []
        ddp = DateDataParser(languages=["en"], settings=settings)
        out = []
        for substring, when in found:
            data = ddp.get_date_data(substring)
            out.append({"text": substring, "datetime": when.isoformat(),
                        "period": data.period if data.date_obj else None})
        return out

    return run


if __name__ == "__main__":
    sys.exit(common.main("dateparser", lambda: {"dateparser": version("dateparser")}, setup, CALL))
