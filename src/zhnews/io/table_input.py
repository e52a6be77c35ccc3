"""Tables of articles: CSV files (with a header row) and Parquet files, one article a row.

The columns are the batch's ``--id-field``, ``--text-field`` and ``--published-field``. A CSV file is
split into rows in the parent process without being parsed (a row ends at a newline outside quotes:
the quotes of each line are counted), each row at most the entry limit long, a longer one skipped over
in pieces; the workers parse each row with the standard library's ``csv``. Its encoding is detected
like a JSON-lines file's (UTF-8 with or without BOM, GB18030/GBK, Big5, UTF-16). A Parquet file is read
with pyarrow, a batch of rows at a time (only the three columns), never whole.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from zhnews.io.inputs import (
    _WIDE,
    CSV,
    ROW,
    Entry,
    FileSource,
    InputFailure,
    ReadOptions,
    _entry,
    _entry_too_large,
    _file_failure,
    _open_regular,
    _Position,
    _sample,
    open_stream,
    printable,
    sniff_encoding,
)

_PIECE = 1 << 20  # what is read at a time of a row too long to keep
PARQUET_BATCH_BYTES = 4 << 20  # the text a Parquet batch holds, about (its rows are decoded together)
PARQUET_MAX_ROWS = 1024


# --- CSV --------------------------------------------------------------------------------------------
def csv_entries(source: FileSource, options: ReadOptions, skipped: Counter[str],
                position: _Position) -> Iterator[Entry | InputFailure]:
    """A CSV file's rows after its header, each an entry named by the line it starts on (``file.csv:2``)."""
    encoding = sniff_encoding(_sample(source))
    columns: tuple[str, ...] | None = None
    with open_stream(source) as stream:
        for first, last, data in _records(stream, encoding, options.byte_limit(CSV)):
            if columns is None and data is None:
                raise ValueError(f"a header row longer than {options.byte_limit(CSV)} bytes")
            position.number = last
            if data is None:
                yield _entry_too_large(source, first, options, "a row")
                continue
            if not data.strip():
                continue
            if columns is None:
                columns = _header(data, encoding)
                if options.text_field not in columns:
                    yield _file_failure(source, "MissingText",
                                        f"no column {options.text_field!r} in the header row (columns: "
                                        f"{printable(', '.join(columns))[:200]}); give --text-field")
                    return
                continue
            yield _entry(source, first, data, encoding, CSV, columns=columns)


def _records(stream: IO[bytes], encoding: str, limit: int) -> Iterator[tuple[int, int, bytes | str | None]]:
    """(first line, last line, the row's bytes or text) of each row of a CSV stream, in order; None for a
    row longer than ``limit``, which is read through in pieces and never held. A row ends at a newline
    outside quotes: after a line that leaves an even count of quotes in the row (a doubled quote inside a
    quoted field counts twice). In UTF-8, GB18030 and Big5 neither byte ever occurs inside a character."""
    wide = encoding in _WIDE
    reader: Any = io.TextIOWrapper(stream, encoding=encoding, newline="") if wide else stream
    quote, newline = ('"', "\n") if wide else (b'"', b"\n")
    line = 0
    while True:
        first = line + 1
        parts: list[Any] = []
        size = 0
        odd = False
        too_large = False
        while True:
            piece = reader.readline(_PIECE if too_large else limit + 1 - size)
            if not piece:
                break
            ends = piece.endswith(newline)
            line += ends
            odd ^= piece.count(quote) % 2 == 1
            if not too_large:
                size += len(piece)
                if size > limit:
                    too_large, parts = True, []
                else:
                    parts.append(piece)
            if ends and not odd:
                break
        if not piece and not parts and not too_large:
            return
        if not piece and not ends:
            line += 1  # the file's last line, without a newline
        yield first, max(first, line), None if too_large else (piece[:0].join(parts))
        if not piece:
            return


def _header(data: bytes | str, encoding: str) -> tuple[str, ...]:
    text = data.decode(encoding) if isinstance(data, bytes) else data
    (row,) = _parse(text)
    return tuple(name.strip().lstrip("\ufeff") for name in row)


def _parse(text: str) -> list[list[str]]:
    if csv.field_size_limit() < len(text) + 1:  # the row is already bounded: no field of it is refused again
        csv.field_size_limit(len(text) + 1)
    return list(csv.reader(io.StringIO(text, newline="")))


def csv_fields(entry: Entry) -> dict[str, str] | InputFailure:
    """A CSV row's fields by column name; a row that does not parse into one row of the header's width
    is a failure of its own."""
    where, fallback = entry.source, entry.fallback_id
    try:
        text = entry.data.decode(entry.encoding) if isinstance(entry.data, bytes) else entry.data
    except UnicodeDecodeError as exc:
        return InputFailure(fallback, where, "DecodeError", f"{where}: bytes not valid {entry.encoding}: {exc.reason}")
    try:
        rows = _parse(text)
    except csv.Error as exc:
        return InputFailure(fallback, where, "CSVError", f"{where}: {exc}")
    if len(rows) != 1:
        lines = text.count("\n") or 1
        return InputFailure(fallback, where, "CSVError",
                            f"{where}: a stray quote: {lines} lines read as one row do not parse as one "
                            f"(they are {len(rows)} rows)")
    (row,) = rows
    if len(row) != len(entry.columns):
        return InputFailure(fallback, where, "CSVError",
                            f"{where}: {len(row)} fields, the header has {len(entry.columns)}")
    return dict(zip(entry.columns, row, strict=True))


# --- Parquet ----------------------------------------------------------------------------------------
def parquet_entries(source: FileSource, options: ReadOptions, skipped: Counter[str],
                    position: _Position) -> Iterator[Entry | InputFailure]:
    """A Parquet file's rows (``file.parquet:N``, N from 1), a batch of rows at a time, only the id, text
    and date columns read."""
    if source.compression:
        yield _file_failure(source, "UnsupportedInput",
                            f"a Parquet file compressed as a whole ({source.compression}) cannot be read: "
                            "decompress it (Parquet compresses its own pages)")
        return
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield _file_failure(source, "MissingExtra", "Parquet input needs pyarrow: pip install pyarrow "
                                                    "(or 'zhnews-extractor[export]')")
        return
    with _open_regular(source.path) as raw:
        table = pq.ParquetFile(raw, buffer_size=1 << 16, pre_buffer=False)
        names = table.schema_arrow.names
        if options.text_field not in names:
            yield _file_failure(source, "MissingText", f"no column {options.text_field!r} (columns: "
                                f"{printable(', '.join(names))[:200]}); give --text-field")
            return
        wanted = (options.id_field, options.text_field, options.published_field)
        columns = list(dict.fromkeys(name for name in wanted if name in names))
        rows = _rows_per_batch(table.metadata, options.text_field)
        for batch in table.iter_batches(batch_size=rows, columns=columns, use_threads=False):
            for row in batch.to_pylist():
                position.number += 1
                yield _entry(source, position.number, row, "utf-8", ROW)


def _rows_per_batch(metadata: Any, text_column: str) -> int:
    """Rows a batch holds: about PARQUET_BATCH_BYTES of text, by the text column's mean size."""
    size = 0
    for group in range(metadata.num_row_groups):
        row_group = metadata.row_group(group)
        for column in range(row_group.num_columns):
            chunk = row_group.column(column)
            if chunk.path_in_schema == text_column:
                size += chunk.total_uncompressed_size
    mean = size // max(1, metadata.num_rows)
    return max(1, min(PARQUET_MAX_ROWS, PARQUET_BATCH_BYTES // max(1, mean)))
