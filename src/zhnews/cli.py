"""The ``zhnews`` command: extract, schema, evaluate."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from zhnews.text.header import HeaderError, parse_date

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
    from zhnews.api import Extractor

    return Extractor(args.segmenter, pkuseg_model=args.pkuseg_model, ner=args.ner)


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


def cmd_batch(args: argparse.Namespace) -> int:
    from zhnews.io.batch import BatchOptions, run_batch
    from zhnews.io.inputs import ReadOptions

    options = BatchOptions(
        workers=args.workers,
        resume=args.resume,
        max_chars=args.max_chars,
        segmenter=args.segmenter,
        pkuseg_model=args.pkuseg_model,
        ner=args.ner,
        progress=args.progress,
        include_text=args.include_text,
        read=ReadOptions(args.id_field, args.text_field, args.published_field),
    )
    summary = run_batch(args.inputs, args.output, options)
    print(f"zhnews batch: {summary.format()}", file=sys.stderr)
    return EXIT_FAILURES if summary.failures else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from zhnews.outputs.export import export

    if not (args.duckdb or args.parquet):
        print("zhnews export: error: give --duckdb FILE and/or --parquet DIR", file=sys.stderr)
        return EXIT_USAGE
    counts = export(args.records, duckdb_path=args.duckdb, parquet_dir=args.parquet)
    print("zhnews export: " + ", ".join(f"{table}: {n} rows" for table, n in counts.items()), file=sys.stderr)
    return EXIT_OK


def cmd_officials(args: argparse.Namespace) -> int:
    from zhnews.archive.officials import COLUMNS, officials_table
    from zhnews.archive.table import format_table, read_records, write_csv

    rows = officials_table(read_records(args.records))
    if args.csv:
        write_csv(rows, [c.name for c in COLUMNS], args.csv)
    shown = ["person_id", "name", "post", "place", "province", "first_date", "last_date", "articles", "doc_ids"]
    print(format_table(rows, shown))
    people = len({row["person_id"] for row in rows})
    print(f"zhnews officials: {people} people, {len(rows)} rows", file=sys.stderr)
    return EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    from zhnews.outputs.render import render_record

    published = parse_date(args.published, "--published") if args.published else None
    try:
        doc_id, text = read_article(args.file)
    except InputError as exc:
        print(f"zhnews: error: {exc}", file=sys.stderr)
        return EXIT_FAILURES
    record = _extractor(args).extract(text, doc_id=doc_id, published=published)
    html = render_record(text, record)
    if args.output:
        Path(args.output).write_text(html, encoding="utf-8")
    else:
        sys.stdout.write(html)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from zhnews.outputs.report import write_report

    out = args.output or str(Path(args.records).with_suffix(".html"))
    figures = write_report(args.records, out)
    print(f"zhnews report: {figures.documents} records, {figures.failures} failures -> {out}", file=sys.stderr)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from zhnews.schema import ArticleRecord

    print(json.dumps(ArticleRecord.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from zhnews.evaluate import evaluate_dir

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
        p.add_argument("--ner", action="store_true",
                       help="add the statistical NER layer (LAC; needs pip install 'zhnews-extractor[ner]')")

    extract = sub.add_parser("extract", help="print one JSON record per article file")
    extract.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 article files; - reads standard input")
    extract.add_argument("--published", metavar="YYYY-MM-DD", help="publication date (overrides a header's)")
    add_segmenter(extract)
    extract.set_defaults(func=cmd_extract)

    batch = sub.add_parser("batch", help="extract files, folders and JSON-lines dumps into one JSON-lines file")
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt, .html/.htm, .jsonl(.gz) files or folders")
    batch.add_argument("-o", "--output", required=True, metavar="OUT.jsonl",
                       help="records; errors go to OUT.errors.jsonl")
    batch.add_argument("--workers", type=int, default=0, help="worker processes (default: every core)")
    batch.add_argument("--resume", action="store_true", help="skip doc ids already in OUT after a crash")
    batch.add_argument("--max-chars", type=int, default=1_000_000, help="longest article accepted (default 1000000)")
    batch.add_argument("--id-field", default="id", help="JSON-lines field holding the doc id (default: id)")
    batch.add_argument("--text-field", default="text", help="JSON-lines field holding the text (default: text)")
    batch.add_argument("--published-field", default="published",
                       help="JSON-lines field holding the publication date (default: published)")
    batch.add_argument("--include-text", action="store_true", help="add the article text to each record")
    batch.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="show a progress bar (default: on a terminal)")
    add_segmenter(batch)
    batch.set_defaults(func=cmd_batch)

    exporter = sub.add_parser("export", help="write batch records as flat tables (DuckDB, Parquet)")
    exporter.add_argument("records", metavar="OUT.jsonl")
    exporter.add_argument("--duckdb", metavar="FILE.duckdb", help="write the tables into this DuckDB database")
    exporter.add_argument("--parquet", metavar="DIR", help="write one Parquet file per table into DIR")
    exporter.set_defaults(func=cmd_export)

    officials = sub.add_parser("officials", help="the officials of a batch: one row per person and post")
    officials.add_argument("records", metavar="OUT.jsonl")
    officials.add_argument("--csv", metavar="FILE", help="also write every column as CSV")
    officials.set_defaults(func=cmd_officials)

    render = sub.add_parser("render", help="one article as HTML with every extracted span highlighted")
    render.add_argument("file", metavar="FILE", help="a UTF-8 article file; - reads standard input")
    render.add_argument("-o", "--output", metavar="OUT.html", help="write here instead of standard output")
    render.add_argument("--published", metavar="YYYY-MM-DD", help="publication date (overrides a header's)")
    add_segmenter(render)
    render.set_defaults(func=cmd_render)

    report = sub.add_parser("report", help="a one-page HTML report of a batch's records")
    report.add_argument("records", metavar="OUT.jsonl")
    report.add_argument("-o", "--output", metavar="report.html", help="default: OUT.html beside the records")
    report.set_defaults(func=cmd_report)

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
