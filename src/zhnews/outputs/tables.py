"""One flattening of records into tables, with one declared schema for every format.

The tables and their columns are declared once: the article's own columns here, each layer's in
its ``tables`` (``Layer.tables``; several layers add columns to ``articles``), the cross-record
tables in ``zhnews.archive``. ``flatten(record)`` gives a record's rows; ``arrow_schema``,
``spark_schema`` and ``pandas_dtypes`` give the same tables' types to pyarrow (so DuckDB and
Parquet), Spark and pandas. Amounts are exact ``DECIMAL(38, 0)`` in whole currency units; a
nullable integer stays an integer (pandas ``Int64``). A new layer's table, or a new format, is
derived from the same declarations.
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from typing import Any

from zhnews.outputs.columns import Column, Table

ARTICLE = Table("articles", (
    Column("doc_id", "string", "the document's id, unique in a batch"),
    Column("schema_version", "string", "the record format's version"),
    Column("source", "string", "the outlet named by the metadata header"),
    Column("published", "date", "the publication date"),
    Column("published_source", "string", "where the publication date came from"),
    Column("input_file", "string", "the file (and line) the article was read from"),
    Column("encoding", "string", "the text encoding it was decoded from"),
    Column("text_length", "int", "characters"),
    Column("warnings", "strings", "what the extractor could not settle"),
), "one row per article")
CROSS_RECORD = ("officials", "events", "article_events")  # built from a whole batch (zhnews.archive)


@lru_cache(maxsize=1)
def per_record_tables() -> dict[str, tuple[Column, ...]]:
    """The tables one record has rows in, ``articles`` first: name -> columns (the layers' joined in pipeline order)."""
    from zhnews.pipeline.base import layers

    found: dict[str, list[Column]] = {ARTICLE.name: list(ARTICLE.columns)}
    for layer in layers():
        for table in layer.tables:
            columns = found.setdefault(table.name, [])
            known = {c.name for c in columns}
            columns.extend(c for c in table.columns if c.name not in known)
    return {name: tuple(columns) for name, columns in found.items()}


def cross_record_tables() -> dict[str, tuple[Column, ...]]:
    """The tables of a whole batch: officials, events, article_events."""
    from zhnews.archive import events, officials

    return {"officials": officials.COLUMNS, "events": events.COLUMNS, "article_events": events.ARTICLE_EVENT_COLUMNS}


def all_tables() -> dict[str, tuple[Column, ...]]:
    """Every table: the per-record ones, then the cross-record ones."""
    return {**per_record_tables(), **cross_record_tables()}


def flatten(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of one record (its JSON form, as ``zhnews batch`` writes it) in every per-record table."""
    from zhnews.pipeline.base import layers

    article: dict[str, Any] = {
        "doc_id": record["doc_id"], "schema_version": record.get("schema_version"), "source": record.get("source"),
        "published": dt.date.fromisoformat(record["published"]) if record.get("published") else None,
        "published_source": record.get("published_source"), "input_file": record.get("input_file"),
        "encoding": record.get("encoding"), "text_length": record.get("text_length"),
        "warnings": record.get("warnings") or [],
    }
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in per_record_tables()}
    rows["articles"].append(article)
    for layer in layers():
        for name, table_rows in layer.rows(record).items():
            if name == "articles":
                for extra in table_rows:
                    article.update(extra)
            else:
                rows[name].extend(table_rows)
    return rows


def typed(value: Any, column: Column) -> Any:
    """A row value as its column's type says (amounts to whole units, dates from ISO strings)."""
    if value is None:
        return [] if column.type in ("strings", "ints") else None
    if column.type == "decimal":
        return Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
    if column.type == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


# --- the declared types in each format ----------------------------------------------------------------------------
def arrow_type(column: Column):
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int64(), "bool": pa.bool_(), "date": pa.date32(),
             "decimal": pa.decimal128(38, 0), "strings": pa.list_(pa.string()), "ints": pa.list_(pa.int64())}
    return types[column.type]


def arrow_schema(columns: tuple[Column, ...]):
    """A pyarrow schema of declared columns (DuckDB takes its types from it)."""
    import pyarrow as pa

    return pa.schema([pa.field(c.name, arrow_type(c), metadata={"description": c.description} if c.description
                               else None) for c in columns])


def spark_type(column: Column):
    from pyspark.sql import types as T

    return {"string": T.StringType(), "int": T.LongType(), "bool": T.BooleanType(), "date": T.DateType(),
            "decimal": T.DecimalType(38, 0), "strings": T.ArrayType(T.StringType()),
            "ints": T.ArrayType(T.LongType())}[column.type]


def spark_schema(columns: tuple[Column, ...]):
    """A Spark StructType of declared columns."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(c.name, spark_type(c)) for c in columns])


PANDAS_DTYPES = {"string": "string", "int": "Int64", "bool": "boolean", "date": "object", "decimal": "object",
                 "strings": "object", "ints": "object"}


def pandas_dtypes(columns: tuple[Column, ...]) -> dict[str, str]:
    """pandas dtypes of declared columns: nullable ``Int64`` and ``boolean``, ``string``; dates, decimals
    and lists as objects."""
    return {c.name: PANDAS_DTYPES[c.type] for c in columns}
