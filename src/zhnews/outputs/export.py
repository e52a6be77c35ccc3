"""Flat tables from batch records, for SQL: DuckDB and Parquet (the ``export`` extra).

The tables and their types are those of ``zhnews.outputs.tables`` (one declared schema): per
record ``articles``, ``leaders``, ``directives``, ``project_stats``, ``organizations``,
``reporters`` and any table a layer adds; across records (``zhnews.archive``) ``officials``,
``events`` and ``article_events``. Records are read and written in batches, so memory stays flat
however many there are (the cross-record tables keep a small summary of each record).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zhnews.outputs.tables import CROSS_RECORD, all_tables, arrow_schema, cross_record_tables, flatten, typed

BATCH_RECORDS = 2000  # records flattened and written at a time


class NotRecords(ValueError):
    """An input that is not a file of extraction records (an errors file, another JSON-lines file)."""


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON-lines file, streamed; a line that is not a record is an error naming it."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise NotRecords(f"{path}:{number}: not a JSON record ({exc})") from exc
            if not isinstance(record, dict) or "text_length" not in record or "doc_id" not in record:
                hint = " (an errors file?)" if isinstance(record, dict) and "message" in record else ""
                raise NotRecords(f"{path}:{number}: not an extraction record{hint}")
            yield record


class _Sinks:
    """Where the tables go: Parquet files and/or a DuckDB database, written a batch at a time."""

    def __init__(self, duckdb_path: str | Path | None, parquet_dir: str | Path | None) -> None:
        import pyarrow as pa

        self.pa = pa
        self.schemas = {name: arrow_schema(columns) for name, columns in all_tables().items()}
        self.counts = dict.fromkeys(self.schemas, 0)
        self.writers: dict[str, Any] = {}
        self.folder = Path(parquet_dir) if parquet_dir is not None else None
        self.con = None
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
        if duckdb_path is not None:
            try:
                import duckdb
            except ImportError as exc:
                raise ImportError("export --duckdb needs: pip install 'zhnews-extractor[export]'") from exc
            self.con = duckdb.connect(str(duckdb_path))
            for name, schema in self.schemas.items():
                self.con.register("empty", pa.Table.from_pylist([], schema=schema))
                self.con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM empty")
                self.con.unregister("empty")

    def write(self, name: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        table = self.pa.Table.from_pylist(rows, schema=self.schemas[name])
        self.counts[name] += table.num_rows
        if self.folder is not None:
            writer = self.writers.get(name)
            if writer is None:
                import pyarrow.parquet as pq

                writer = self.writers[name] = pq.ParquetWriter(self.folder / f"{name}.parquet", self.schemas[name])
            writer.write_table(table)
        if self.con is not None:
            self.con.register("incoming", table)
            self.con.execute(f"INSERT INTO {name} SELECT * FROM incoming")
            self.con.unregister("incoming")

    def close(self) -> None:
        if self.folder is not None:
            import pyarrow.parquet as pq

            for name, schema in self.schemas.items():
                if name in self.writers:
                    self.writers[name].close()
                else:  # a table with no rows is still a file with its schema
                    pq.write_table(self.pa.Table.from_pylist([], schema=schema), self.folder / f"{name}.parquet")
        if self.con is not None:
            self.con.close()


def _typed_rows(rows: list[dict[str, Any]], columns) -> list[dict[str, Any]]:
    return [{c.name: typed(row.get(c.name), c) for c in columns} for row in rows]


def export(records: str | Path, *, duckdb_path: str | Path | None = None,
           parquet_dir: str | Path | None = None, batch_records: int = BATCH_RECORDS) -> dict[str, int]:
    """Write the tables to a DuckDB file and/or a Parquet folder, streaming; return the row counts."""
    from zhnews.archive import events as archive_events
    from zhnews.archive import officials as archive_officials

    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise ImportError("export needs: pip install 'zhnews-extractor[export]'") from exc
    columns = all_tables()
    sinks = _Sinks(duckdb_path, parquet_dir)
    officials, events = archive_officials.OfficialsBuilder(), archive_events.EventsBuilder()
    pending: dict[str, list[dict[str, Any]]] = {name: [] for name in columns if name not in CROSS_RECORD}
    seen = 0

    def flush() -> None:
        for name, rows in pending.items():
            sinks.write(name, _typed_rows(rows, columns[name]))
            rows.clear()

    try:
        for record in read_records(records):
            for name, rows in flatten(record).items():
                pending[name].extend(rows)
            officials.add(record)
            events.add(record)
            seen += 1
            if seen % batch_records == 0:
                flush()
        flush()
        event_rows, links = events.tables()
        cross = cross_record_tables()
        sinks.write("events", _typed_rows(event_rows, cross["events"]))
        sinks.write("article_events", _typed_rows(links, cross["article_events"]))
        event_of = {link["doc_id"]: link["event_id"] for link in links}
        sinks.write("officials", _typed_rows(officials.rows(event_of), cross["officials"]))
    finally:
        sinks.close()
    return sinks.counts


def arrow_tables(path: str | Path) -> dict[str, Any]:
    """Every table of a records file as a pyarrow Table (in memory: for small files and tests)."""
    import tempfile

    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory() as folder:
        export(path, parquet_dir=folder)
        return {name: pq.read_table(Path(folder) / f"{name}.parquet") for name in all_tables()}
