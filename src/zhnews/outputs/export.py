"""Flat tables from batch records, for SQL: DuckDB and Parquet (the ``export`` extra).

Tables, keyed by ``doc_id``: articles, leaders, directives, project_stats,
organizations. Amounts are exact decimals in whole currency units. Across records
(``zhnews.archive``): officials (one row per person and post), events (one row per
event and category) and article_events (each record's event_id).
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from zhnews.archive import events as archive_events
from zhnews.archive import officials as archive_officials

TABLES = ("articles", "leaders", "directives", "project_stats", "organizations", "officials", "events",
          "article_events")


def _event_date(date: dict | None) -> dt.date | None:
    if not date or date.get("year") is None:
        return None
    return dt.date(date["year"], date["month"], date["day"])


def rows_from_records(path: str | Path) -> dict[str, list[dict]]:
    """The rows of every table, read from a JSON-lines file of records (streamed)."""
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    officials, events = archive_officials.OfficialsBuilder(), archive_events.EventsBuilder()
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not a JSON record ({exc})") from exc
            _add_record(tables, record)
            officials.add(record)
            events.add(record)
    tables["events"], tables["article_events"] = events.tables()
    tables["officials"] = officials.rows({link["doc_id"]: link["event_id"] for link in tables["article_events"]})
    return tables


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


def _arrow_schema(columns: tuple[tuple[str, str], ...]):
    """A pyarrow schema from a declared column list (string, int64, bool, date, decimal(38,2), list<string>)."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_(), "date": pa.date32(),
             "decimal(38,2)": pa.decimal128(38, 2), "list<string>": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in columns])


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
        "officials": _arrow_schema(archive_officials.COLUMNS),
        "events": _arrow_schema(archive_events.COLUMNS),
        "article_events": _arrow_schema(archive_events.ARTICLE_EVENT_COLUMNS),
    }


def arrow_tables(path: str | Path):
    """The tables as pyarrow Tables."""
    try:
        import pyarrow as pa
    except ImportError as exc:
        raise ImportError("export needs: pip install 'zhnews-extractor[export]'") from exc
    rows = rows_from_records(path)
    return {name: pa.Table.from_pylist(rows[name], schema=schema) for name, schema in _schemas().items()}


def export(records: str | Path, *, duckdb_path: str | Path | None = None,
           parquet_dir: str | Path | None = None) -> dict[str, int]:
    """Write the tables to a DuckDB file and/or a Parquet folder; return the row counts."""
    tables = arrow_tables(records)
    if parquet_dir is not None:
        import pyarrow.parquet as pq

        folder = Path(parquet_dir)
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in tables.items():
            pq.write_table(table, folder / f"{name}.parquet")
    if duckdb_path is not None:
        try:
            import duckdb
        except ImportError as exc:
            raise ImportError("export --duckdb needs: pip install 'zhnews-extractor[export]'") from exc
        with duckdb.connect(str(duckdb_path)) as con:
            for name, table in tables.items():
                con.register("incoming", table)
                con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM incoming")
                con.unregister("incoming")
    return {name: table.num_rows for name, table in tables.items()}
