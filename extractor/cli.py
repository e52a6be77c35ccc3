"""The ``zhnews`` command: extract, schema, evaluate."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from extractor.header import HeaderError, parse_date

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 2, 64


class InputError(Exception):
    """An input that cannot be read as an article; the message names it."""


def read_article(path: str) -> tuple[str, str]:
    """(doc_id, text) of a file path, or of standard input for ``-``."""
    if path == "-":
        raw, doc_id = sys.stdin.buffer.read(), "stdin"
    else:
        file = Path(path)
        doc_id = file.stem
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        return doc_id, raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "convert it to UTF-8 first"
        ) from exc


def _extractor(args: argparse.Namespace):
    from extractor.api import Extractor

    return Extractor(args.segmenter, pkuseg_model=args.pkuseg_model)


def cmd_extract(args: argparse.Namespace) -> int:
    published = parse_date(args.published, "--published") if args.published else None
    failures = 0
    readable: list[tuple[str, str]] = []
    for path in args.files:
        try:
            readable.append(read_article(path))
        except InputError as exc:
            print(f"zhnews: error: {exc}", file=sys.stderr)
            failures += 1
    extractor = _extractor(args)

    def articles() -> Iterator[tuple[str, dict]]:
        for doc_id, text in readable:
            yield text, {"doc_id": doc_id, "published": published}

    out = sys.stdout
    for record in extractor.pipe(articles()):
        out.write(record.model_dump_json(exclude_none=False) + "\n")
        out.flush()
    return EXIT_FAILURES if failures else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from models import ArticleRecord

    print(json.dumps(ArticleRecord.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from extractor.evaluate import evaluate_dir

    report = evaluate_dir(args.gold_dir, _extractor(args).extract)
    print(report.format(with_errors=args.errors))
    if args.json:
        Path(args.json).write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=list),
                                   encoding="utf-8")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zhnews", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def add_segmenter(p: argparse.ArgumentParser) -> None:
        p.add_argument("--segmenter", choices=["jieba", "pkuseg", "char"], default="jieba",
                       help="word segmenter behind spaCy (default: jieba)")
        p.add_argument("--pkuseg-model", metavar="DIR",
                       help="local spacy-pkuseg model directory (with --segmenter pkuseg)")

    extract = sub.add_parser("extract", help="print one JSON record per article file")
    extract.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 article files; - reads standard input")
    extract.add_argument("--published", metavar="YYYY-MM-DD", help="publication date (overrides a header's)")
    add_segmenter(extract)
    extract.set_defaults(func=cmd_extract)

    schema = sub.add_parser("schema", help="print the JSON Schema of ArticleRecord")
    schema.set_defaults(func=cmd_schema)

    evaluate = sub.add_parser("evaluate", help="score the extractor against X.txt + X.gold.json files")
    evaluate.add_argument("gold_dir", metavar="GOLD_DIR")
    evaluate.add_argument("--errors", action="store_true", help="list each document's missed and spurious items")
    evaluate.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    add_segmenter(evaluate)
    evaluate.set_defaults(func=cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``zhnews`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (HeaderError, FileNotFoundError, ValueError) as exc:
        print(f"zhnews: error: {exc}", file=sys.stderr)
        return EXIT_FAILURES
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
