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


OFFICIAL_INVESTMENT = (CORPUS.parent / "scripts" / "official_investment.sql").read_text(encoding="utf-8")


def test_cross_record_tables_answer_questions_about_officials_and_events(records, tmp_path):
    from zhnews.outputs.export import export

    database = tmp_path / "corpus.duckdb"
    counts = export(records, duckdb_path=database, parquet_dir=tmp_path / "pq")
    assert pq.read_table(tmp_path / "pq" / "events.parquet").num_rows == counts["events"]
    with duckdb.connect(str(database)) as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        linked = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM article_events").fetchone()
        assert linked == (articles, articles)  # every record in exactly one event
        amount_type = con.execute("SELECT data_type FROM information_schema.columns "
                                  "WHERE table_name = 'events' AND column_name = 'amount'").fetchone()[0]
        assert amount_type.startswith("DECIMAL")
        # the reference article's signing figure: one event row, counted once
        signed = con.execute("SELECT e.amount, e.counted, e.province FROM events e JOIN article_events a USING (event_id) "
                             "WHERE a.doc_id = 'henan-daily-2021-10-09-three-batches' AND e.category = '签约'").fetchall()
        assert signed == [(Decimal("284400000000"), True, "河南省")]
        once = con.execute("SELECT sum(amount) FROM events WHERE counted AND currency = 'CNY'").fetchone()[0]
        per_record = con.execute("SELECT sum(amount) FROM project_stats WHERE segment IS NULL AND currency = 'CNY'")
        assert once <= per_record.fetchone()[0]
        # one person per name and place: the mayor of 扬州 who became its party secretary
        rows = con.execute("SELECT person_id, post, place FROM officials WHERE name = '张宝娟' ORDER BY post").fetchall()
        assert len({r[0] for r in rows}) == 1 and {(r[1], r[2]) for r in rows} == {("市长", "扬州市"), ("市委书记", "扬州市")}
        top = con.execute(OFFICIAL_INVESTMENT).fetchall()
        assert top and all(events >= 1 and amount > 0 for _, _, events, amount in top)
        assert [amount for *_, amount in top] == sorted((amount for *_, amount in top), reverse=True)
