"""Take the README's picture of a document page, with the same headless Chromium the tests use.

    python scripts/screenshot.py            # writes docs/document-page.png

The site is written to a temporary folder from the committed corpus, the page is
opened from file:// at a fixed window size, and the entity whose mentions are
shown is ticked, as a reader would. Needs Debian's chromium and chromium-driver
and selenium (`make screenshot` runs it in the project's environment).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from whosaid.contract.project import find_root
from whosaid.view.browser import chromium, missing
from whosaid.view.site import write_site

DOC = "033_e8263c240859ae58"  # a CC BY 2.5 Wikinews article: direct, indirect and mixed quotes, one nested
ENTITY = "e3"                 # London: its mentions are shown, to picture the entity layer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doc", default=DOC, help=f"the document to picture (default {DOC})")
    parser.add_argument("--entity", default=ENTITY, help="the entity whose mentions are shown (default e3)")
    parser.add_argument("--out", default="docs/document-page.png", help="the PNG to write")
    parser.add_argument("--size", default="1280x860", help="window size WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    why = missing()
    if why:
        print(f"screenshot: {why}", file=sys.stderr)
        return 2
    root = find_root()
    if root is None:
        print("screenshot: run inside the project (a folder holding seeds/ and corpus/)", file=sys.stderr)
        return 2
    width, height = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = write_site(root, site)
        if not result.ok:
            print("screenshot: the corpus is invalid; run `whosaid validate --release`", file=sys.stderr)
            return 1
        page = site / "doc" / f"{args.doc}.html"
        if not page.is_file():
            print(f"screenshot: no published document {args.doc}", file=sys.stderr)
            return 2
        with chromium(size=(width, height)) as driver:
            driver.get(page.as_uri())
            errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            if errors:
                print(f"screenshot: the page logged errors: {errors}", file=sys.stderr)
                return 1
            if args.entity:
                driver.find_element("css selector", f'input[data-entity="{args.entity}"]').click()
            driver.execute_script("window.scrollTo(0, 0)")
            out = root / args.out
            out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(out))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
