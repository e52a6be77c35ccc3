"""zhnews export: flat tables an analyst can query."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal

import pytest
from conftest import CORPUS, REFERENCE

from zhnews.io.batch import BatchOptions, errors_path, run_batch

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
    """The reference article and the first twelve development articles, with their gold files beside
    them (a .json without a text field is no article: the batch counts it as skipped)."""
    articles = tmp_path_factory.mktemp("corpus")
    shutil.copy(REFERENCE, articles)
    for number in range(1, 13):
        for suffix in (".txt", ".gold.json"):
            shutil.copy(CORPUS / "dev" / f"{number:03d}{suffix}", articles)
    out = tmp_path_factory.mktemp("batch") / "corpus.jsonl"
    summary = run_batch([str(articles)], out, BatchOptions(workers=1))
    assert summary.failures == 0 and summary.files_skipped[".json objects without the text field"] == 12
    return out


def test_duckdb_tables_answer_monthly_signed_investment(records, tmp_path):
    database = tmp_path / "corpus.duckdb"
    result = subprocess.run([sys.executable, "-m", "zhnews.cli", "export", str(records), "--duckdb", str(database)],
                            capture_output=True, check=True)
    assert "articles: 13 rows" in result.stderr.decode()
    with duckdb.connect(str(database)) as con:
        rows = con.execute(MONTHLY_SIGNED).fetchall()
        assert (None, 10, Decimal("284400000000")) in rows  # the reference article: 2844亿元 signed in October
        total = con.execute("SELECT sum(amount) FROM project_stats WHERE category = '签约' AND segment IS NULL").fetchone()
        assert total[0] == sum(r[2] for r in rows)
        leaders = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM leaders").fetchone()
        written = [json.loads(line) for line in records.read_text(encoding="utf-8").splitlines()]
        assert leaders == (sum(len(r["leaders"]) for r in written), sum(1 for r in written if r["leaders"]))
        assert leaders[0] >= 50
        speaker = con.execute("SELECT DISTINCT speaker FROM directives WHERE doc_id = 'henan-daily-2021-10-09-three-batches'")
        assert speaker.fetchall() == [("楼阳生",)]


def test_parquet_files_per_table(records, tmp_path):
    from zhnews.outputs.export import export
    from zhnews.outputs.tables import all_tables

    counts = export(records, parquet_dir=tmp_path / "pq")
    assert set(counts) == set(all_tables()) >= {"articles", "leaders", "reporters", "project_stats", "officials"}
    for table in all_tables():
        assert pq.read_table(tmp_path / "pq" / f"{table}.parquet").num_rows == counts[table]
    assert counts["articles"] == 13


def test_export_without_a_target_is_a_usage_error(records):
    result = subprocess.run([sys.executable, "-m", "zhnews.cli", "export", str(records)], capture_output=True)
    assert result.returncode == 64 and "--duckdb" in result.stderr.decode()


def test_streamed_export_equals_one_batch(records, tmp_path):
    from zhnews.outputs.export import export

    small = export(records, duckdb_path=tmp_path / "small.duckdb", batch_records=2)  # seven pieces
    whole = export(records, duckdb_path=tmp_path / "whole.duckdb", batch_records=10_000)
    assert small == whole and small["articles"] == 13
    with duckdb.connect(str(tmp_path / "small.duckdb")) as a, duckdb.connect(str(tmp_path / "whole.duckdb")) as b:
        for table in small:
            query = f"SELECT * FROM {table} ORDER BY ALL"
            assert a.execute(query).fetchall() == b.execute(query).fetchall()
        types = "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'project_stats'"
        assert dict(a.execute(types).fetchall())["amount"] == "DECIMAL(38,0)"


def test_without_the_archive_tables_the_builders_hold_nothing(records, tmp_path, monkeypatch):
    """--no-archive-tables: the per-record tables as before, the three tables across records empty, and no
    record reaches the officials' and events' builders (whose state grows with the archive)."""
    from zhnews.archive import events, officials
    from zhnews.outputs.export import export

    fed = []
    monkeypatch.setattr(officials.OfficialsBuilder, "add", lambda self, record, places=None: fed.append(record))
    monkeypatch.setattr(events.EventsBuilder, "add", lambda self, record, places=None: fed.append(record))
    counts = export(records, parquet_dir=tmp_path / "pq", archive_tables=False)
    assert not fed
    assert counts["articles"] == 13 and counts["leaders"] > 0
    assert counts["officials"] == counts["events"] == counts["article_events"] == 0
    monkeypatch.undo()
    result = subprocess.run([sys.executable, "-m", "zhnews.cli", "export", str(records), "--duckdb",
                             str(tmp_path / "flat.duckdb"), "--no-archive-tables"], capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    with duckdb.connect(str(tmp_path / "flat.duckdb")) as con:
        assert con.execute("SELECT count(*) FROM officials").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (13,)


def test_duckdb_export_caps_the_cache_of_what_it_writes(records, tmp_path, monkeypatch):
    """DuckDB caches written blocks up to its memory limit (80% of RAM by default): the export sets the limit
    before it writes, so its memory is bounded whatever the archive's size."""
    from zhnews.outputs import export as module

    statements: list[str] = []
    real_connect = duckdb.connect

    class Spy:
        def __init__(self, con):
            self.con = con

        def execute(self, sql, *args):
            statements.append(sql)
            return self.con.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self.con, name)

    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: Spy(real_connect(*a, **k)))
    module.export(records, duckdb_path=tmp_path / "capped.duckdb")
    limit = next(i for i, sql in enumerate(statements) if sql.startswith("SET memory_limit"))
    assert statements[limit] == f"SET memory_limit = '{module.DUCKDB_MEMORY_LIMIT}'" and module.DUCKDB_MEMORY_LIMIT == "64MB"
    assert limit < min(i for i, sql in enumerate(statements) if sql.startswith("INSERT"))


