"""`whosaid site` without a browser: which pages it writes, that every corpus value is
escaped, that the agreement view pairs records as the scorer does, and that it refuses
to overwrite what it did not write. (tests/test_browser.py looks at the pages in Chromium.)"""

import json
import re
import shutil
from html.parser import HTMLParser

import pytest
from conftest import ROOT, run_cli
from escape_fixture import DOC_ID, IMG, SCRIPT, write_project

from whosaid.annotate.review import fingerprint
from whosaid.contract.corpus import load_corpus
from whosaid.contract.project import load_json
from whosaid.score.evaluate import evaluate
from whosaid.view.markup import Mark, render
from whosaid.view.site import MARKER, passes_of, write_site

DOCS = load_corpus(ROOT)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    result = write_site(ROOT, out)
    assert result.ok, [p.as_text() for p in result.report.problems]
    return out


@pytest.fixture(scope="module")
def escape_site(tmp_path_factory):
    project = write_project(tmp_path_factory.mktemp("escape") / "project")
    out = project / "site"
    result = write_site(project, out)
    assert result.ok, [p.as_text() for p in result.report.problems]
    return out


class Elements(HTMLParser):
    """Every start tag with its attributes, and the page's text with the tags taken out."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_the_site_has_an_index_a_page_per_document_and_an_agreement_page_per_pair_of_passes(site):
    written = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    published = {d.doc_id for d in DOCS}
    with_passes = {p.name for p in (ROOT / "corpus" / "passes").iterdir() if passes_of(ROOT, p.name)}
    assert written == ({"index.html", MARKER, "assets/site.css", "assets/site.js"}
                       | {f"doc/{d}.html" for d in published} | {f"agree/{d}.html" for d in with_passes})
    index = (site / "index.html").read_text(encoding="utf-8")
    for doc_id in published:
        assert f'href="doc/{doc_id}.html"' in index
    for doc_id in with_passes - published:  # waiting for adjudication: only their passes compared
        assert f'href="agree/{doc_id}.html"' in index


def test_pages_load_nothing_from_outside_the_site_folder(site):
    for page in site.rglob("*.html"):
        for tag, attrs in Elements(page.read_text(encoding="utf-8")).tags:
            for key in ("src", "href"):
                value = attrs.get(key)
                if value is None or (tag == "a" and value.startswith(("https://", "http://", "#"))):
                    continue  # a link the reader may follow; nothing the page loads
                assert value == "data:," or "://" not in value and not value.startswith("/"), (page, tag, value)
                if not value.startswith(("#", "data:")):
                    assert (page.parent / value.split("#")[0]).resolve().is_file(), (page, value)


def test_every_record_of_a_document_page_carries_its_current_fingerprint(site):
    for document in DOCS:
        html = (site / "doc" / f"{document.doc_id}.html").read_text(encoding="utf-8")
        blob = re.search(r'<script type="application/json" id="whosaid-review">(.*?)</script>', html, re.S).group(1)
        data = json.loads(blob)
        assert data["doc_id"] == document.doc_id and data["seed_sha256"] == document.doc["seed"]["sha256"]
        expected = [(layer, r["id"], fingerprint(r)) for layer in ("entities", "quotes", "timexes", "stances")
                    for r in document.doc[layer]]
        assert [(r["layer"], r["id"], r["fingerprint"]) for r in data["records"]] == expected
        review_cells = re.findall(r'<td class="review" data-layer="([a-z]+)" data-id="([^"]+)"', html)
        assert sorted(review_cells) == sorted((layer, rid) for layer, rid, _ in expected)


def test_markup_in_texts_metadata_and_notes_shows_as_text(escape_site):
    for page in (escape_site / "doc" / f"{DOC_ID}.html", escape_site / "agree" / f"{DOC_ID}.html",
                 escape_site / "index.html"):
        html = page.read_text(encoding="utf-8")
        parsed = Elements(html)
        scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
        assert all(a.get("type") == "application/json" or a.get("src", "").endswith("assets/site.js")
                   for a in scripts), scripts
        assert not [tag for tag, _ in parsed.tags if tag in {"img", "b", "i"}]
        assert "javascript:" not in "".join(a.get("href", "") for _, a in parsed.tags)
        assert "<script>window.pwned" not in html  # only ever escaped
    text = "".join(Elements((escape_site / "doc" / f"{DOC_ID}.html").read_text(encoding="utf-8")).text)
    for shown in (SCRIPT, IMG, '<script>window.pwned = 5</script> Mayor & "council" <i>disagree</i>',
                  "A note with <script>window.pwned = 3</script> & \"quotes\" & 'apostrophes' </td></tr></table>",
                  "javascript:window.pwned = 6"):
        assert shown in text


def test_crossing_spans_come_out_well_formed_in_pieces():
    html = render("a<b>cdef", [Mark(0, 5, "q", (("data-id", "q1"),), (("id", "x"),)), Mark(3, 7, "m")])
    assert html == ('<span class="q" data-id="q1" id="x">a&lt;b<span class="m">&gt;c</span></span>'
                    '<span class="m cont">de</span>f')


def test_the_agreement_view_pairs_records_exactly_as_the_scorer_counts_them(site):
    row = re.compile(r'<tr class="(?:agree|disagree)" data-layer="(\w+)" data-kinds="([^"]*)" '
                     r'data-gold="([^"]*)" data-a="([^"]*)" data-b="([^"]*)">')
    for page in sorted((site / "agree").glob("*.html")):
        a, b = passes_of(ROOT, page.stem)
        text = (ROOT / a["seed"]["path"]).read_text(encoding="utf-8")
        result = evaluate([(a, b, text)])
        rows = row.findall(page.read_text(encoding="utf-8"))
        quotes = [r for r in rows if r[0] == "quotes"]
        paired = [r for r in quotes if r[3] and r[4]]
        assert len(paired) == result["quotes"]["aligned"], page.name
        assert sorted(r[3] for r in quotes if r[3]) == sorted(q["id"] for q in a["quotes"])
        assert sorted(r[4] for r in quotes if r[4]) == sorted(q["id"] for q in b["quotes"])
        speaker_differs = sum("speaker" in r[1].split() for r in paired)
        assert speaker_differs == round(len(paired) * (1 - (result["quotes"]["speaker_accuracy"] or 1))), page.name
        timexes = [r for r in rows if r[0] == "timexes" and r[3] and r[4]]
        value_differs = sum("value" in r[1].split() for r in timexes)
        assert value_differs == round(len(timexes) * (1 - (result["timexes"]["value_accuracy"] or 1))), page.name
        gold = load_json(ROOT / "corpus" / f"{page.stem}.json")
        if gold["status"] != "draft":
            assert sorted(r[2] for r in quotes if r[2]) == sorted(q["id"] for q in gold["quotes"])


def test_the_agreement_view_names_each_kind_of_disagreement(escape_site):
    rows = re.findall(r'data-layer="(\w+)" data-kinds="([^"]*)" data-gold="([^"]*)" data-a="([^"]*)" data-b="([^"]*)"',
                      (escape_site / "agree" / f"{DOC_ID}.html").read_text(encoding="utf-8"))
    kinds = {(layer, gold): set(found.split()) for layer, found, gold, _, _ in rows}
    assert kinds[("quotes", "q1")] == {"boundary"}
    assert kinds[("quotes", "q2")] == set()
    assert kinds[("quotes", "q3")] == {"source-mention", "speaker"}
    assert kinds[("quotes", "q4")] == {"missing-in-A"}
    assert kinds[("timexes", "t1")] == {"value"}


def test_an_invalid_corpus_gets_no_site(tmp_path):
    project = write_project(tmp_path / "project")
    gold = project / "corpus" / f"{DOC_ID}.json"
    doc = json.loads(gold.read_text(encoding="utf-8"))
    doc["quotes"][0]["cue"]["start"] += 1
    gold.write_text(json.dumps(doc), encoding="utf-8")
    result = run_cli("site", "--root", project, "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "[span-text-mismatch]" in result.stdout and "nothing was written" in result.stderr
    assert not (tmp_path / "out").exists()


def test_site_replaces_only_a_folder_it_wrote(tmp_path):
    project = write_project(tmp_path / "project")
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli("site", "--root", project, "--out", mine)
    assert result.returncode == 2 and "choose another --out" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in mine.iterdir()] == ["keep.txt"]
    out = tmp_path / "out"
    assert run_cli("site", "--root", project, "--out", out).returncode == 0
    (out / "stale.html").write_text("old", encoding="utf-8")
    assert run_cli("site", "--root", project, "--out", out).returncode == 0
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()


def test_the_default_site_folder_is_not_committed(tmp_path):
    assert "/site/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    project = tmp_path / "project"
    for name in ("seeds", "corpus"):
        shutil.copytree(ROOT / name, project / name)
    result = run_cli("site", "--root", project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").is_file()


def test_the_readme_shows_a_picture_of_a_document_page_and_how_to_open_the_site():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"!\[[^\]]+\]\(docs/document-page\.png\)", readme)
    assert "whosaid site && xdg-open site/index.html" in readme
    png = (ROOT / "docs" / "document-page.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= 1000 and height >= 600
    script = (ROOT / "scripts" / "screenshot.py").read_text(encoding="utf-8")
    pictured = re.search(r'^DOC = "([^"]+)"', script, re.M).group(1)
    assert pictured in {d.doc_id for d in DOCS}
    title = next(d for d in DOCS if d.doc_id == pictured).doc["document"]["title"]
    assert f'"{title}", Wikinews contributors, CC BY 2.5' in readme  # the licence's attribution, beside the picture
