"""zhnews.outputs.spark in Spark local mode."""
from __future__ import annotations

import json
import os

import pytest
from conftest import CORPUS

pyspark = pytest.importorskip("pyspark", reason="the spark extra is installed by make test")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", os.sys.executable)
    session = (
        SparkSession.builder.master("local[2]").appName("zhnews-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate()
    )
    yield session
    session.stop()


def test_extract_dataframe_matches_the_library_with_the_declared_types(spark, extractor):
    from decimal import Decimal

    from pyspark.sql import types as T

    from zhnews.outputs.spark import extract_dataframe, record_schema

    paths = sorted((CORPUS / "dev").glob("*.txt"))[:4] + [CORPUS / "henan-daily-2021-10-09-three-batches.txt"]
    rows = [(p.stem, p.read_text(encoding="utf-8")) for p in paths] + [("bad", None)]
    df = spark.createDataFrame(rows, ["doc_id", "text"]).repartition(2)
    out = extract_dataframe(df)
    assert out.schema == record_schema()
    types = {f.name: f.dataType for f in out.schema.fields}
    assert types["event_year"] == T.LongType() and types["published"] == T.DateType()
    stat = {f.name: f.dataType for f in types["project_stats"].elementType.fields}
    assert stat["amount"] == T.DecimalType(38, 0) and stat["count"] == T.LongType()
    leader = {f.name: f.dataType for f in types["leaders"].elementType.fields}
    assert leader["titles"] == T.ArrayType(T.StringType())
    result = {row.doc_id: row for row in out.collect()}
    assert set(result) == {p.stem for p in paths} | {"bad"}
    for path in paths:
        expected = extractor.extract(path.read_text(encoding="utf-8"), doc_id=path.stem)
        row = result[path.stem]
        assert row.error is None
        assert [x.name for x in row.leaders] == [x.name for x in expected.leaders]
        assert [x.titles for x in row.leaders] == [x.titles for x in expected.leaders]
        assert [(s["category"], s["count"], s["amount"]) for s in row.project_stats] == [
            (s.category, s.count, Decimal(s.investment.amount) if s.investment else None)
            for s in expected.project_stats]
        assert row.event_year == (expected.event_date.year if expected.event_date else None)
        assert json.loads(row.record_json) == json.loads(expected.model_dump_json())
    reference = result["henan-daily-2021-10-09-three-batches"]
    assert Decimal("284400000000") in {s["amount"] for s in reference.project_stats} and reference.event_year is None
    assert result["bad"].leaders == [] and result["bad"].error == "TypeError: row 'bad' has no text"
