"""The zhnews command."""
from __future__ import annotations

import io
import json
import subprocess
import sys

from conftest import REFERENCE

from zhnews import cli


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhnews.cli", *args], input=stdin, capture_output=True)


def test_extract_prints_one_record_per_file_and_reports_bad_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    latin = tmp_path / "gbk.txt"
    latin.write_bytes("省委书记".encode("gb18030"))
    good = tmp_path / "good.txt"
    good.write_text("12月18日，全市项目集中签约。", encoding="utf-8")
    result = run("extract", str(empty), str(latin), str(good))
    assert result.returncode == 2
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["doc_id"] for r in records] == ["empty", "good"]
    assert records[0]["warnings"] == ["empty document: no text to extract from"]
    assert records[1]["event_date"]["day"] == 18
    assert "gbk.txt" in result.stderr.decode() and "not valid UTF-8" in result.stderr.decode()


def test_extract_reads_stdin_and_takes_published():
    result = run("extract", "-", "--published", "2020-02-27", stdin="昨天上午，扬州举行签约仪式。".encode())
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert record["doc_id"] == "stdin"
    assert record["event_date"]["year"] == 2020 and record["event_date"]["day"] == 26


def test_a_bad_published_date_is_a_usage_error():
    result = run("extract", str(REFERENCE), "--published", "2020-13-01")
    assert result.returncode == 64
    assert "--published" in result.stderr.decode()


def test_published_takes_the_forms_archives_use():
    result = run("extract", "-", "--published", "2020年2月27日", stdin="昨天上午，扬州举行签约仪式。".encode())
    record = json.loads(result.stdout)
    assert (record["published"], record["published_source"]) == ("2020-02-27", "given")
    assert record["event_date"]["day"] == 26


def test_the_same_kind_of_error_has_the_same_status_in_every_command(tmp_path):
    usage = [("batch", "in", "-o", "x.jsonl", "--workers", "-3"), ("batch", "in", "-o", "x.jsonl", "--max-chars", "0"),
             ("batch", "in"), ("export", "x.jsonl", "--bogus"), ("export", str(tmp_path / "x.jsonl")),
             ("render", str(REFERENCE), "--published", "soon"), ("frobnicate",)]
    for args in usage:
        result = run(*args)
        assert result.returncode == 64, (args, result.stderr.decode())
    missing = str(tmp_path / "missing.jsonl")
    for args in (("extract", missing), ("render", missing), ("report", missing), ("export", missing, "--duckdb", "d")):
        result = run(*args)
        message = result.stderr.decode()
        assert result.returncode == 2 and "missing.jsonl" in message and "Traceback" not in message, (args, message)
    (tmp_path / "plain").write_text("x")
    unwritable = str(tmp_path / "plain" / "page.html")
    for args in (("render", str(REFERENCE), "-o", unwritable),):
        result = run(*args)
        assert result.returncode == 73 and "Traceback" not in result.stderr.decode(), result.stderr.decode()


def test_schema_prints_the_json_schema(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert cli.main(["schema"]) == 0
    assert json.loads(out.getvalue())["title"] == "ArticleRecord"
