"""The one home of the WhoSaid release number.

The build stamps it into the Parquet metadata, data/MANIFEST.json,
croissant.json and the README header; CITATION.cff is checked against it.
"""

__version__ = "0.1.0"
