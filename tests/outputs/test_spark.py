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


def test_extract_dataframe_matches_the_library(spark, extractor):
    from zhnews.outputs.spark import extract_dataframe, record_schema

    paths = sorted((CORPUS / "dev").glob("*.txt"))[:4]
    rows = [(p.stem, p.read_text(encoding="utf-8")) for p in paths] + [("bad", None)]
    df = spark.createDataFrame(rows, ["doc_id", "text"]).repartition(2)
    result = {row.doc_id: row for row in extract_dataframe(df).collect()}
    assert extract_dataframe(df).schema == record_schema()
    assert set(result) == {p.stem for p in paths} | {"bad"}
    for path in paths:
        expected = extractor.extract(path.read_text(encoding="utf-8"), doc_id=path.stem)
        row = result[path.stem]
        assert row.error is None
        assert row.leaders == [x.name for x in expected.leaders]
        assert json.loads(row.record_json) == json.loads(expected.model_dump_json())
    assert result["bad"].leaders == [] and result["bad"].error == "TypeError: row 'bad' has no text"
