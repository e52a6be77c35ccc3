"""Apply the extractor to a Spark DataFrame (the ``spark`` extra).

``extract_dataframe(df)`` maps each partition through ``mapInPandas`` with one
pipeline per Python worker process and returns one row per article with a
declared schema: the scored facts as columns and the whole record as JSON.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_EXTRACTORS: dict[tuple, Any] = {}


def record_schema():
    """The Spark schema of the output rows."""
    from pyspark.sql import types as T

    return T.StructType([
        T.StructField("doc_id", T.StringType()),
        T.StructField("event_year", T.IntegerType()),
        T.StructField("event_month", T.IntegerType()),
        T.StructField("event_day", T.IntegerType()),
        T.StructField("reporters", T.ArrayType(T.StringType())),
        T.StructField("leaders", T.ArrayType(T.StringType())),
        T.StructField("organizations", T.ArrayType(T.StringType())),
        T.StructField("directive_items", T.IntegerType()),
        T.StructField("project_stats", T.IntegerType()),
        T.StructField("warnings", T.ArrayType(T.StringType())),
        T.StructField("record_json", T.StringType()),
        T.StructField("error", T.StringType()),
    ])


def _extractor(segmenter: str, pkuseg_model: str | None):
    """One pipeline per Python worker process, built on first use."""
    key = (segmenter, pkuseg_model)
    if key not in _EXTRACTORS:
        from zhnews.api import Extractor

        _EXTRACTORS[key] = Extractor(segmenter, pkuseg_model=pkuseg_model)
    return _EXTRACTORS[key]


def _row(doc_id: str, text: str, published: Any, extractor) -> dict:
    try:
        if not isinstance(text, str):
            raise TypeError(f"row {doc_id!r} has no text")
        record = extractor.extract(text, doc_id=doc_id, published=str(published)[:10] if published else None)
    except Exception as exc:  # a bad row becomes an error row, the job goes on
        return {"doc_id": doc_id, "event_year": None, "event_month": None, "event_day": None, "reporters": [],
                "leaders": [], "organizations": [], "directive_items": 0, "project_stats": 0, "warnings": [],
                "record_json": None, "error": f"{type(exc).__name__}: {exc}"}
    date = record.event_date
    return {
        "doc_id": doc_id,
        "event_year": date.year if date else None,
        "event_month": date.month if date else None,
        "event_day": date.day if date else None,
        "reporters": [r.name for r in record.reporters],
        "leaders": [x.name for x in record.leaders],
        "organizations": [o.name for o in record.organizations],
        "directive_items": sum(len(g.items) for g in record.directives),
        "project_stats": len(record.project_stats),
        "warnings": list(record.warnings),
        "record_json": record.model_dump_json(),
        "error": None,
    }


def extract_dataframe(df, *, text_col: str = "text", id_col: str = "doc_id", published_col: str | None = None,
                      segmenter: str = "jieba", pkuseg_model: str | None = None):
    """Extract every row of ``df`` (columns ``id_col``, ``text_col`` [, ``published_col``])."""
    import pandas as pd

    columns = [c.name for c in record_schema().fields]

    def partition(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        extractor = _extractor(segmenter, pkuseg_model)
        for frame in frames:
            published = frame[published_col] if published_col else [None] * len(frame)
            rows = [_row(str(i), t, p, extractor) for i, t, p in zip(frame[id_col], frame[text_col], published,
                                                                    strict=True)]
            frame_out = pd.DataFrame(rows, columns=columns)
            for name in ("event_year", "event_month", "event_day"):
                frame_out[name] = frame_out[name].astype("Int32")  # nullable: no float NaN for a missing date
            yield frame_out

    selected = [id_col, text_col] + ([published_col] if published_col else [])
    return df.select(*selected).mapInPandas(partition, schema=record_schema())
