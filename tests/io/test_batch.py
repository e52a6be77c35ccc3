"""zhnews batch: inputs of every kind and encoding, errors kept apart, crash-safe resume."""
from __future__ import annotations

import bz2
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import REFERENCE

from zhnews.io.batch import BatchOptions, Output, errors_path, run_batch
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


def test_resume_cuts_a_torn_last_line_and_knows_what_is_done(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"doc_id": "a", "input_file": "/in/a.txt"}\n{"doc_id": "b", "input_file": "/in/d.jsonl:2"}\n'
                     b'{"doc_id": "c", "input_file": "/in/c.txt", "lea')
    output = Output(path, resume=True, retry_failed=False)
    output.open()
    output.close()
    assert path.read_bytes() == b'{"doc_id": "a", "input_file": "/in/a.txt"}\n{"doc_id": "b", "input_file": "/in/d.jsonl:2"}\n'
    assert "/in/a.txt" in output.done and "/in/d.jsonl:2" in output.done and "/in/c.txt" not in output.done
    assert output.ids.get("a") == -1 and output.ids.get("b") == output.files["/in/d.jsonl"]


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


def errors_of(out: Path) -> list[dict]:
    path = errors_path(out)
    return read_jsonl(path) if path.exists() else []


def jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def every_source_once(out: Path) -> list[str]:
    """The input of every record and error, asserting that none is written twice."""
    sources = [r["input_file"] for r in read_jsonl(out)] + [e["source"] for e in errors_of(out)]
    assert len(sources) == len(set(sources)), Counter(sources).most_common(3)
    return sources


# --- 1. no self-feeding ----------------------------------------------------------------------------------
@pytest.mark.parametrize("include_text", [False, True])
def test_an_output_inside_the_input_folder_is_not_read_back(tmp_path, include_text):
    folder = tmp_path / "archive"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")  # makes an error line, every run
    out = folder / "out.jsonl"
    for run in range(3):  # each run would have read the last one's output (and errors) as JSON lines
        summary = run_batch([str(folder)], out, BatchOptions(workers=1, include_text=include_text,
                                                             resume=run > 0))
        assert [r["doc_id"] for r in read_jsonl(out)] == ["a/one"]
        assert [e["doc_id"] for e in errors_of(out)] == ["empty"]
        assert summary.files_skipped["this batch's own output"] >= 1
    assert summary.skipped == 2 and summary.documents == 0


# --- 2. duplicate ids -----------------------------------------------------------------------------------------
def test_same_names_in_two_folders_and_the_same_id_in_two_dumps_are_all_kept(tmp_path):
    for year in ("2021", "2022"):
        (tmp_path / "archive" / year).mkdir(parents=True)
        (tmp_path / "archive" / year / "0001.txt").write_text(ARTICLE.replace("340", year[-2:]), encoding="utf-8")
    jsonl(tmp_path / "archive" / "dumps" / "a.jsonl", [{"id": 1, "text": ARTICLE}, {"id": 0, "text": ARTICLE}])
    jsonl(tmp_path / "archive" / "dumps" / "b.jsonl", [{"id": "1", "text": ARTICLE}, {"id": "0", "text": ARTICLE}])
    out = tmp_path / "out.jsonl"
    records = batch([tmp_path / "archive"], out)
    assert sorted(r["doc_id"] for r in records) == ["0", "1", "2021/0001", "2022/0001", "dumps/b/0", "dumps/b/1"]
    assert errors_of(out) == []
    counts = {r["doc_id"]: r["project_stats"][0]["count"] for r in records if "/000" in r["doc_id"]}
    assert counts == {"2021/0001": 21, "2022/0001": 22}


def test_a_repeated_id_within_one_input_is_an_error_record(tmp_path):
    dump = jsonl(tmp_path / "d.jsonl", [{"id": 7, "text": ARTICLE}, {"id": "7", "text": ARTICLE + "又"},
                                        {"id": 8, "text": ARTICLE}])
    out = tmp_path / "out.jsonl"
    assert [r["doc_id"] for r in batch([dump], out)] == ["7", "8"]
    (error,) = errors_of(out)
    assert (error["doc_id"], error["type"]) == ("7", "DuplicateId") and error["source"].endswith("d.jsonl:2")
    assert len(every_source_once(out)) == 3


