"""Flat tables from batch records, for SQL: DuckDB and Parquet (the ``export`` extra).

Tables, keyed by ``doc_id``: articles, leaders, directives, project_stats,
organizations. Amounts are exact decimals in whole currency units.

The records are streamed: read, flattened and written ``BATCH_RECORDS`` at a time, so memory stays
flat whatever the number of records. Every line must be an ``ArticleRecord`` (an errors file or some
other JSON-lines file is refused, naming the line) and every doc id must be unique; a refused input
leaves any earlier DuckDB tables or Parquet files as they were.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

TABLES = ("articles", "leaders", "directives", "project_stats", "organizations")
BATCH_RECORDS = 2_000


class NotRecordsError(ValueError):
    """An input line that is not a batch record (an errors file, another JSON-lines file, a torn line)."""


def _record_fields() -> frozenset[str]:
    from models import ArticleRecord

    return frozenset(ArticleRecord.model_fields) | {"text"}  # text: batch --include-text


def iter_records(path: str | Path) -> Iterator[dict]:
    """The records of a JSON-lines file, one by one; NotRecordsError names the first line that is
    not an ArticleRecord or repeats a doc id."""
    from extractor.batch import KeyTable

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


def _event_date(date: dict | None) -> dt.date | None:
    if not date or date.get("year") is None:
        return None
    return dt.date(date["year"], date["month"], date["day"])


def _add_record(tables: dict[str, list[dict]], record: dict) -> None:
    doc_id = record["doc_id"]
    date = record.get("event_date") or {}
    headline = (record.get("title") or {}).get("headline") or {}
    tables["articles"].append({
        "doc_id": doc_id,
        "source": record.get("source"),
        "published": dt.date.fromisoformat(record["published"]) if record.get("published") else None,
        "event_year": date.get("year"),
        "event_month": date.get("month"),
        "event_day": date.get("day"),
        "event_date": _event_date(record.get("event_date")),
        "headline": headline.get("text"),
        "input_file": record.get("input_file"),
        "encoding": record.get("encoding"),
        "warnings": record.get("warnings") or [],
    })
    for position, leader in enumerate(record.get("leaders") or []):
        tables["leaders"].append({
            "doc_id": doc_id, "position": position, "name": leader["name"], "titles": leader.get("titles") or [],
            "actions": [a["text"] for a in leader.get("actions") or []], "mentions": len(leader.get("mentions") or []),
        })
    for group_index, group in enumerate(record.get("directives") or []):
        speaker = (group.get("speaker") or {}).get("name")
        for item in group["items"]:
            tables["directives"].append({
                "doc_id": doc_id, "group_index": group_index, "speaker": speaker,
                "declared_count": group.get("declared_count"), "ordinal": item["ordinal"],
                "marker": item["marker"], "heading": item["heading"],
            })
    for position, stat in enumerate(record.get("project_stats") or []):
        money = stat.get("investment") or {}
        tables["project_stats"].append({
            "doc_id": doc_id, "position": position, "category": stat.get("category"), "scope": stat.get("scope"),
            "segment": stat.get("segment"), "count": stat.get("count"),
            "amount": Decimal(str(money["amount"])) if money else None, "currency": money.get("currency"),
            "text": stat.get("text"),
        })
    for position, org in enumerate(record.get("organizations") or []):
        tables["organizations"].append({"doc_id": doc_id, "position": position, "name": org["name"]})


def rows_from_records(path: str | Path, batch_records: int = BATCH_RECORDS) -> Iterator[dict[str, list[dict]]]:
    """The rows of every table, ``batch_records`` records at a time."""
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    count = 0
    for number, record in enumerate(iter_records(path), start=1):
        try:
            _add_record(tables, record)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise NotRecordsError(f"{path}: record {number} ({record.get('doc_id')!r}) is malformed: {exc!r}") from exc
        count += 1
        if count >= batch_records:
            yield tables
            tables, count = {name: [] for name in TABLES}, 0
    if count:
        yield tables


def _schemas():
    import pyarrow as pa

    text, integer, strings = pa.string(), pa.int64(), pa.list_(pa.string())
    return {
        "articles": pa.schema([("doc_id", text), ("source", text), ("published", pa.date32()),
                               ("event_year", integer), ("event_month", integer), ("event_day", integer),
                               ("event_date", pa.date32()), ("headline", text), ("input_file", text),
                               ("encoding", text), ("warnings", strings)]),
        "leaders": pa.schema([("doc_id", text), ("position", integer), ("name", text), ("titles", strings),
                              ("actions", strings), ("mentions", integer)]),
        "directives": pa.schema([("doc_id", text), ("group_index", integer), ("speaker", text),
                                 ("declared_count", integer), ("ordinal", integer), ("marker", text),
                                 ("heading", text)]),
        "project_stats": pa.schema([("doc_id", text), ("position", integer), ("category", text), ("scope", text),
                                    ("segment", text), ("count", integer), ("amount", pa.decimal128(38, 2)),
                                    ("currency", text), ("text", text)]),
        "organizations": pa.schema([("doc_id", text), ("position", integer), ("name", text)]),
    }


def arrow_batches(path: str | Path, batch_records: int = BATCH_RECORDS):
    """The tables as a stream of {table: pyarrow Table} pieces, ``batch_records`` records each."""
    try:
        import pyarrow as pa
    except ImportError as exc:
        raise ImportError("export needs: pip install 'zhnews-extractor[export]'") from exc
    schemas = _schemas()
    for rows in rows_from_records(path, batch_records):
        yield {name: pa.Table.from_pylist(rows[name], schema=schema) for name, schema in schemas.items()}


def arrow_tables(path: str | Path):
    """The tables as whole pyarrow Tables (in memory: for small inputs and tests)."""
    import pyarrow as pa

    pieces: dict[str, list] = {name: [] for name in TABLES}
    for batch in arrow_batches(path):
        for name, table in batch.items():
            pieces[name].append(table)
    schemas = _schemas()
    return {name: pa.concat_tables(pieces[name]) if pieces[name] else schemas[name].empty_table() for name in TABLES}


class _ParquetSink:
    """One Parquet file per table, written piece by piece to temporary names, renamed at the end."""

    def __init__(self, folder: Path) -> None:
        import pyarrow.parquet as pq

        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.writers = {name: pq.ParquetWriter(folder / f".{name}.parquet.part", schema)
                        for name, schema in _schemas().items()}

    def write(self, batch) -> None:
        for name, table in batch.items():
            if table.num_rows:
                self.writers[name].write_table(table)

    def finish(self, ok: bool) -> None:
        for name, writer in self.writers.items():
            writer.close()
            part = self.folder / f".{name}.parquet.part"
            if ok:
                os.replace(part, self.folder / f"{name}.parquet")
            else:
                with contextlib.suppress(OSError):
                    part.unlink()


class _DuckSink:
    """The tables in a DuckDB file: filled as staging tables (each insert committed: a transaction
    around all of them would hold every row in memory), swapped in at the end in one short
    transaction. A refused input drops the staging tables and leaves the earlier tables as they were."""

    def __init__(self, path: Path) -> None:
        try:
            import duckdb
        except ImportError as exc:
            raise ImportError("export --duckdb needs: pip install 'zhnews-extractor[export]'") from exc
        self.con = duckdb.connect(str(path))
        for name, schema in _schemas().items():
            self.con.register("incoming", schema.empty_table())
            self.con.execute(f"CREATE OR REPLACE TABLE _zhnews_new_{name} AS SELECT * FROM incoming")
            self.con.unregister("incoming")

    def write(self, batch) -> None:
        for name, table in batch.items():
            if table.num_rows:
                self.con.register("incoming", table)
                self.con.execute(f"INSERT INTO _zhnews_new_{name} SELECT * FROM incoming")
                self.con.unregister("incoming")

    def finish(self, ok: bool) -> None:
        try:
            if ok:
                self.con.execute("BEGIN TRANSACTION")
                for name in TABLES:
                    self.con.execute(f"DROP TABLE IF EXISTS {name}")
                    self.con.execute(f"ALTER TABLE _zhnews_new_{name} RENAME TO {name}")
                self.con.execute("COMMIT")
            else:
                for name in TABLES:
                    self.con.execute(f"DROP TABLE IF EXISTS _zhnews_new_{name}")
        finally:
            self.con.close()


def export(records: str | Path, *, duckdb_path: str | Path | None = None,
           parquet_dir: str | Path | None = None, batch_records: int = BATCH_RECORDS) -> dict[str, int]:
    """Write the tables to a DuckDB file and/or a Parquet folder, streamed; return the row counts."""
    if not Path(records).is_file():
        raise FileNotFoundError(errno.ENOENT, "no such file", str(records))
    sinks = []
    counts = dict.fromkeys(TABLES, 0)
    ok = False
    try:
        if parquet_dir is not None:
            sinks.append(_ParquetSink(Path(parquet_dir)))
        if duckdb_path is not None:
            sinks.append(_DuckSink(Path(duckdb_path)))
        for batch in arrow_batches(records, batch_records):
            for sink in sinks:
                sink.write(batch)
            for name, table in batch.items():
                counts[name] += table.num_rows
        ok = True
    finally:
        for sink in sinks:
            sink.finish(ok)
    return counts