def write_lines(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["export", "report"])
def test_export_and_report_refuse_what_is_not_records(records, tmp_path, command):
    good = records.read_text(encoding="utf-8").splitlines()
    errors = write_lines(tmp_path / "out.errors.jsonl",
                         [{"doc_id": "x", "source": "/in/x.txt", "type": "DecodeError", "message": "m"}])
    other = write_lines(tmp_path / "articles.jsonl", [{"id": 1, "text": "全省活动举行。"}])
    twice = write_lines(tmp_path / "twice.jsonl", [good[0], good[1], good[0]])
    torn = write_lines(tmp_path / "torn.jsonl", [good[0], good[1][:100]])
    target = ["--duckdb", str(tmp_path / "t.duckdb")] if command == "export" else ["-o", str(tmp_path / "r.html")]
    for path, words in ((errors, "error line"), (other, "not a zhnews record"), (twice, "appears twice"),
                        (torn, "not a JSON record")):
        result = subprocess.run([sys.executable, "-m", "zhnews.cli", command, str(path), *target],
                                capture_output=True)
        message = result.stderr.decode().strip()
        assert result.returncode == 65 and words in message and "Traceback" not in message, message
    assert not (tmp_path / "r.html").exists()


def test_a_refused_input_leaves_the_earlier_tables(records, tmp_path):
    from zhnews.outputs.export import NotRecordsError, export

    database = tmp_path / "t.duckdb"
    export(records, duckdb_path=database, parquet_dir=tmp_path / "pq")
    bad = write_lines(tmp_path / "bad.jsonl", [*records.read_text(encoding="utf-8").splitlines()[:5], "{oops"])
    with pytest.raises(NotRecordsError, match="bad.jsonl:6"):
        export(bad, duckdb_path=database, parquet_dir=tmp_path / "pq", batch_records=2)
    with duckdb.connect(str(database)) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 13
    assert pq.read_table(tmp_path / "pq" / "articles.parquet").num_rows == 13
    assert not list((tmp_path / "pq").glob(".*part"))


def test_the_errors_file_is_not_taken_for_records(records):
    assert not errors_path(records).exists()


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


