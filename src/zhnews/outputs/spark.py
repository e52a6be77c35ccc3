"""Apply the extractor to a Spark DataFrame (the ``spark`` extra).

``extract_dataframe(df)`` maps each partition through ``mapInPandas``: one pipeline per Python
worker process, each batch of rows through ``Extractor.pipe`` (the layers run over many documents
at a time, as in ``zhnews batch``). The output has one row per article with the declared types of
``zhnews.outputs.tables``: the ``articles`` columns, then one array of structs per per-record table
(``leaders``, ``project_stats`` with ``DecimalType(38,0)`` amounts, ...), then ``record_json`` (the
whole record) and ``error`` (a row that failed: its message, every other field null or empty).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

_EXTRACTORS: dict[tuple, Any] = {}
_EXTRA = ("record_json", "error")


def _nested() -> dict[str, tuple]:
    """Table -> its columns without ``doc_id`` (the struct of its array), for every per-record table but articles."""
    from zhnews.outputs.tables import per_record_tables

    return {name: tuple(c for c in columns if c.name != "doc_id")
            for name, columns in per_record_tables().items() if name != "articles"}


def record_schema():
    """The Spark schema of the output rows."""
    from pyspark.sql import types as T

    from zhnews.outputs.tables import per_record_tables, spark_schema

    fields = list(spark_schema(per_record_tables()["articles"]).fields)
    fields += [T.StructField(name, T.ArrayType(spark_schema(columns))) for name, columns in _nested().items()]
    fields += [T.StructField(name, T.StringType()) for name in _EXTRA]
    return T.StructType(fields)


def _extractor(segmenter: str, pkuseg_model: str | None):
    """One pipeline per Python worker process, built on first use."""
    key = (segmenter, pkuseg_model)
    if key not in _EXTRACTORS:
        from zhnews.api import Extractor

        _EXTRACTORS[key] = Extractor(segmenter, pkuseg_model=pkuseg_model)
    return _EXTRACTORS[key]


def record_row(record: dict[str, Any]) -> dict[str, Any]:
    """The output row of one record (its JSON form), typed as ``record_schema`` says."""
    from zhnews.outputs.tables import flatten, per_record_tables, typed

    rows = flatten(record)
    article_columns = per_record_tables()["articles"]
    row = {c.name: typed(rows["articles"][0].get(c.name), c) for c in article_columns}
    for name, columns in _nested().items():
        row[name] = [{c.name: typed(item.get(c.name), c) for c in columns} for item in rows[name]]
    row["record_json"] = json.dumps(record, ensure_ascii=False)
    row["error"] = None
    return row


def error_row(doc_id: str, message: str) -> dict[str, Any]:
    """The output row of a document that failed."""
    from zhnews.outputs.tables import per_record_tables

    row: dict[str, Any] = {c.name: None for c in per_record_tables()["articles"]}
    row["doc_id"] = doc_id
    row["warnings"] = []
    row.update({name: [] for name in _nested()})
    row["record_json"], row["error"] = None, message
    return row


def partition_rows(extractor, ids: list[str], texts: list[Any], published: list[Any]) -> list[dict[str, Any]]:
    """The output rows of one batch of input rows: ``Extractor.pipe`` over the good ones in one pass, a row
    whose text is not a string (or that breaks the batch) as an error row."""
    out: list[dict[str, Any] | None] = [None] * len(ids)
    good = []
    for i, (doc_id, text) in enumerate(zip(ids, texts, strict=True)):
        if isinstance(text, str):
            good.append(i)
        else:
            out[i] = error_row(doc_id, f"TypeError: row {doc_id!r} has no text")

    def article(i: int) -> tuple[str, dict]:
        date = published[i]
        return texts[i], {"doc_id": ids[i], "published": str(date)[:10] if date else None,
                          "published_source": "given"}

    try:
        for i, record in zip(good, extractor.pipe(article(i) for i in good), strict=True):
            out[i] = record_row(record.model_dump(mode="json"))
    except Exception:  # one bad row must not cost the batch: redo it row by row
        for i in good:
            try:
                out[i] = record_row(next(extractor.pipe([article(i)])).model_dump(mode="json"))
            except Exception as exc:
                out[i] = error_row(ids[i], f"{type(exc).__name__}: {exc}")
    return out  # type: ignore[return-value]  (every slot is filled above)


def extract_dataframe(df, *, text_col: str = "text", id_col: str = "doc_id", published_col: str | None = None,
                      segmenter: str = "jieba", pkuseg_model: str | None = None):
    """Extract every row of ``df`` (columns ``id_col``, ``text_col`` [, ``published_col``])."""
    import pandas as pd

    from zhnews.outputs.tables import pandas_dtypes, per_record_tables

    schema = record_schema()
    names = [f.name for f in schema.fields]
    dtypes = {name: kind for name, kind in pandas_dtypes(per_record_tables()["articles"]).items()
              if kind in ("Int64", "boolean")}  # nullable integers stay integers (no float NaN)

    def partition(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        extractor = _extractor(segmenter, pkuseg_model)
        for frame in frames:
            ids = [str(i) for i in frame[id_col]]
            published = list(frame[published_col]) if published_col else [None] * len(frame)
            rows = partition_rows(extractor, ids, list(frame[text_col]), published)
            yield pd.DataFrame(rows, columns=names).astype(dtypes)

    selected = [id_col, text_col] + ([published_col] if published_col else [])
    return df.select(*selected).mapInPandas(partition, schema=schema)
