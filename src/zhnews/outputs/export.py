"""Flat tables from batch records, for SQL: DuckDB and Parquet (the ``export`` extra).

The tables and their types are those of ``zhnews.outputs.tables`` (one declared schema): per
record ``articles``, ``leaders``, ``directives``, ``project_stats``, ``organizations``,
``reporters`` and any table a layer adds; across records (``zhnews.archive``) ``officials``,
``events`` and ``article_events``. Records are read and written in batches, and what the cross-record
tables need of each record waits in a scratch SQLite file beside the output (``zhnews.archive.store``),
so memory does not grow with the number of records.
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from zhnews.outputs.tables import CROSS_RECORD, all_tables, arrow_schema, cross_record_tables, flatten, typed

BATCH_RECORDS = 2000  # records flattened and written at a time
# DuckDB caches the table blocks it writes, uncompressed, up to its memory limit (80% of RAM by default): the
# export's memory then grows with the database until it reaches the limit. 64 MB bounds it (zhnews export
# --no-archive-tables: 233, 280 and 300 MB peak at 20,000, 200,000 and 600,000 records; 256 MB gave 242, 355
# and 468) at about the same speed; DuckDB spills to its temporary directory past the limit.
DUCKDB_MEMORY_LIMIT = "64MB"


class NotRecordsError(ValueError):
    """An input line that is not a batch record (an errors file, another JSON-lines file, a torn line)."""


def _record_fields() -> frozenset[str]:
    from zhnews.schema import ArticleRecord

    return frozenset(ArticleRecord.model_fields) | {"text"}  # text: batch --include-text


_NOT_OWN = frozenset({"doc_id", "text", "source"})  # fields another JSON-lines file may have too


def _check_record(record: object, fields: frozenset[str], where: str) -> None:
    if not isinstance(record, dict):
        raise NotRecordsError(f"{where}: not a record (a JSON {type(record).__name__}, not an object)")
    if {"type", "message"} <= record.keys() and "text_length" not in record:
        raise NotRecordsError(f"{where}: an error line, not a record (give OUT.jsonl, not OUT.errors.jsonl)")
    unknown = record.keys() - fields
    if unknown or not isinstance(record.get("doc_id"), str) or not record.keys() & (fields - _NOT_OWN):
        what = f"fields {sorted(unknown)[:5]} are not a record's" if unknown else "no doc_id and no record field"
        raise NotRecordsError(f"{where}: not a zhnews record ({what})")


def iter_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON-lines file, one by one; NotRecordsError names the first line that is not an
    ArticleRecord or repeats a doc id."""
    from zhnews.io.batch import KeyTable

    fields = _record_fields()
    seen = KeyTable()
    with open(path, encoding="utf-8", errors="surrogateescape") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise NotRecordsError(f"{where}: not a JSON record ({exc}); a torn last line is repaired by "
                                      "zhnews batch --resume") from exc
            _check_record(record, fields, where)
            doc_id = record["doc_id"]
            if doc_id in seen:
                raise NotRecordsError(f"{where}: doc_id {doc_id!r} appears twice; its rows would be joined")
            seen.add(doc_id)
            yield record


