"""CSV and Parquet tables of articles: header rows and custom columns, encodings, quoted rows over several lines,
rows too long (skipped over, never held), poison rows, Parquet read a batch at a time; and in a batch: ids,
dates (field, header, path), resume by source."""
from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from zhnews.io import table_input
from zhnews.io.batch import BatchOptions, errors_path, run_batch
from zhnews.io.inputs import Entry, FileSource, InputFailure, ReadOptions, Walker, article_from_entry, read_entries

PARAGRAPH = ("9月28日，全市重点项目集中开工活动举行。市委书记张建华出席并宣布开工，市长李明作动员讲话。"
             "据介绍，本次集中开工项目56个，总投资318亿元。")


def source_of(path: Path) -> FileSource:
    (item,) = list(Walker([str(path)]))
    return item


def read(path: Path, **options) -> list:
    return list(read_entries(source_of(path), ReadOptions(**options)))


def articles(path: Path, **options) -> list:
    read_options = ReadOptions(**options)
    return [article_from_entry(e, read_options) if isinstance(e, Entry) else e
            for e in read_entries(source_of(path), read_options)]


def kinds(items) -> list[str]:
    return [type(item).__name__ if isinstance(item, InputFailure) else "Article" for item in items]


def records(out: Path) -> dict[str, dict]:
    return {r["doc_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def errors(out: Path) -> list[dict]:
    path = errors_path(out)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


# --- CSV --------------------------------------------------------------------------------------------
def test_a_csv_with_a_header_row_and_its_own_column_names(tmp_path):
    table = tmp_path / "dump.csv"
    table.write_text(
        "编号,标题,正文,发布日期,栏目\r\n"
        f"A-1,全市重点项目集中开工,\"{PARAGRAPH}\",2020-09-28,要闻\r\n"
        f"A-2,\"签约, 开工\",\"第一段。\r\n第二段里有“引号”和\"\"英文引号\"\"。\r\n{PARAGRAPH}\",2020年9月29日,要闻\r\n"
        "\r\n"  # a blank line is no row
        f"A-3,无日期,{PARAGRAPH},,\r\n",
        encoding="utf-8")
    got = articles(table, id_field="编号", text_field="正文", published_field="发布日期")
    assert [a.doc_id for a in got] == ["A-1", "A-2", "A-3"]
    assert [a.source.rsplit(":", 1)[1] for a in got] == ["2", "3", "7"]  # the line each row starts on
    assert got[1].text == f"第一段。\r\n第二段里有“引号”和\"英文引号\"。\r\n{PARAGRAPH}"
    assert [(a.published, a.published_source) for a in got] == [
        (dt.date(2020, 9, 28), "json_field"), (dt.date(2020, 9, 29), "json_field"), (None, None)]
    assert all(a.id_from_input for a in got)


def test_rows_without_an_id_column_are_named_by_their_line(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text(f"text\n{PARAGRAPH}\n\"{PARAGRAPH}\"\n", encoding="utf-8")
    got = articles(table)
    assert [a.doc_id for a in got] == ["t:2", "t:3"] and not any(a.id_from_input for a in got)


@pytest.mark.parametrize(("encoding", "expected"), [
    ("gbk", "gb18030"), ("gb18030", "gb18030"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-8", "utf-8")])
def test_csv_encodings_are_detected(tmp_path, encoding, expected):
    table = tmp_path / "t.csv"
    rows = "id,text,published\n" + "".join(f"{i},\"{PARAGRAPH}第{i}篇，“引文”。\",2020-09-{i + 10}\n" for i in range(20))
    table.write_bytes(rows.encode(encoding))
    got = articles(table)
    assert [a.doc_id for a in got] == [str(i) for i in range(20)]  # the BOM is not part of the first column's name
    assert got[3].text == f"{PARAGRAPH}第3篇，“引文”。" and got[3].encoding == expected
    assert got[3].published == dt.date(2020, 9, 13)


def test_a_huge_field_is_refused_within_the_limit_and_the_next_rows_read(tmp_path, monkeypatch):
    table = tmp_path / "t.csv"
    huge = "项" * 3_000_000
    table.write_text(f"id,text\na,{PARAGRAPH}\nhuge,\"{huge}\n{huge}\"\nc,{PARAGRAPH}\n", encoding="utf-8")
    longest = Counter()
    real = table_input.open_stream

    class Watched:
        def __init__(self, stream):
            self.stream = stream

        def readline(self, size=-1):
            line = self.stream.readline(size)
            longest["piece"] = max(longest["piece"], len(line))
            return line

        def __getattr__(self, name):
            return getattr(self.stream, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

    monkeypatch.setattr(table_input, "open_stream", lambda source: Watched(real(source)))
    options = ReadOptions(max_chars=10_000)
    got = articles(table, max_chars=10_000)
    assert kinds(got) == ["Article", "InputFailure", "Article"]
    assert got[1].error_type == "DocumentTooLarge" and got[1].source.endswith("t.csv:3")
    assert got[2].doc_id == "c" and got[2].source.endswith("t.csv:5")  # the two lines of the huge row are counted
    assert longest["piece"] <= max(options.byte_limit("csv") + 1, 1 << 20)


def test_a_field_longer_than_max_chars_but_within_the_byte_limit_is_refused_too(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text(f"id,text\nlong,{'项' * 12_000}\nok,{PARAGRAPH}\n", encoding="utf-8")
    got = articles(table, max_chars=10_000)
    assert kinds(got) == ["InputFailure", "Article"]
    assert got[0].error_type == "DocumentTooLarge" and "12000 characters" in got[0].message


def test_fields_longer_than_the_csv_modules_default_limit_are_read(tmp_path):
    table = tmp_path / "t.csv"
    text = PARAGRAPH * 3000  # 250,000 characters: more than csv's default 131,072
    table.write_text(f"id,text\nlong,\"{text}\"\n", encoding="utf-8")
    (article,) = articles(table)
    assert article.text == text


def test_poison_rows_fail_alone(tmp_path):
    table = tmp_path / "t.csv"
    with open(table, "wb") as handle:
        handle.write(f"id,text,published\n1,{PARAGRAPH},2020-09-28\n".encode())
        handle.write(b"2,\xff\xfe broken bytes,2020-09-28\n")  # not UTF-8
        handle.write(f"3,{PARAGRAPH},2020-09-28,extra\n".encode())  # a field too many
        handle.write(f"4,{PARAGRAPH}\n".encode())  # a field too few
        handle.write(f"5,{PARAGRAPH},9999-12-31\n".encode())  # a date that cannot be: a warning
        handle.write(f"6,{PARAGRAPH},2020-09-28\n".encode())
    got = articles(table)
    assert kinds(got) == ["Article", "InputFailure", "InputFailure", "InputFailure", "Article", "Article"]
    assert [g.error_type for g in got if isinstance(g, InputFailure)] == ["DecodeError", "CSVError", "CSVError"]
    assert [g.source.rsplit(":", 1)[1] for g in got] == ["2", "3", "4", "5", "6", "7"]
    assert got[4].published is None and any("9999-12-31" in w for w in got[4].warnings)


def test_a_stray_quote_costs_the_lines_it_joins_and_no_more(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text(f"id,text\n1,{PARAGRAPH}\n2,他说\"要抓项目,\n3,{PARAGRAPH}\"\n4,{PARAGRAPH}\n", encoding="utf-8")
    got = articles(table)
    assert kinds(got) == ["Article", "InputFailure", "Article"]
    assert got[1].error_type == "CSVError" and got[1].source.endswith(":3")
    assert got[2].doc_id == "4" and got[2].source.endswith(":5")


def test_a_csv_without_the_text_column_is_one_error_naming_the_columns(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text(f"id,content\n1,{PARAGRAPH}\n", encoding="utf-8")
    (failure,) = read(table)
    assert failure.error_type == "MissingText" and failure.source == str(table)
    assert "'text'" in failure.message and "id, content" in failure.message and "--text-field" in failure.message


# --- Parquet ----------------------------------------------------------------------------------------
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def parquet(path: Path, rows: list[dict], row_group_size: int = 4, schema=None) -> Path:
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path, row_group_size=row_group_size)
    return path


def test_parquet_rows_with_ids_dates_and_other_columns(tmp_path):
    beijing = dt.timezone(dt.timedelta(hours=8))
    rows = [{"doc": i, "body": f"{PARAGRAPH}第{i}篇。", "day": dt.datetime(2020, 9, 27, 20, 0, tzinfo=dt.UTC),
             "site": "某某网", "views": i * 10} for i in range(10)]
    path = parquet(tmp_path / "t.parquet", rows)
    got = articles(path, id_field="doc", text_field="body", published_field="day")
    assert [a.doc_id for a in got] == [str(i) for i in range(10)]
    assert [a.source.rsplit(":", 1)[1] for a in got] == [str(n) for n in range(1, 11)]
    assert got[0].published == dt.datetime(2020, 9, 27, 20, 0, tzinfo=dt.UTC).astimezone(beijing).date()  # 9-28
    assert got[0].published_source == "json_field" and got[0].encoding == "utf-8"


def test_parquet_dates_of_every_type(tmp_path):
    schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("published", pa.date32())])
    path = parquet(tmp_path / "t.parquet", [{"id": "a", "text": PARAGRAPH, "published": dt.date(2020, 9, 28)},
                                            {"id": "b", "text": PARAGRAPH, "published": None}], schema=schema)
    got = articles(path)
    assert [(a.published, a.published_source) for a in got] == [(dt.date(2020, 9, 28), "json_field"), (None, None)]
    for value in ("2020年9月28日", 20200928, 1601258400, dt.datetime(2020, 9, 28, 10, 0)):  # epoch: 2020-09-28 10:00
        path = parquet(tmp_path / "s.parquet", [{"id": 1, "text": PARAGRAPH, "published": value}])
        assert [a.published for a in articles(path)] == [dt.date(2020, 9, 28)], value


def test_parquet_is_read_a_batch_at_a_time(tmp_path, monkeypatch):
    path = parquet(tmp_path / "t.parquet", [{"id": i, "text": f"{PARAGRAPH}{i}"} for i in range(3000)], 500)
    batches = Counter()
    real = pq.ParquetFile.iter_batches

    def counted(self, *args, **kwargs):
        batches["size"] = kwargs["batch_size"]
        batches["columns"] = len(kwargs["columns"])
        for batch in real(self, *args, **kwargs):
            batches["read"] += 1
            yield batch

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", counted)
    entries = read_entries(source_of(path), ReadOptions())
    first = next(entries)
    assert first.data["id"] == 0 and batches["read"] == 1  # one batch decoded, not the file
    assert batches["size"] == table_input.PARQUET_MAX_ROWS and batches["columns"] == 2  # only the columns asked for
    assert sum(1 for _ in entries) == 2999 and batches["read"] == 3


def test_a_parquet_batch_holds_fewer_rows_when_the_texts_are_long(tmp_path):
    path = parquet(tmp_path / "t.parquet", [{"id": i, "text": f"第{i}篇" + "项" * 300_000} for i in range(8)], 8)
    assert table_input._rows_per_batch(pq.ParquetFile(path).metadata, "text") <= 5


def test_parquet_poison_rows_fail_alone(tmp_path):
    rows = [{"id": 1, "text": PARAGRAPH}, {"id": 2, "text": None}, {"id": 3, "text": "项" * 12_000},
            {"id": 4, "text": PARAGRAPH}]
    got = articles(parquet(tmp_path / "t.parquet", rows), max_chars=10_000)
    assert kinds(got) == ["Article", "InputFailure", "InputFailure", "Article"]
    assert [got[1].error_type, got[2].error_type] == ["MissingText", "DocumentTooLarge"]
    got = articles(parquet(tmp_path / "f.parquet", [{"id": 1.5, "text": PARAGRAPH}, {"id": 2.0, "text": PARAGRAPH}]))
    assert kinds(got) == ["InputFailure", "Article"] and got[0].error_type == "InvalidId" and got[1].doc_id == "2"


def test_parquet_files_that_cannot_be_read(tmp_path, monkeypatch):
    path = parquet(tmp_path / "t.parquet", [{"id": 1, "content": PARAGRAPH}])
    (failure,) = read(path)
    assert failure.error_type == "MissingText" and "id, content" in failure.message and failure.source == str(path)
    damaged = tmp_path / "d.parquet"
    damaged.write_bytes(parquet(tmp_path / "w.parquet", [{"id": 1, "text": PARAGRAPH}]).read_bytes()[:-30])
    (failure,) = read(damaged)
    assert failure.source == f"{damaged}:1" and "the rest of the file is not read" in failure.message
    compressed = tmp_path / "c.parquet.gz"
    compressed.write_bytes(b"\x1f\x8b")
    (failure,) = read(compressed)
    assert failure.error_type == "UnsupportedInput" and "decompress it" in failure.message
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    (failure,) = read(path)
    assert failure.error_type == "MissingExtra" and "pip install pyarrow" in failure.message


# --- in a batch ---------------------------------------------------------------------------------------
def test_tables_in_a_batch_keep_ids_unique_and_each_row_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.csv").write_text("id,text\n" + "".join(f"{i},\"{PARAGRAPH}第{i}篇\"\n" for i in range(6))
                                  + f"3,{PARAGRAPH}重复\n", encoding="utf-8")  # 3 again: a DuplicateId
    parquet(folder / "b.parquet", [{"id": i, "text": f"{PARAGRAPH}乙{i}"} for i in range(4, 8)])  # 4, 5 clash with a's
    out = tmp_path / "out.jsonl"
    run_batch([str(folder)], out, BatchOptions(workers=1))
    got = records(out)
    assert set(got) == {"0", "1", "2", "3", "4", "5", "b/4", "b/5", "6", "7"}
    assert got["b/4"]["input_file"] == f"{folder / 'b.parquet'}:1"
    assert got["3"]["leaders"][0]["name"] == "张建华" and got["3"]["project_stats"]
    (error,) = errors(out)
    assert (error["type"], error["source"]) == ("DuplicateId", f"{folder / 'a.csv'}:8")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[6])["input_file"] == f"{folder / 'b.parquet'}:1"
    out.write_text("\n".join(lines[:7]) + "\n" + lines[7][:30], encoding="utf-8")  # a crash mid-write
    summary = run_batch([str(folder)], out, BatchOptions(workers=1, resume=True))
    assert summary.skipped == 8  # six CSV rows, a Parquet row and one error done: by source
    assert records(out) == got and len(errors(out)) == 1


def test_dates_from_the_path_for_rows_that_have_none(tmp_path):
    day = tmp_path / "in" / "2020" / "09" / "28"
    day.mkdir(parents=True)
    (day / "dump.csv").write_text(
        f"id,text,published\nfield,{PARAGRAPH},2020-09-27\nnone,{PARAGRAPH},\n"
        f"header,\"published: 2019-09-30\n---\n{PARAGRAPH}\",\n", encoding="utf-8")
    (day / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_batch([str(tmp_path / "in")], out, BatchOptions(workers=1, read=ReadOptions(published_from_path=True)))
    got = records(out)
    dated = {doc_id: (r["published"], r["published_source"]) for doc_id, r in got.items()}
    assert dated == {"field": ("2020-09-27", "json_field"), "none": ("2020-09-28", "path"),
                     "header": ("2019-09-30", "header"), "2020/09/28/a": ("2020-09-28", "path")}
    assert got["none"]["event_date"]["year"] == 2020 and got["none"]["event_date"]["year_source"] == "published"
    run_batch([str(tmp_path / "in")], out, BatchOptions(workers=1))  # not asked for: no path dates
    assert records(out)["none"]["published"] is None
