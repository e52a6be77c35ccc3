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


def test_a_bad_published_date_is_a_clear_error():
    result = run("extract", str(REFERENCE), "--published", "2020-13-01")
    assert result.returncode == 2
    assert "--published" in result.stderr.decode()


def test_schema_prints_the_json_schema(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert cli.main(["schema"]) == 0
    assert json.loads(out.getvalue())["title"] == "ArticleRecord"