class _Sinks:
    """Where the tables go: Parquet files and/or a DuckDB database, written a batch at a time.

    Parquet files are written under temporary names and renamed at the end; DuckDB tables are filled as
    staging tables (each insert committed: a transaction around all of them would hold every row in memory)
    and swapped in at the end in one short transaction. A refused input leaves earlier tables as they were.
    """

    def __init__(self, duckdb_path: str | Path | None, parquet_dir: str | Path | None) -> None:
        import pyarrow as pa

        self.pa = pa
        self.schemas = {name: arrow_schema(columns) for name, columns in all_tables().items()}
        self.counts = dict.fromkeys(self.schemas, 0)
        self.writers: dict[str, Any] = {}
        self.folder = Path(parquet_dir) if parquet_dir is not None else None
        self.con = None
        if self.folder is not None:
            import pyarrow.parquet as pq

            self.folder.mkdir(parents=True, exist_ok=True)
            self.writers = {name: pq.ParquetWriter(self.folder / f".{name}.parquet.part", schema)
                            for name, schema in self.schemas.items()}
        if duckdb_path is not None:
            try:
                import duckdb
            except ImportError as exc:
                raise ImportError("export --duckdb needs: pip install 'zhnews-extractor[export]'") from exc
            self.con = duckdb.connect(str(duckdb_path))
            self.con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
            for name, schema in self.schemas.items():
                self.con.register("incoming", schema.empty_table())
                self.con.execute(f"CREATE OR REPLACE TABLE _zhnews_new_{name} AS SELECT * FROM incoming")
                self.con.unregister("incoming")

    def write(self, name: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        table = self.pa.Table.from_pylist(rows, schema=self.schemas[name])
        self.counts[name] += table.num_rows
        if name in self.writers:
            self.writers[name].write_table(table)
        if self.con is not None:
            self.con.register("incoming", table)
            self.con.execute(f"INSERT INTO _zhnews_new_{name} SELECT * FROM incoming")
            self.con.unregister("incoming")

    def finish(self, ok: bool) -> None:
        for name, writer in self.writers.items():
            writer.close()
            part = self.folder / f".{name}.parquet.part"  # type: ignore[operator]
            if ok:
                os.replace(part, self.folder / f"{name}.parquet")  # type: ignore[operator]
            else:
                with contextlib.suppress(OSError):
                    part.unlink()
        if self.con is None:
            return
        try:
            if ok:
                self.con.execute("BEGIN TRANSACTION")
                for name in self.schemas:
                    self.con.execute(f"DROP TABLE IF EXISTS {name}")
                    self.con.execute(f"ALTER TABLE _zhnews_new_{name} RENAME TO {name}")
                self.con.execute("COMMIT")
            else:
                for name in self.schemas:
                    self.con.execute(f"DROP TABLE IF EXISTS _zhnews_new_{name}")
        finally:
            self.con.close()


def _typed_rows(rows: list[dict[str, Any]], columns) -> list[dict[str, Any]]:
    return [{c.name: typed(row.get(c.name), c) for c in columns} for row in rows]


def _scratch_folder(duckdb_path: str | Path | None, parquet_dir: str | Path | None) -> Path:
    """Next to the output (whose disk has to hold the tables anyway), not in a small /tmp."""
    if parquet_dir is not None:
        return Path(parquet_dir)
    return Path(duckdb_path).resolve().parent  # type: ignore[arg-type]


def export(records: str | Path, *, duckdb_path: str | Path | None = None,
           parquet_dir: str | Path | None = None, batch_records: int = BATCH_RECORDS,
           archive_tables: bool = True) -> dict[str, int]:
    """Write the tables to a DuckDB file and/or a Parquet folder, streaming; return the row counts.

    The per-record tables are written 2,000 records at a time. The tables across records
    (``archive_tables``: officials, events, article_events) keep what they read of each record in a
    scratch SQLite file next to the output (``archive.store``), removed at the end, and are made from it a
    day or a name at a time: memory is bounded by the busiest day's reports and the most-mentioned name's
    mentions, not by the number of records. Without them those three tables are written empty."""
    import tempfile

    from zhnews.archive.builder import ArchiveBuilder

    if duckdb_path is None and parquet_dir is None:
        raise ValueError("export needs duckdb_path and/or parquet_dir")
    if not Path(records).is_file():
        raise FileNotFoundError(errno.ENOENT, "no such file", str(records))
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise ImportError("export needs: pip install 'zhnews-extractor[export]'") from exc
    columns = all_tables()
    sinks = _Sinks(duckdb_path, parquet_dir)
    pending: dict[str, list[dict[str, Any]]] = {name: [] for name in columns}
    cross = cross_record_tables()
    seen = 0

    def flush(names: Iterable[str]) -> None:
        for name in names:
            sinks.write(name, _typed_rows(pending[name], columns[name]))
            pending[name].clear()

    def put(name: str, row: dict[str, Any]) -> None:
        pending[name].append(row)
        if len(pending[name]) >= batch_records:
            flush([name])

    ok = False
    with contextlib.ExitStack() as scratch:
        try:
            archive = None
            if archive_tables:
                folder = scratch.enter_context(tempfile.TemporaryDirectory(
                    prefix=".zhnews-export-", dir=_scratch_folder(duckdb_path, parquet_dir)))
                archive = ArchiveBuilder(Path(folder) / "archive.sqlite")
                scratch.callback(archive.close)
            per_record = [name for name in columns if name not in CROSS_RECORD]
            for number, record in enumerate(iter_records(records), start=1):
                try:
                    flat = flatten(record)
                except (KeyError, TypeError, ValueError, AttributeError) as exc:
                    raise NotRecordsError(f"{records}: record {number} ({record.get('doc_id')!r}) is malformed: "
                                          f"{exc!r}") from exc
                for name, rows in flat.items():
                    pending[name].extend(rows)
                if archive is not None:
                    archive.add(record)
                seen += 1
                if seen % batch_records == 0:
                    flush(per_record)
            flush(per_record)
            if archive is not None:
                for table, row in archive.rows():
                    put(table, row)
                flush(cross)
            ok = True
        except sqlite3.Error as exc:  # the scratch file: the disk beside the output full, or not writable
            code = errno.ENOSPC if "full" in str(exc) else errno.EIO
            raise OSError(code, f"the scratch file of the tables across records beside the output: {exc} "
                                "(--no-archive-tables does without it)") from exc
        finally:
            sinks.finish(ok)
    return sinks.counts


def arrow_tables(path: str | Path) -> dict[str, Any]:
    """Every table of a records file as a pyarrow Table (in memory: for small files and tests)."""
    import tempfile

    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory() as folder:
        export(path, parquet_dir=folder)
        return {name: pq.read_table(Path(folder) / f"{name}.parquet") for name in all_tables()}


def pandas_tables(parquet_dir: str | Path) -> dict[str, Any]:
    """The tables of a Parquet export as pandas DataFrames with the declared types: nullable integers stay
    integers (``Int64``), booleans ``boolean``, strings ``string``; dates, exact amounts (``Decimal``) and lists
    as objects."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    mapping = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype(), pa.string(): pd.StringDtype()}
    folder = Path(parquet_dir)
    return {name: pq.read_table(folder / f"{name}.parquet").to_pandas(types_mapper=mapping.get)
            for name in all_tables() if (folder / f"{name}.parquet").exists()}
