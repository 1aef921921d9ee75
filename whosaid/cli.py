"""`whosaid <command>`: validate, build, evaluate, stats.

Exit status: 0 success, 1 the data has problems, 2 the command was used wrongly.
No input produces a traceback: unexpected failures are reported in one line.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from whosaid.contract.project import corpus_files, find_root


class UsageError(Exception):
    """The command line names something that is not there."""


def _root(arg: str | None) -> Path:
    if arg:
        root = Path(arg)
        if not (root / "seeds").is_dir() or not (root / "corpus").is_dir():
            raise UsageError(f"--root {arg}: expected a folder holding seeds/ and corpus/, found none there")
        return root.resolve()
    root = find_root()
    if root is None:
        raise UsageError("no WhoSaid project here: run inside a folder holding seeds/ and corpus/, or pass --root")
    return root


def _expand(paths: list[str], root: Path) -> list[Path]:
    if not paths:
        return corpus_files(root)
    found: list[Path] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.json") if p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"{arg}: no such file or folder")
    return found


def cmd_validate(args) -> int:
    from whosaid.contract.checks import LEVELS
    from whosaid.contract.validate import validate

    root = _root(args.root)
    level = args.level
    if level.isdigit():
        if not 1 <= int(level) <= len(LEVELS):
            raise UsageError(f"--level {level}: expected 1 to {len(LEVELS)} or a name ({', '.join(LEVELS)})")
        level = LEVELS[int(level) - 1]
    elif level not in LEVELS:
        raise UsageError(f"--level {level}: expected 1 to {len(LEVELS)} or a name ({', '.join(LEVELS)})")
    report = validate(_expand(args.paths, root), root, release=args.release, level=level)
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in report.problems], ensure_ascii=False, indent=2))
    else:
        for item in report.problems:
            print(item.as_text())
    verdict = "valid" if report.ok else "INVALID"
    print(f"whosaid validate: {report.files} file(s), {report.errors} error(s), "
          f"{report.warnings} warning(s): {verdict}", file=sys.stderr)
    return 0 if report.ok else 1


def _documents_of(arg: str) -> dict[str, Path]:
    """{doc_id: path} of the corpus files a GOLD or PRED argument names."""
    from whosaid.contract.validate import parse_json

    path = Path(arg)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.json") if p.is_file())
    elif path.is_file():
        files = [path]
    else:
        raise UsageError(f"{arg}: no such file or folder")
    found = {}
    for file in files:
        doc, problems, _ = parse_json(file, str(file))
        if problems or not isinstance(doc, dict) or not isinstance(doc.get("doc_id"), str):
            raise UsageError(f"{file}: expected a corpus file with a doc_id; run `whosaid validate {file}`")
        found[doc["doc_id"]] = file
    return found


def cmd_evaluate(args) -> int:
    from whosaid.contract.validate import validate_file
    from whosaid.score.evaluate import as_text, evaluate_files

    root = _root(args.root)
    gold, pred = _documents_of(args.gold), _documents_of(args.pred)
    shared = sorted(set(gold) & set(pred))
    if not shared:
        raise UsageError(f"no doc_id is in both {args.gold} and {args.pred}")
    checks = [validate_file(path, root) for d in shared for path in (gold[d], pred[d])]
    if not all(checked.ok for checked in checks):
        for item in (p for checked in checks for p in checked.problems):
            print(item.as_text(), file=sys.stderr)
        print("whosaid evaluate: the files above are invalid; fix them first (nothing was scored)", file=sys.stderr)
        return 1
    result = evaluate_files(root, [(gold[d], pred[d]) for d in shared])
    result["missing_in_pred"] = sorted(set(gold) - set(pred))
    result["missing_in_gold"] = sorted(set(pred) - set(gold))
    if args.format == "json":
        print(json.dumps(result, indent=2, sort_keys=True))
    else:
        print(as_text(result))
        for key in ("missing_in_pred", "missing_in_gold"):
            if result[key]:
                print(f"{key}: {', '.join(result[key])}")
    return 0


def _refused(command: str, report, where: str) -> int:
    """Print the problems that stopped a command that writes nothing on an invalid corpus; exit 1."""
    for item in report.problems:
        print(item.as_text())
    print(f"whosaid {command}: {report.errors} error(s){where}; nothing was written "
          "(run `whosaid validate --release` to see them again)", file=sys.stderr)
    return 1


def cmd_build(args) -> int:
    from whosaid.publish.build import build
    from whosaid.publish.docs import DocsError

    root = _root(args.root)
    try:
        result = build(root, Path(args.out) if args.out else None)
    except DocsError as error:
        print(f"whosaid build: {error}. Nothing was written.", file=sys.stderr)
        return 1
    if not result.ok:
        return _refused("build", result.report, "")
    for name in result.written:
        print(f"wrote {name}")
    return 0


def cmd_stats(args) -> int:
    from whosaid.contract.corpus import iter_corpus
    from whosaid.contract.validate import validate
    from whosaid.publish.stats import markdown, tally

    root = _root(args.root)
    report = validate(corpus_files(root), root)
    if not report.ok:
        raise UsageError("the corpus is invalid; run `whosaid validate` first")
    table = tally(iter_corpus(root)).table()
    print(json.dumps(table, indent=2) if args.format == "json" else markdown(table))
    return 0


def cmd_add(args) -> int:
    from whosaid.annotate.add import apply, plan, read_manifest

    root = _root(args.root)
    if bool(args.manifest) == bool(args.text):
        raise UsageError("give a manifest, or --text with its metadata options (not both)")
    if args.manifest:
        manifest = Path(args.manifest)
        try:
            entries = read_manifest(manifest)
        except ValueError as error:
            raise UsageError(str(error)) from None
        base, only = manifest.parent, set(args.files) if args.files else None
    else:
        text = Path(args.text)
        entry = {"file": text.name, "sha256": args.sha256, "title": args.title, "date": args.date,
                 "url": args.url, "outlet": args.outlet, "licence": args.licence,
                 "attribution": args.attribution, "cleaning": args.cleaning, "source": None}
        if entry["sha256"] is None and text.is_file():
            from whosaid.contract.project import sha256_file
            entry["sha256"] = sha256_file(text)
        entries, base, only = [entry], text.parent, None
    planned = plan(root, entries, base, only)
    for error in planned.errors:
        print(error.as_text(), file=sys.stderr)
    if planned.errors:
        print(f"whosaid add: {len(planned.errors)} problem(s) in the input; nothing was written", file=sys.stderr)
        return 1
    for doc_id in apply(root, planned):
        print(f"added seeds/{doc_id}.txt and corpus/{doc_id}.json (draft, in no split)")
    for doc_id in planned.skipped:
        print(f"skipped {doc_id}: already added")
    print(f"whosaid add: {len(planned.added)} added, {len(planned.skipped)} already there", file=sys.stderr)
    return 0


def cmd_assign(args) -> int:
    from whosaid.annotate.add import read_manifest
    from whosaid.annotate.splits import append, assign

    root = _root(args.root)
    try:
        entries = read_manifest(Path(args.manifest))
    except ValueError as error:
        raise UsageError(str(error)) from None
    found = assign(root, entries)
    if not args.dry_run:
        append(root, found)
    for item in found:
        print(f"{'would add' if args.dry_run else 'added'} {item.doc_id} to {item.split} ({item.reason})")
    print(f"whosaid assign: {len(found)} document(s) {'to assign' if args.dry_run else 'assigned'}", file=sys.stderr)
    return 0


def cmd_site(args) -> int:
    from whosaid.view.site import SiteError, write_site

    root = _root(args.root)
    out = Path(args.out) if args.out else root / "site"
    try:
        result = write_site(root, out)
    except SiteError as error:
        raise UsageError(str(error)) from None
    if not result.ok:
        return _refused("site", result.report, " in the corpus")
    print(f"wrote {len(result.pages)} files into {out}; open {out / 'index.html'}")
    return 0


def cmd_review_apply(args) -> int:
    from whosaid.annotate.review import apply, parse_date, plan

    root = _root(args.root)
    reviewer = args.reviewer.strip()
    if not reviewer:
        raise UsageError("--reviewer: expected the reviewer's name or role (e.g. \"test reviewer\"), found nothing")
    try:
        date = parse_date(args.date) if args.date else datetime.date.today().isoformat()
    except ValueError as error:
        raise UsageError(f"--date: {error}") from None
    paths = [Path(p) for p in args.decisions]
    for path in paths:
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
    planned = plan(root, paths, reviewer, date)
    for item in planned.problems:
        print(item.as_text(), file=sys.stderr)
    if not planned.ok:
        print(f"whosaid review apply: {len(planned.problems)} problem(s); nothing was changed", file=sys.stderr)
        return 1
    for item in apply(planned):
        print(f"corpus/{item.doc_id}.json: {len(item.accepted)} accepted (now reviewed), {len(item.flagged)} flagged "
              f"(by {reviewer}, {date})")
    print("whosaid review apply: done; run `whosaid build` to count the review in the datasheet", file=sys.stderr)
    return 0


def cmd_summary(args) -> int:
    from whosaid.publish.load import summary

    root = _root(args.root)
    print(summary(root))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="whosaid", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", help="project folder holding seeds/ and corpus/ (default: found from the cwd)")

    p = sub.add_parser("validate", parents=[common], help="check corpus files against the schema, the seeds and each other")
    p.add_argument("paths", nargs="*", help="corpus files or folders (default: everything under corpus/)")
    p.add_argument("--release", action="store_true",
                   help="also require every published document and record to be reconciled or reviewed")
    p.add_argument("--level", default="release",
                   help="stop after this level: 1 json, 2 schema, 3 seed, 4 spans, 5 references, 6 content, "
                        "7 corpus, 8 release (a number or a name; default: all)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("evaluate", parents=[common], help="score PRED against GOLD (a system, or a second annotation pass)")
    p.add_argument("gold", help="a corpus file or a folder of them")
    p.add_argument("pred", help="a corpus file or a folder of them, matched to GOLD by doc_id")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_evaluate)

    p = sub.add_parser("build", parents=[common], help="validate (release), then write data/, croissant.json and generated docs")
    p.add_argument("--out", help="write into this folder instead of the project (for comparisons)")
    p.set_defaults(run=cmd_build)

    p = sub.add_parser("stats", parents=[common], help="counts of the gold corpus per split")
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")
    p.set_defaults(run=cmd_stats)

    p = sub.add_parser("add", parents=[common], help="add texts as seeds with skeleton corpus files (draft, in no split)")
    p.add_argument("manifest", nargs="?", help="a manifest: JSON list of {file, sha256, title, date, url, outlet, "
                   "licence, attribution, source, cleaning}, the texts beside it")
    p.add_argument("files", nargs="*", help="only these file names of the manifest (default: all)")
    p.add_argument("--text", help="one text file, with its metadata in the options below")
    p.add_argument("--sha256", help="expected sha256 of --text (default: computed)")
    for option in ("title", "date", "url", "outlet", "licence", "attribution", "cleaning"):
        p.add_argument(f"--{option}")
    p.set_defaults(run=cmd_add)

    p = sub.add_parser("assign", parents=[common],
                       help="append reconciled documents that are in no split to the split the rule gives them")
    p.add_argument("manifest", help="the manifest the documents were added from (the rule numbers its articles by date)")
    p.add_argument("--dry-run", action="store_true", help="print the assignments, change nothing")
    p.set_defaults(run=cmd_assign)

    p = sub.add_parser("site", parents=[common], help="write a static HTML view of the corpus, with review controls")
    p.add_argument("--out", help="folder to write (default: site/ in the project); replaced whole")
    p.set_defaults(run=cmd_site)

    p = sub.add_parser("review", help="record a human reviewer's decisions")
    review = p.add_subparsers(dest="action", required=True)
    p = review.add_parser("apply", parents=[common], help="check decisions saved from the site against the corpus, "
                          "then mark accepted records reviewed and record the review (all or nothing)")
    p.add_argument("decisions", nargs="+", help="decisions file(s) saved from document pages")
    p.add_argument("--reviewer", required=True, help="who reviewed, as they ask to be named (a name or a role)")
    p.add_argument("--date", help="the review's date, YYYY-MM-DD (default: today)")
    p.set_defaults(run=cmd_review_apply)

    p = sub.add_parser("summary", parents=[common], help="load every published config with datasets.load_dataset and count rows")
    p.set_defaults(run=cmd_summary)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        print(f"whosaid {args.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last guard: a one-line report, never a traceback
        print(f"whosaid {args.command}: internal error: {type(error).__name__}: {error}. This is a bug in "
              "whosaid: please report it with the command that caused it. Each file is replaced whole or not "
              "at all, but the command stopped part-way: `git status` shows which files it had already "
              "replaced.", file=sys.stderr)
        return 3