# --- 3. poison inputs ----------------------------------------------------------------------------------------
def poison_archive(root: Path) -> dict[str, str]:
    """Inputs that once aborted a whole batch, and the error type each must become."""
    root.mkdir(parents=True)
    (root / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "deep.jsonl").write_text('{"id": "deep", "text": ' + "[" * 1500 + "]" * 1500 + "}\n", encoding="utf-8")
    (root / "surrogate.jsonl").write_text('{"id": "x\\ud800", "text": "a\\udfffb' + ARTICLE + '"}\n', encoding="utf-8")
    (root / "svg.html").write_text("<svg><script>a</script><p>x</p></svg>", encoding="utf-8")
    packed = bytearray(gzip.compress((ARTICLE * 40).encode("utf-8")))
    packed[len(packed) // 2] ^= 0x10
    (root / "flipped.txt.gz").write_bytes(bytes(packed))
    (root / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * (64 << 20)))
    with open(os.path.join(os.fsencode(root), b"\xb1\xa8\xb5\xc0.txt"), "wb") as handle:
        handle.write(ARTICLE.encode("utf-8"))
    return {"deep:1": "JSONDecodeError", "bomb": "DocumentTooLarge", "flipped": "zlib.error|BadGzipFile"}


def test_poison_inputs_fail_alone_and_resume_goes_past_them(tmp_path):
    expected = poison_archive(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(tmp_path / "in")], out, BatchOptions(workers=1, max_chars=100_000))
    records = {r["doc_id"]: r for r in read_jsonl(out)}
    errors = {e["doc_id"]: e for e in errors_of(out)}
    assert {"good", "x\\ud800", "\\xb1\\xa8\\xb5\\xc0"} <= records.keys()
    assert records["x\\ud800"]["leaders"][0]["name"] == "楼阳生"
    for doc_id, types in expected.items():
        assert errors[doc_id]["type"] in types.split("|"), errors[doc_id]
    assert "svg" in records or errors["svg"]["type"] in ("AssertionError", "EmptyPage")
    assert summary.documents == len(records) + len(errors) == 7
    again = run_batch([str(tmp_path / "in")], out, BatchOptions(workers=1, max_chars=100_000, resume=True))
    assert (again.documents, again.skipped) == (0, 7)


def test_a_document_that_kills_its_workers_is_a_worker_died_error(tmp_path, monkeypatch):
    import zhnews.api

    real_build = zhnews.api.build_record

    def build_or_die(doc, **meta):
        if "致命文本" in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer does
        return real_build(doc, **meta)

    monkeypatch.setattr(zhnews.api, "build_record", build_or_die)  # forked workers inherit it
    texts = [ARTICLE.replace("340", str(300 + i)) for i in range(6)]
    texts[3] = "致命文本。" + ARTICLE
    source = jsonl(tmp_path / "in.jsonl", [{"id": f"d{i}", "text": t} for i, t in enumerate(texts)])
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(source)], out, BatchOptions(workers=2))
    assert sorted(r["doc_id"] for r in read_jsonl(out)) == ["d0", "d1", "d2", "d4", "d5"]
    (error,) = errors_of(out)
    assert (error["doc_id"], error["type"]) == ("in:4", "WorkerDied") and "SIGKILL" in error["message"]
    assert summary.worker_deaths == 2 and summary.failures == 1


# --- 6. nothing silently skipped ----------------------------------------------------------------------------
def test_files_of_other_types_are_counted_and_fifos_fail_without_hanging(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.shtml").write_text(f"<html><body><article><p>{ARTICLE}</p></article></body></html>", encoding="utf-8")
    with bz2.open(folder / "b.jsonl.bz2", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "b", "text": ARTICLE}, ensure_ascii=False) + "\n")
    (folder / "c.json").write_text(json.dumps([{"id": "c", "text": ARTICLE}], ensure_ascii=False), encoding="utf-8")
    for name in ("scan.pdf", "scan2.pdf", "notes.docx"):
        (folder / name).write_bytes(b"%PDF")
    os.mkfifo(folder / "pipe.txt")
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(folder)], out, BatchOptions(workers=1))
    assert sorted(r["doc_id"] for r in read_jsonl(out)) == ["a", "b", "c"]
    assert [(e["doc_id"], e["type"]) for e in errors_of(out)] == [("pipe", "NotARegularFile")]
    assert "files skipped: .pdf 2, .docx 1" in summary.format()


# --- 7. memory: workers recycled, the output the same -----------------------------------------------------------
def test_recycled_workers_write_every_document_once(tmp_path):
    source = jsonl(tmp_path / "in.jsonl", [{"id": i, "text": ARTICLE.replace("340", str(i))} for i in range(30)])
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(source)], out, BatchOptions(workers=2, recycle_after=5))
    assert sorted(int(r["doc_id"]) for r in read_jsonl(out)) == list(range(30))
    assert summary.workers_recycled >= 30 // 64 + 1 and summary.worker_deaths == 0


