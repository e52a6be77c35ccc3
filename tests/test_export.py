"""zhnews export: flat tables an analyst can query."""
from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
from conftest import CORPUS

from zhnews.io.batch import BatchOptions, run_batch

duckdb = pytest.importorskip("duckdb", reason="the export extra is installed by make test")
pq = pytest.importorskip("pyarrow.parquet")

MONTHLY_SIGNED = """
SELECT a.event_year AS year, a.event_month AS month, sum(s.amount) AS signed_cny
FROM project_stats s JOIN articles a USING (doc_id)
WHERE s.category = '签约' AND s.currency = 'CNY' AND s.segment IS NULL
GROUP BY ALL ORDER BY year NULLS FIRST, month
"""


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "corpus.jsonl"
    run_batch([str(CORPUS)], out, BatchOptions(workers=1))
    return out


def test_duckdb_tables_answer_monthly_signed_investment(records, tmp_path):
    database = tmp_path / "corpus.duckdb"
    result = subprocess.run([sys.executable, "-m", "zhnews.cli", "export", str(records), "--duckdb", str(database)],
                            capture_output=True, check=True)
    assert "articles: 13 rows" in result.stderr.decode()
    with duckdb.connect(str(database)) as con:
        rows = con.execute(MONTHLY_SIGNED).fetchall()
        assert (None, 10, Decimal("284400000000")) in rows  # the reference article: 2844亿元 signed in October
        assert (2020, 2, Decimal("62538500000")) in rows
        total = con.execute("SELECT sum(amount) FROM project_stats WHERE category = '签约' AND segment IS NULL").fetchone()
        assert total[0] == sum(r[2] for r in rows)
        leaders = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM leaders").fetchone()
        assert leaders[0] >= 100 and leaders[1] == 12
        speaker = con.execute("SELECT DISTINCT speaker FROM directives WHERE doc_id = 'henan-daily-2021-10-09-three-batches'")
        assert speaker.fetchall() == [("楼阳生",)]


def test_parquet_files_per_table(records, tmp_path):
    from zhnews.outputs.export import TABLES, export

    counts = export(records, parquet_dir=tmp_path / "pq")
    for table in TABLES:
        assert pq.read_table(tmp_path / "pq" / f"{table}.parquet").num_rows == counts[table]
    assert counts["articles"] == 13


def test_export_without_a_target_is_a_usage_error(records):
    result = subprocess.run([sys.executable, "-m", "zhnews.cli", "export", str(records)], capture_output=True)
    assert result.returncode == 64 and "--duckdb" in result.stderr.decode()