def test_the_tables_keep_their_declared_types_in_duckdb_and_pandas(records, tmp_path):
    """One declared schema: DECIMAL(38,0) amounts, DATE columns, lists; in pandas nullable integers stay Int64."""
    pytest.importorskip("pandas")
    from zhnews.outputs.export import export, pandas_tables
    from zhnews.outputs.tables import all_tables

    export(records, duckdb_path=tmp_path / "t.duckdb", parquet_dir=tmp_path / "pq")
    with duckdb.connect(str(tmp_path / "t.duckdb")) as con:
        types = dict(con.execute("SELECT table_name || '.' || column_name, data_type FROM information_schema.columns"
                                 ).fetchall())
    assert types["project_stats.amount"] == "DECIMAL(38,0)" and types["events.amount"] == "DECIMAL(38,0)"
    assert types["articles.event_date"] == "DATE" and types["articles.published"] == "DATE"
    assert types["leaders.titles"] == "VARCHAR[]" and types["articles.event_year"] == "BIGINT"
    for name in ("year_source", "published_source", "schema_version"):
        assert f"articles.{name}" in types
    assert {c.name for c in all_tables()["reporters"]} >= {"doc_id", "name", "role", "outlet"}
    frames = pandas_tables(tmp_path / "pq")
    articles = frames["articles"]
    assert str(articles["event_year"].dtype) == "Int64" and articles["event_year"].isna().any()
    assert str(frames["project_stats"]["count"].dtype) == "Int64"
    reference = articles[articles["doc_id"] == "henan-daily-2021-10-09-three-batches"].iloc[0]
    assert reference["schema_version"] == "2.0" and reference["year_source"] == "unknown"
    assert set(frames["reporters"]["name"]) >= {"李铮", "冯芸", "马涛", "邹乐"}


def test_the_archive_tables_are_made_from_a_scratch_file_beside_the_output(records, tmp_path, monkeypatch):
    """officials, events and article_events: what each record gives them goes to a SQLite file next to the
    output (not to memory), the tables equal the in-memory builders', and the file is gone afterwards, also
    when the input is refused half-way."""
    from zhnews.archive import builder as builder_module
    from zhnews.archive.events import events_tables
    from zhnews.archive.officials import officials_table
    from zhnews.outputs.export import export, iter_records

    opened = []
    real = builder_module.ArchiveStore

    def spy(path=None):
        opened.append(path)
        return real(path)

    monkeypatch.setattr(builder_module, "ArchiveStore", spy)
    out = tmp_path / "out"
    out.mkdir()
    export(records, duckdb_path=out / "corpus.duckdb")
    (scratch,) = opened
    assert scratch.parent.parent == out and scratch.name == "archive.sqlite"
    assert sorted(p.name for p in out.iterdir()) == ["corpus.duckdb"]  # the scratch folder removed
    written = list(iter_records(records))
    events, links = events_tables(written)
    with duckdb.connect(str(out / "corpus.duckdb")) as con:
        assert con.execute("SELECT * FROM article_events").fetchall() == [(r["doc_id"], r["event_id"]) for r in links]
        assert len(con.execute("SELECT * FROM events").fetchall()) == len(events)
        person_rows = con.execute("SELECT person_id, name, post, place, articles FROM officials").fetchall()
    assert person_rows == [(r["person_id"], r["name"], r["post"], r["place"], r["articles"])
                           for r in officials_table(written)]
    broken = tmp_path / "broken.jsonl"
    broken.write_text(records.read_text(encoding="utf-8") + "not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a JSON record"):
        export(broken, parquet_dir=out / "pq")
    assert not list((out / "pq").glob(".zhnews-export-*"))


def test_a_full_disk_under_the_scratch_file_is_one_line_and_leaves_the_earlier_tables(records, tmp_path, monkeypatch,
                                                                                       capsys):
    """SQLite reports a full disk as its own error: the export says so in one line (status 74, as for
    any full disk), names the way round it, and the earlier tables stand."""
    import sqlite3

    from zhnews import cli
    from zhnews.archive.store import ArchiveStore

    database = tmp_path / "corpus.duckdb"
    assert cli.main(["export", str(records), "--duckdb", str(database)]) == 0
    capsys.readouterr()

    def full(self, table):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ArchiveStore, "_flush", full)
    assert cli.main(["export", str(records), "--duckdb", str(database)]) == 74
    message = capsys.readouterr().err
    assert message.count("\n") == 1 and "disk is full" in message and "--no-archive-tables" in message
    assert not list(tmp_path.glob(".zhnews-export-*"))
    with duckdb.connect(str(database)) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (13,)


def test_export_without_an_output_says_so(records):
    from zhnews.outputs.export import export

    with pytest.raises(ValueError, match="duckdb_path and/or parquet_dir"):
        export(records)
