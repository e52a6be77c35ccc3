"""zhnews batch: inputs of every kind and encoding, errors kept apart, crash-safe resume."""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REFERENCE

from zhnews.io.batch import BatchOptions, errors_path, repair_and_collect_ids, run_batch
from zhnews.io.inputs import decode_bytes

ARTICLE = "10月8日，全省活动举行。省委书记楼阳生出席并讲话，省长王凯作工作部署。据统计，全省集中签约项目340个，总投资2844亿元。"
TRADITIONAL = "10月8日，全省活動舉行。省委書記樓陽生出席並講話，省長王凱作工作部署。據統計，全省集中簽約項目340個，總投資2844億元。"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def batch(inputs, out, **options) -> list[dict]:
    options.setdefault("workers", 1)
    run_batch([str(i) for i in inputs], out, BatchOptions(**options))
    return read_jsonl(Path(out))


@pytest.mark.parametrize(
    ("encoding", "text", "expected"),
    [("gb18030", ARTICLE, "gb18030"), ("big5", TRADITIONAL, "big5hkscs"), ("utf-16", ARTICLE, "utf-16"),
     ("utf-8-sig", ARTICLE, "utf-8-sig"), ("utf-8", ARTICLE, "utf-8")],
)
def test_encodings_are_detected_per_file(tmp_path, encoding, text, expected):
    source = tmp_path / "in" / "a.txt"
    source.parent.mkdir()
    source.write_bytes(text.encode(encoding))
    (record,) = batch([tmp_path / "in"], tmp_path / "out.jsonl")
    assert record["encoding"] == expected
    assert [x["name"] for x in record["leaders"]] == ([("樓陽生"), ("王凱")] if encoding == "big5" else ["楼阳生", "王凯"])
    assert record["project_stats"][0]["investment"]["amount"] == 284400000000


def test_decode_bytes_rejects_binary_junk():
    with pytest.raises(ValueError, match="encoding|binary"):
        decode_bytes(bytes(range(256)) * 8)


def test_html_page_gives_main_text_title_and_date(tmp_path):
    page = f"""<!DOCTYPE html><html><head><meta charset="gbk"><title>全省重大项目集中签约 - 某某网</title>
<meta name="pubdate" content="2021-10-09"><meta property="article:published_time" content="2021-10-09"></head>
<body><nav><a href="/">首页</a> &gt; <a href="/news">要闻</a></nav>
<article><h1>全省重大项目集中签约</h1><p>{ARTICLE}</p><p>楼阳生强调，要抓项目、促投资、增动能，持续扩大有效投资。</p></article>
<footer>版权所有 某某网 【打印】【关闭】</footer></body></html>"""
    (tmp_path / "page.html").write_bytes(page.encode("gbk"))
    (record,) = batch([tmp_path / "page.html"], tmp_path / "out.jsonl")
    assert record["published"] == "2021-10-09"
    assert record["event_date"]["year"] == 2021 and record["event_date"]["year_source"] == "published"
    assert record["title"]["headline"]["text"].startswith("全省重大项目集中签约")
    assert [x["name"] for x in record["leaders"]] == ["楼阳生", "王凯"]
    assert record["encoding"] == "gb18030"


def test_jsonl_gz_is_streamed_and_bad_lines_become_errors(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": ARTICLE, "published": "2021-10-09"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "c", "body": "no text field"}),
        json.dumps({"id": "d", "text": "12月18日，全市项目签约。"}, ensure_ascii=False),
    ]
    dump = tmp_path / "dump.jsonl.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    records = batch([dump], out)
    assert [r["doc_id"] for r in records] == ["a", "d"]
    assert records[0]["event_date"]["year"] == 2021
    assert records[0]["input_file"].endswith("dump.jsonl.gz:1")
    errors = read_jsonl(errors_path(out))
    assert [(e["doc_id"], e["type"]) for e in errors] == [("dump:2", "JSONDecodeError"), ("c", "MissingText")]
    assert all(e["source"].startswith(str(dump)) and e["message"] for e in errors)


def test_custom_jsonl_field_names(tmp_path):
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"uid": "x1", "content": ARTICLE, "date": "2021-10-09"}, ensure_ascii=False) + "\n")
    from zhnews.io.inputs import ReadOptions

    (record,) = batch([dump], tmp_path / "o.jsonl", read=ReadOptions("uid", "content", "date"))
    assert record["doc_id"] == "x1" and record["published"] == "2021-10-09"