# --- 9. dates, retries, progress ---------------------------------------------------------------------------------
def test_jsonl_dates_in_any_form_and_a_bad_one_costs_nothing(tmp_path):
    source = jsonl(tmp_path / "in.jsonl", [
        {"id": "iso", "text": ARTICLE, "published": "2021-10-09T08:00:00+08:00"},
        {"id": "cn", "text": ARTICLE, "published": "2021年10月9日"},
        {"id": "epoch", "text": ARTICLE, "published": 1633737600},
        {"id": "far", "text": ARTICLE, "published": "9999-12-31"},
        {"id": "header", "text": "published: 2020-05-06\n---\n" + ARTICLE, "published": "not a date"},
    ])
    out = tmp_path / "out.jsonl"
    records = {r["doc_id"]: r for r in batch([source], out)}
    assert errors_of(out) == []
    for doc_id in ("iso", "cn", "epoch"):
        assert (records[doc_id]["published"], records[doc_id]["published_source"]) == ("2021-10-09", "json_field")
        assert records[doc_id]["event_date"]["year"] == 2021
    assert records["far"]["published"] is None and records["far"]["event_date"]["year"] is None
    assert any("9999-12-31" in w for w in records["far"]["warnings"])
    assert (records["header"]["published"], records["header"]["published_source"]) == ("2020-05-06", "header")


def test_html_dates_say_where_they_came_from(tmp_path):
    meta = (f'<html><head><meta name="pubdate" content="2021-10-09"></head><body><article><p>{ARTICLE}</p>'
            "</article></body></html>")
    text = (f"<html><body><article><h1>全省重大项目集中签约</h1><p>发布时间：2021年10月09日</p><p>{ARTICLE}</p>"
            "</article></body></html>")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "meta.html").write_text(meta, encoding="utf-8")
    (tmp_path / "in" / "text.html").write_text(text, encoding="utf-8")
    records = {r["doc_id"]: r for r in batch([tmp_path / "in"], tmp_path / "out.jsonl")}
    assert (records["meta"]["published"], records["meta"]["published_source"]) == ("2021-10-09", "html_meta")
    assert (records["text"]["published"], records["text"]["published_source"]) == ("2021-10-09", "html_text")


def test_retry_failed_tries_the_errors_again(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text(ARTICLE * 30, encoding="utf-8")
    (tmp_path / "in" / "short.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert [r["doc_id"] for r in batch([tmp_path / "in"], out, max_chars=1000)] == ["short"]
    assert [e["doc_id"] for e in errors_of(out)] == ["long"]
    resumed = run_batch([str(tmp_path / "in")], out, BatchOptions(workers=1, resume=True, max_chars=10_000))
    assert (resumed.documents, resumed.skipped) == (0, 2)  # --resume alone keeps the error
    retried = run_batch([str(tmp_path / "in")], out, BatchOptions(workers=1, retry_failed=True, max_chars=10_000))
    assert (retried.documents, retried.skipped, retried.failures) == (1, 1, 0)
    assert sorted(r["doc_id"] for r in read_jsonl(out)) == ["long", "short"] and errors_of(out) == []


def test_the_progress_bar_ends_at_100_percent_on_resume(tmp_path):
    (tmp_path / "in").mkdir()
    for i in range(8):
        (tmp_path / "in" / f"{i}.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "zhnews.cli", "batch", str(tmp_path / "in"), "-o", str(out), "--workers", "1",
               "--progress"]
    subprocess.run(command, capture_output=True, timeout=300, check=True)
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:5]))  # as if it had stopped after five
    resumed = subprocess.run(command + ["--resume"], capture_output=True, timeout=300, check=True)
    stderr = resumed.stderr.decode()
    assert "100%" in stderr and "3/3" in stderr, stderr
    assert "skipped (already done): 5" in stderr


def test_nothing_readable_is_an_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "scan.pdf").write_bytes(b"%PDF")
    result = subprocess.run([sys.executable, "-m", "zhnews.cli", "batch", str(tmp_path / "in"), "-o",
                             str(tmp_path / "out.jsonl"), "--workers", "1"], capture_output=True, timeout=300)
    stderr = result.stderr.decode()
    assert result.returncode == 2 and "nothing to read" in stderr and ".pdf 1" in stderr, stderr


def test_resume_drops_the_garbage_two_writers_once_left(tmp_path):
    """Before the lock, two runs at once interleaved torn lines and wrote documents twice: resume
    removes both, so export accepts the output."""
    source = jsonl(tmp_path / "in.jsonl", [{"id": i, "text": ARTICLE} for i in range(6)])
    out = tmp_path / "out.jsonl"
    batch([source], out)
    good = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(good[0] + good[1][:40] + b"\n" + good[1] + good[0] + b"\x00\x00garbage\n" + good[2])
    summary = run_batch([str(source)], out, BatchOptions(workers=1, resume=True))
    assert (summary.skipped, summary.documents) == (3, 3)
    assert sorted(int(r["doc_id"]) for r in read_jsonl(out)) == list(range(6))
    every_source_once(out)
    from zhnews.outputs.export import iter_records

    assert len(list(iter_records(out))) == 6
