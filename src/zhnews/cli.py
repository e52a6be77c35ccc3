"""The ``zhnews`` command: extract, batch, export, render, report, schema, evaluate.

Exit statuses, the same for every command:

====  ==========================================================================================
0     done
2     some inputs could not be read or extracted (each is reported; the others were done), or none
      could (``batch`` with nothing readable)
64    usage: a bad option or argument
65    ``export`` / ``report``: the input is not a file of records (an errors file, another JSON-lines
      file, a torn or repeated line)
73    an output cannot be created (an unwritable path, a folder given as a file)
74    writing an output failed (disk full, quota, I/O error)
75    ``batch``: another ``zhnews batch`` is writing the same output
130   interrupted by Ctrl-C (SIGINT); 143 by SIGTERM; rerun ``batch`` with ``--resume``
====  ==========================================================================================
"""
from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from zhnews.text.header import HeaderError, parse_date

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_DATAERR = 0, 2, 64, 65
EXIT_CANTCREAT, EXIT_IOERR = 73, 74


class UsageError(Exception):
    """Arguments that cannot work together; the message says why."""


class OutputFailure(Exception):
    """An output of a command that cannot be written; ``status`` is the exit status."""

    def __init__(self, message: str, status: int = EXIT_CANTCREAT) -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """argparse with the usage status of every zhnews command (64), not argparse's 2."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _path_pattern_argument(value: str) -> str:
    from zhnews.io.path_dates import compile_path_pattern

    try:
        compile_path_pattern(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{exc} (for the built-in shapes, put --published-from-path "
                                         "with no REGEX after the inputs or before another option)") from exc
    return value


def _date_argument(value: str) -> dt.date:
    try:
        return parse_date(value, "--published")
    except HeaderError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _count_argument(least: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number < least:
            raise argparse.ArgumentTypeError(f"{number} is less than {least}")
        return number

    return parse


def _write_text(path: str | Path, text: str) -> None:
    """Write a command's output file, or fail with one line (OutputFailure)."""
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        status = EXIT_IOERR if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO) else EXIT_CANTCREAT
        raise OutputFailure(f"cannot write {path}: {exc.strerror or exc}", status) from exc


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
    published = args.published
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
    from zhnews.io.batch import BatchInterrupted, BatchOptions, OutputError, errors_path, run_batch
    from zhnews.io.inputs import SUFFIXES, ReadOptions

    options = BatchOptions(
        workers=args.workers,
        resume=args.resume,
        retry_failed=args.retry_failed,
        max_chars=args.max_chars,
        segmenter=args.segmenter,
        pkuseg_model=args.pkuseg_model,
        ner=args.ner,
        progress=args.progress,
        include_text=args.include_text,
        read=ReadOptions(args.id_field, args.text_field, args.published_field,
                         published_from_path=args.published_from_path),
    )
    try:
        summary = run_batch(args.inputs, args.output, options)
    except BatchInterrupted as exc:
        print(f"zhnews batch: {exc}", file=sys.stderr)
        return 128 + int(exc.signum)
    except OutputError as exc:
        done = getattr(exc, "summary", None)
        tail = f"; {done.documents} documents written before it, rerun with --resume" if done and done.documents else ""
        print(f"zhnews batch: error: {exc}{tail}", file=sys.stderr)
        return exc.status
    print(f"zhnews batch: {summary.format()}", file=sys.stderr)
    if summary.documents == 0 and summary.skipped == 0:
        kinds = ", ".join(dict.fromkeys(SUFFIXES))
        print(f"zhnews batch: error: nothing to read in {' '.join(args.inputs)}: no {kinds} file (compressed "
              ".gz/.bz2/.xz or not)", file=sys.stderr)
        return EXIT_FAILURES
    if summary.failures:
        print(f"zhnews batch: {summary.failures} documents failed: see {errors_path(args.output)}", file=sys.stderr)
        return EXIT_FAILURES
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from zhnews.outputs.export import export

    if not (args.duckdb or args.parquet):
        raise UsageError("give --duckdb FILE and/or --parquet DIR")
    try:
        counts = export(args.records, duckdb_path=args.duckdb, parquet_dir=args.parquet,
                        archive_tables=args.archive_tables)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and not Path(args.records).exists():
            raise
        status = EXIT_IOERR if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO) else EXIT_CANTCREAT
        raise OutputFailure(f"cannot write the tables: {exc.strerror or exc}", status) from exc
    except ImportError as exc:
        raise UsageError(str(exc)) from exc
    except Exception as exc:
        if type(exc).__module__.startswith("duckdb"):
            raise OutputFailure(f"cannot write {args.duckdb}: {str(exc).splitlines()[0]}") from exc
        raise
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

    try:
        doc_id, text = read_article(args.file)
    except InputError as exc:
        print(f"zhnews: error: {exc}", file=sys.stderr)
        return EXIT_FAILURES
    record = _extractor(args).extract(text, doc_id=doc_id, published=args.published)
    html = render_record(text, record)
    if args.output:
        _write_text(args.output, html)
    else:
        sys.stdout.write(html)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    out = args.output or str(Path(args.records).with_suffix(".html"))
    from zhnews.outputs.report import figures_from, render_report

    figures = figures_from(args.records)
    _write_text(out, render_report(figures, Path(args.records).name))
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
        _write_text(args.json, json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=list))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="zhnews", description=__doc__.split("\n\n")[0],
                     epilog="exit statuses: 0 done; 2 some inputs failed (or none was readable); 64 usage; "
                            "65 not a records file; 73 output cannot be created; 74 output write failed; "
                            "75 output locked by another batch; 130/143 interrupted")
    from zhnews import __version__

    parser.add_argument("--version", action="version", version=f"zhnews {__version__}")
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
    extract.add_argument("--published", metavar="YYYY-MM-DD", type=_date_argument,
                         help="publication date (overrides a header's)")
    add_segmenter(extract)
    extract.set_defaults(func=cmd_extract)

    batch = sub.add_parser("batch", help="extract files, folders and JSON-lines dumps into one JSON-lines file")
    batch.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="files or folders: .txt, .html/.htm/.shtml/.xhtml, .jsonl/.ndjson, .json, .csv, .warc "
                            "(each also .gz/.bz2/.xz), .parquet")
    batch.add_argument("-o", "--output", required=True, metavar="OUT.jsonl",
                       help="records; errors go to OUT.errors.jsonl")
    batch.add_argument("--workers", type=_count_argument(0), default=0,
                       help="worker processes (default 0: every core this process may use)")
    batch.add_argument("--resume", action="store_true",
                       help="after a crash or interruption: keep what OUT and its errors file hold, do the rest")
    batch.add_argument("--retry-failed", action="store_true",
                       help="with --resume: try the documents of the errors file again (after raising --max-chars, "
                            "installing an extra ...)")
    batch.add_argument("--max-chars", type=_count_argument(1), default=1_000_000,
                       help="longest article accepted, checked while reading (default 1000000)")
    batch.add_argument("--id-field", default="id",
                       help="JSON field or CSV/Parquet column holding the doc id (default: id)")
    batch.add_argument("--text-field", default="text",
                       help="JSON field or CSV/Parquet column holding the text (default: text)")
    batch.add_argument("--published-field", default="published",
                       help="JSON field or CSV/Parquet column holding the publication date (default: published)")
    batch.add_argument("--published-from-path", nargs="?", const=True, default=False, metavar="REGEX",
                       type=_path_pattern_argument,
                       help="date a document that dates itself no other way (no header, field or page date) by "
                            "its file path, or a WARC page by its URL: /2021/10/09/, /2021-10/09/, /2021/1009/, "
                            "/202110/09/, t20211009_, 2021-10-09; or by REGEX, with named groups year, month "
                            "and day (published_source: path). With no REGEX, put it after the inputs or before "
                            "another option")
    batch.add_argument("--include-text", action="store_true", help="add the article text to each record")
    batch.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="show a progress bar (default: on a terminal)")
    add_segmenter(batch)
    batch.set_defaults(func=cmd_batch)

    exporter = sub.add_parser("export", help="write batch records as flat tables (DuckDB, Parquet)")
    exporter.add_argument("records", metavar="OUT.jsonl")
    exporter.add_argument("--duckdb", metavar="FILE.duckdb", help="write the tables into this DuckDB database")
    exporter.add_argument("--parquet", metavar="DIR", help="write one Parquet file per table into DIR")
    exporter.add_argument("--archive-tables", action=argparse.BooleanOptionalAction, default=True,
                          help="also the tables across records: officials, events, article_events (built from a "
                               "scratch file beside the output; --no-archive-tables leaves them empty and saves "
                               "their time)")
    exporter.set_defaults(func=cmd_export)

    officials = sub.add_parser("officials", help="the officials of a batch: one row per person and post")
    officials.add_argument("records", metavar="OUT.jsonl")
    officials.add_argument("--csv", metavar="FILE", help="also write every column as CSV")
    officials.set_defaults(func=cmd_officials)

    render = sub.add_parser("render", help="one article as HTML with every extracted span highlighted")
    render.add_argument("file", metavar="FILE", help="a UTF-8 article file; - reads standard input")
    render.add_argument("-o", "--output", metavar="OUT.html", help="write here instead of standard output")
    render.add_argument("--published", metavar="YYYY-MM-DD", type=_date_argument,
                        help="publication date (overrides a header's)")
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
    except UsageError as exc:
        print(f"zhnews {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OutputFailure as exc:
        print(f"zhnews {args.command}: error: {exc}", file=sys.stderr)
        return exc.status
    except BrokenPipeError:
        return EXIT_OK
    except ValueError as exc:  # NotRecordsError: export / report given something else than records
        from zhnews.outputs.export import NotRecordsError

        if not isinstance(exc, NotRecordsError):
            raise
        print(f"zhnews {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_DATAERR
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:  # an input that cannot be read
        print(f"zhnews {args.command}: error: cannot read {exc.filename or ''}: {exc.strerror or exc}",
              file=sys.stderr)
        return EXIT_FAILURES


if __name__ == "__main__":
    sys.exit(main())