def test_max_chars_is_a_clear_error_and_others_go_on(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.txt").write_text(ARTICLE * 50, encoding="utf-8")
    (tmp_path / "in" / "small.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    records = batch([tmp_path / "in"], out, max_chars=1000)
    assert [r["doc_id"] for r in records] == ["small"]
    (error,) = read_jsonl(errors_path(out))
    assert error["type"] == "DocumentTooLarge" and "--max-chars 1000" in error["message"]


def test_repair_cuts_a_torn_last_line(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"doc_id": "a"}\n{"doc_id": "b"}\n{"doc_id": "c", "lea')
    assert repair_and_collect_ids(path) == {"a", "b"}
    assert path.read_bytes() == b'{"doc_id": "a"}\n{"doc_id": "b"}\n'


def test_kill_minus_nine_then_resume_writes_every_document_exactly_once(tmp_path):
    texts = [ARTICLE, REFERENCE.read_text(encoding="utf-8"), "12月18日，宜昌举行重大项目集中签约活动。"]
    dump = tmp_path / "dump.jsonl"
    total = 600
    with open(dump, "w", encoding="utf-8") as handle:
        for i in range(total):
            handle.write(json.dumps({"id": f"doc{i:04d}", "text": texts[i % 3]}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "zhnews.cli", "batch", str(dump), "-o", str(out), "--workers", "2"]
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 20:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the batch finished before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    written = out.read_bytes().count(b"\n")
    assert 20 <= written < total
    with open(out, "ab") as handle:  # as if the kill had landed in the middle of a write
        handle.write(b'{"doc_id": "doc9999", "lead')
    resumed = subprocess.run(command + ["--resume"], capture_output=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr.decode()
    ids = [r["doc_id"] for r in read_jsonl(out)]
    assert sorted(ids) == [f"doc{i:04d}" for i in range(total)]
    assert f"skipped (already done): {written}" in resumed.stderr.decode()


def test_batch_command_summary_progress_and_exit_status(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "junk.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "zhnews.cli", "batch", str(tmp_path / "in"), "-o", str(out), "--progress",
         "--workers", "1"],
        capture_output=True,
    )
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert "documents: 2, failures: 1" in stderr and "documents/s" in stderr
    assert "doc/s" in stderr  # the progress bar's rate
    assert [r["doc_id"] for r in read_jsonl(out)] == ["good"]
    assert read_jsonl(errors_path(out))[0]["doc_id"] == "junk"


def test_a_document_that_breaks_its_chunk_fails_alone(tmp_path, monkeypatch):
    """Chunks go through the pipeline as one batch; a failure inside it is isolated to its document."""
    import zhnews.api

    real_build = zhnews.api.build_record

    def build_or_break(doc, **meta):
        if "故障注入" in doc.text:
            raise RuntimeError("injected fault")
        return real_build(doc, **meta)

    monkeypatch.setattr(zhnews.api, "build_record", build_or_break)
    source = tmp_path / "in.jsonl"
    texts = [ARTICLE.replace("340", str(300 + i)) for i in range(5)]
    texts[2] = "故障注入。" + ARTICLE
    source.write_text("".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")
    records = batch([source], tmp_path / "out.jsonl")
    assert [r["doc_id"] for r in records] == ["d0", "d1", "d3", "d4"]
    assert [r["project_stats"][0]["count"] for r in records] == [300, 301, 303, 304]
    (error,) = read_jsonl(errors_path(tmp_path / "out.jsonl"))
    assert (error["doc_id"], error["type"], error["message"]) == ("d2", "RuntimeError", "injected fault")


def test_too_large_documents_fail_alone_inside_a_chunk(tmp_path):
    source = tmp_path / "in.jsonl"
    texts = [ARTICLE, ARTICLE * 20, ARTICLE]
    source.write_text("".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")
    records = batch([source], tmp_path / "out.jsonl", max_chars=len(ARTICLE) * 2)
    assert [r["doc_id"] for r in records] == ["d0", "d2"]
    (error,) = read_jsonl(errors_path(tmp_path / "out.jsonl"))
    assert error["doc_id"] == "d1" and error["type"] == "DocumentTooLarge"
