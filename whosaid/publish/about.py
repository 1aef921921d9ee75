"""Who and what WhoSaid is, for the card, the citation and Croissant: one home for each."""

from whosaid.version import RELEASE_DATE, __version__

NAME = "WhoSaid"
TITLE = "WhoSaid: an adjudicated corpus of quotes, speakers, stances and dates in news text"
CREATOR = "The WhoSaid maintainers"
ANNOTATION_LICENSE_SPDX = "CC-BY-4.0"
ANNOTATION_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
# Addresses of the text licences the schema admits (document.licence), by SPDX id.
TEXT_LICENCE_URLS = {
    "CC-BY-2.5": "https://creativecommons.org/licenses/by/2.5/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "PDDL-1.0": "https://opendatacommons.org/licenses/pddl/1-0/",
}
LANGUAGE_NAMES = {"en": "English"}
# The Hugging Face card's size categories, by number of documents.
SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"))


def size_category(documents: int) -> str:
    """The card's `size_categories` value for a corpus of `documents` documents."""
    return next((name for limit, name in SIZE_CATEGORIES if documents < limit), "n>1M")


def bibtex() -> str:
    """The BibTeX entry shown in the README and given as Croissant's citeAs."""
    return (
        "@misc{whosaid,\n"
        f"  title        = {{{{{NAME}}}{TITLE[len(NAME):]}}},\n"
        f"  author       = {{{{{CREATOR}}}}},\n"
        f"  year         = {{{RELEASE_DATE[:4]}}},\n"
        f"  note         = {{Version {__version__}, released {RELEASE_DATE}}},\n"
        "  howpublished = {Dataset package with Parquet configs and a validator},\n"
        "}"
    )
