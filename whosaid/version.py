"""The one home of the WhoSaid release number and release date.

The build stamps the version into the Parquet metadata, data/MANIFEST.json,
croissant.json and the README header, and the date into croissant.json
(datePublished) and the BibTeX entry (year); CITATION.cff repeats both and a
test checks it. The date is the day the release was made, written here when
the version is bumped: the build never reads the clock.
"""

__version__ = "0.2.0"
RELEASE_DATE = "2026-11-28"
