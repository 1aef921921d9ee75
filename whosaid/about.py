"""Who and what WhoSaid is, for the card, the citation and Croissant: one home for each."""

from whosaid.version import __version__

NAME = "WhoSaid"
TITLE = "WhoSaid: an adjudicated corpus of quotes, speakers, stances and dates in news text"
CREATOR = "The WhoSaid maintainers"
ANNOTATION_LICENSE_SPDX = "CC-BY-4.0"
ANNOTATION_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"


def bibtex() -> str:
    """The BibTeX entry shown in the README and given as Croissant's citeAs."""
    return (
        "@misc{whosaid,\n"
        f"  title        = {{{{{NAME}}}{TITLE[len(NAME):]}}},\n"
        f"  author       = {{{{{CREATOR}}}}},\n"
        f"  note         = {{Version {__version__}}},\n"
        "  howpublished = {Dataset package with Parquet configs and a validator},\n"
        "}"
    )
