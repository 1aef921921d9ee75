"""`whosaid <command>`: validate, build, evaluate, stats.

Exit status: 0 success, 1 the data has problems, 2 the command was used wrongly.
No input produces a traceback: unexpected failures are reported in one line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from whosaid.project import corpus_files, find_root


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
    from whosaid.validate import validate

    root = _root(args.root)
    report = validate(_expand(args.paths, root), root, release=args.release)
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in report.problems], ensure_ascii=False, indent=2))
    else:
        for item in report.problems:
            print(item.as_text())
    verdict = "valid" if report.ok else "INVALID"
    print(f"whosaid validate: {report.files} file(s), {report.errors} error(s), "
          f"{report.warnings} warning(s): {verdict}", file=sys.stderr)
    return 0 if report.ok else 1


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="whosaid", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check corpus files against the schema, the seeds and each other")
    p.add_argument("paths", nargs="*", help="corpus files or folders (default: everything under corpus/)")
    p.add_argument("--release", action="store_true", help="also require every record to be checked")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--root", help="project folder holding seeds/ and corpus/ (default: found from the cwd)")
    p.set_defaults(run=cmd_validate)
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
        print(f"whosaid {args.command}: internal error: {type(error).__name__}: {error}. "
              "Nothing was written; please report this with the command that caused it.", file=sys.stderr)
        return 3
