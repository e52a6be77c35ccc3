"""Reading archives: the walk (ids, symlinks, FIFOs, what is skipped), size limits while reading,
many-document files (encodings, JSON arrays, compressions), ids and dates of JSON entries."""
from __future__ import annotations

import bz2
import datetime as dt
import gzip
import json
import lzma
import os
from collections import Counter

import pytest

from zhnews.io import inputs
from zhnews.io.inputs import (
    SKIPPED_LINKED_FILE,
    SKIPPED_LINKED_FOLDER,
    SKIPPED_NOT_ARTICLE,
    SKIPPED_OUTPUT,
    Entry,
    FileSource,
    InputFailure,
    ReadOptions,
    Walker,
    article_from_entry,
    read_document,
    read_entries,
    sniff_encoding,
)

ARTICLE = "10月8日，全省活动举行。省委书记楼阳生出席并讲话。据统计，全省集中签约项目340个，总投资2844亿元。"
TRADITIONAL = "10月8日，全省活動舉行。省委書記樓陽生出席並講話。據統計，全省集中簽約項目340個，總投資2844億元。"


def walk(paths, exclude=()) -> tuple[list, Walker]:
    walker = Walker([str(p) for p in paths], exclude=exclude)
    return list(walker), walker


def ids(items) -> list[str]:
    return [item.doc_id for item in items if isinstance(item, FileSource)]


def write(path, text=ARTICLE):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- ids unique by construction ------------------------------------------------------------------------
def test_ids_are_paths_from_the_common_root_of_all_inputs(tmp_path):
    write(tmp_path / "archive" / "2021" / "0001.txt")
    write(tmp_path / "archive" / "2022" / "0001.txt")
    write(tmp_path / "site-a" / "index.html")
    write(tmp_path / "site-b" / "news" / "index.html")
    items, _ = walk([tmp_path / "archive"])
    assert ids(items) == ["2021/0001", "2022/0001"]  # one folder: ids relative to it, as before
    items, walker = walk([tmp_path / "site-a", tmp_path / "site-b"])
    assert ids(items) == ["site-a/index", "site-b/news/index"]  # two folders: from their common root
    assert walker.root == str(tmp_path)
    items, _ = walk([tmp_path / "archive" / "2021" / "0001.txt", tmp_path / "archive" / "2022" / "0001.txt"])
    assert ids(items) == ["2021/0001", "2022/0001"]
    items, _ = walk([tmp_path / "site-a" / "index.html"])
    assert ids(items) == ["index"]


def test_files_sharing_a_stem_keep_their_whole_names(tmp_path):
    for name in ("a.txt", "a.html", "a.txt.txt", "b.txt"):
        write(tmp_path / "in" / name)
    items, _ = walk([tmp_path / "in"])
    assert sorted(ids(items)) == ["a.html", "a.txt", "a.txt.txt", "b"]
    assert len(set(ids(items))) == len(items)


def test_a_file_name_that_is_not_utf8_gets_a_printable_id(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.path.join(os.fsencode(folder), b"\xc4\xe3\xba\xc3.txt")  # GBK bytes, as unzip leaves them
    with open(raw, "wb") as handle:
        handle.write(ARTICLE.encode("utf-8"))
    (source,) = walk([folder])[0]
    assert source.doc_id == "\\xc4\\xe3\\xba\\xc3"
    source.doc_id.encode("utf-8")
    source.source.encode("utf-8")
    article = read_document(source, ReadOptions())
    assert article.text == ARTICLE


# --- what the walk leaves out, and says so ------------------------------------------------------------
def test_every_supported_kind_is_read_and_other_files_are_counted_by_suffix(tmp_path):
    folder = tmp_path / "in"
    for name in ("a.txt", "b.htm", "c.shtml", "d.shtm", "e.xhtml", "f.jsonl", "g.ndjson", "h.json", "i.txt.gz",
                 "j.jsonl.bz2", "k.jsonl.xz", "l.HTML"):
        write(folder / name)
    for name in ("x.pdf", "y.pdf", "z.doc", "README", "w.tar.gz"):
        write(folder / name)
    items, walker = walk([folder])
    kinds = {item.doc_id: (item.kind, item.compression) for item in items}
    assert kinds == {"a": ("text", None), "b": ("html", None), "c": ("html", None), "d": ("html", None),
                     "e": ("html", None), "f": ("jsonl", None), "g": ("jsonl", None), "h": ("json", None),
                     "i": ("text", ".gz"), "j": ("jsonl", ".bz2"), "k": ("jsonl", ".xz"), "l": ("html", None)}
    assert walker.skipped == Counter({".pdf": 2, ".doc": 1, "no suffix": 1, ".tar.gz": 1})


def test_symlinked_folders_are_followed_once_and_loops_end(tmp_path):
    write(tmp_path / "disk2" / "2021" / "0001.txt")
    write(tmp_path / "archive" / "2022" / "0001.txt")
    (tmp_path / "archive" / "2021").symlink_to(tmp_path / "disk2" / "2021", target_is_directory=True)
    (tmp_path / "archive" / "2022" / "loop").symlink_to(tmp_path / "archive", target_is_directory=True)
    (tmp_path / "archive" / "again").symlink_to(tmp_path / "archive" / "2022", target_is_directory=True)
    items, walker = walk([tmp_path / "archive"])
    assert ids(items) == ["2021/0001", "2022/0001"]
    assert walker.skipped[SKIPPED_LINKED_FOLDER] == 2  # the loop back to archive, and 2022 reached again


def test_a_symlink_to_a_file_already_in_the_inputs_is_not_read_twice(tmp_path):
    write(tmp_path / "in" / "a.txt")
    write(tmp_path / "elsewhere" / "b.txt")
    (tmp_path / "in" / "same.txt").symlink_to(tmp_path / "in" / "a.txt")
    (tmp_path / "in" / "outside.txt").symlink_to(tmp_path / "elsewhere" / "b.txt")
    (tmp_path / "in" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    items, walker = walk([tmp_path / "in"])
    assert ids(items) == ["a", "outside"]
    assert walker.skipped[SKIPPED_LINKED_FILE] == 1
    (failure,) = [i for i in items if isinstance(i, InputFailure)]
    assert failure.doc_id == "dangling" and failure.error_type == "FileNotFoundError"
    items, _ = walk([tmp_path / "in" / "a.txt", tmp_path / "in"])  # a file named and inside a folder: once
    assert sorted(ids(items)) == ["a", "outside"]


def test_fifos_are_failures_never_opened(tmp_path):
    write(tmp_path / "in" / "a.txt")
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    os.mkfifo(tmp_path / "named.jsonl")
    items, _ = walk([tmp_path / "in", tmp_path / "named.jsonl"])  # a walk that opened them would hang here
    failures = {i.doc_id: i for i in items if isinstance(i, InputFailure)}
    assert ids(items) == ["in/a"]
    assert {k: f.error_type for k, f in failures.items()} == {"in/pipe": "NotARegularFile", "named": "NotARegularFile"}
    assert "FIFO" in failures["in/pipe"].message


def test_the_batch_output_is_never_an_input(tmp_path):
    write(tmp_path / "in" / "a.txt")
    write(tmp_path / "in" / "out.jsonl", '{"id": 1, "text": "x"}\n')
    write(tmp_path / "in" / "out.errors.jsonl", '{"doc_id": "x"}\n')
    items, walker = walk([tmp_path / "in"], exclude=[tmp_path / "in" / "out.jsonl", tmp_path / "in" / "out.errors.jsonl"])
    assert ids(items) == ["a"]
    assert walker.skipped[SKIPPED_OUTPUT] == 2


# --- size limits applied while reading ------------------------------------------------------------------
class CountingStream:
    """A stream that counts the bytes handed out."""

    def __init__(self, stream, counter):
        self.stream, self.counter = stream, counter

    def read(self, size=-1):
        data = self.stream.read(size)
        self.counter["bytes"] += len(data)
        return data

    def readline(self, size=-1):
        data = self.stream.readline(size)
        self.counter["bytes"] += len(data)
        return data

    def fileno(self):
        return self.stream.fileno()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stream.close()


@pytest.fixture
def counted(monkeypatch):
    counter = Counter()
    real = inputs.open_stream
    monkeypatch.setattr(inputs, "open_stream", lambda source: CountingStream(real(source), counter))
    return counter


def source_of(path) -> FileSource:
    (item,) = walk([path])[0]
    return item


def test_a_file_larger_than_the_limit_is_refused_before_reading(tmp_path, counted):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:  # sparse: 3 GB that take no disk
        handle.truncate(3 << 30)
    failure = read_document(source_of(big), ReadOptions(max_chars=1000))
    assert failure.error_type == "DocumentTooLarge" and "--max-chars 1000" in failure.message
    assert counted["bytes"] == 0


def test_decompression_stops_at_the_limit(tmp_path, counted):
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"\xe4\xb8\xad" * (20 << 20)))  # 60 MB of 中 in 60 KB
    failure = read_document(source_of(bomb), ReadOptions(max_chars=100_000))
    assert failure.error_type == "DocumentTooLarge" and "decompressed" in failure.message
    assert counted["bytes"] <= 400_001


def test_a_long_jsonl_line_is_skipped_over_without_being_held(tmp_path, monkeypatch):
    dump = tmp_path / "d.jsonl"
    lines = [json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False),
             json.dumps({"id": "huge", "text": "中" * 3_000_000}, ensure_ascii=False),
             json.dumps({"id": "c", "text": ARTICLE}, ensure_ascii=False)]
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    longest = Counter()
    real = inputs._lines

    def watched(stream, encoding, limit):
        for line in real(stream, encoding, limit):
            longest["bytes"] = max(longest["bytes"], len(line or b""))
            yield line

    monkeypatch.setattr(inputs, "_lines", watched)
    options = ReadOptions(max_chars=10_000)
    entries = list(read_entries(source_of(dump), options))
    assert [type(e).__name__ for e in entries] == ["Entry", "InputFailure", "Entry"]
    assert entries[1].error_type == "DocumentTooLarge" and entries[1].source.endswith("d.jsonl:2")
    assert longest["bytes"] <= options.byte_limit("jsonl")
    assert [article_from_entry(e, options).doc_id for e in (entries[0], entries[2])] == ["a", "c"]


def test_max_chars_counts_characters_after_decoding(tmp_path):
    path = write(tmp_path / "a.txt", "中" * 900)  # 2,700 bytes, 900 characters
    assert read_document(source_of(path), ReadOptions(max_chars=1000)).text == "中" * 900
    assert read_document(source_of(path), ReadOptions(max_chars=800)).error_type == "DocumentTooLarge"


# --- many-document files ------------------------------------------------------------------------------------
def entries_of(path, options=None) -> list:
    options = options or ReadOptions()
    return [e if isinstance(e, InputFailure) else article_from_entry(e, options)
            for e in read_entries(source_of(path), options)]


@pytest.mark.parametrize(("encoding", "expected"), [("gb18030", "gb18030"), ("big5", "big5hkscs"),
                                                    ("utf-16", "utf-16"), ("utf-8-sig", "utf-8-sig")])
def test_jsonl_encodings_are_detected_per_file(tmp_path, encoding, expected):
    text = TRADITIONAL if encoding == "big5" else ARTICLE
    lines = [json.dumps({"id": f"d{i}", "text": f"第{i}篇。" + text}, ensure_ascii=False) for i in range(30)]
    dump = tmp_path / "d.jsonl"
    dump.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    articles = entries_of(dump)
    assert [a.doc_id for a in articles] == [f"d{i}" for i in range(30)]
    assert all(a.encoding == expected for a in articles)
    assert articles[3].text.startswith("第3篇。")


def test_sniffing_tolerates_a_character_cut_by_the_sample():
    line = json.dumps({"text": "中" * 30000}, ensure_ascii=False).encode("utf-8")
    assert sniff_encoding(line[:65536]) == "utf-8"


@pytest.mark.parametrize(("suffix", "opener"), [(".gz", gzip.open), (".bz2", bz2.open), (".xz", lzma.open)])
def test_compressed_jsonl(tmp_path, suffix, opener):
    dump = tmp_path / f"d.jsonl{suffix}"
    with opener(dump, "wt", encoding="utf-8") as handle:
        for i in range(3):
            handle.write(json.dumps({"id": i, "text": ARTICLE}, ensure_ascii=False) + "\n")
    assert [a.doc_id for a in entries_of(dump)] == ["0", "1", "2"]


def test_json_arrays_are_streamed_element_by_element(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "_READ_CHARS", 64)  # values straddle many reads
    dump = tmp_path / "d.json"
    values = [{"id": f"n{i}", "text": ARTICLE * (i + 1), "published": "2021-10-09"} for i in range(6)]
    dump.write_text(json.dumps(values, ensure_ascii=False, indent=1), encoding="utf-8")
    articles = entries_of(dump)
    assert [(a.doc_id, len(a.text)) for a in articles] == [(f"n{i}", len(ARTICLE) * (i + 1)) for i in range(6)]
    assert articles[0].source.endswith("d.json:1") and articles[0].published == dt.date(2021, 10, 9)


def test_a_damaged_json_array_keeps_what_came_before(tmp_path):
    dump = tmp_path / "d.json"
    dump.write_text('[{"id": "a", "text": "x"}, {"id": "b", "text": "y"}, {"id": "c", "te', encoding="utf-8")
    items = entries_of(dump)
    assert [i.doc_id for i in items[:2]] == ["a", "b"]
    assert isinstance(items[2], InputFailure) and items[2].source.endswith("d.json:3")


def test_a_json_object_without_text_is_no_article(tmp_path):
    meta = write(tmp_path / "001.gold.json", json.dumps({"event_date": {"month": 1}}))
    one = write(tmp_path / "one.json", json.dumps({"id": "solo", "text": ARTICLE}, ensure_ascii=False))
    skipped = Counter()
    assert list(read_entries(source_of(meta), ReadOptions(), skipped)) == []
    assert skipped == Counter({SKIPPED_NOT_ARTICLE: 1})
    assert [a.doc_id for a in entries_of(one)] == ["solo"]


# --- a JSON entry's id, text and date -------------------------------------------------------------------------------
def entry(value) -> Entry:
    return Entry(json.dumps(value).encode("ascii"), "utf-8", "/d.jsonl:7", "d:7", "/d.jsonl")  # \uXXXX escapes


@pytest.mark.parametrize(("value", "doc_id", "given"), [
    (1, "1", True), ("1", "1", True), (0, "0", True), (7.0, "7", True), ("", "d:7", False), (None, "d:7", False),
    ("x\ud800y", "x\\ud800y", True)])
def test_entry_ids(value, doc_id, given):
    article = article_from_entry(entry({"id": value, "text": ARTICLE}), ReadOptions())
    assert (article.doc_id, article.id_from_input) == (doc_id, given)


@pytest.mark.parametrize("value", [True, [1], {"a": 1}, 1.5, "x" * 2000])
def test_an_id_of_another_type_is_an_error_not_a_guess(value):
    failure = article_from_entry(entry({"id": value, "text": ARTICLE}), ReadOptions())
    assert failure.error_type == "InvalidId" and failure.doc_id == "d:7"


def test_poison_lines_are_failures_of_their_own(tmp_path):
    deep = Entry(b'{"id": "x", "text": ' + b"[" * 1500 + b"]" * 1500 + b"}", "utf-8", "/d:1", "d:1", "/d")
    assert article_from_entry(deep, ReadOptions()).error_type == "JSONDecodeError"
    broken = Entry(b'{"id": "x", "text": "\xff\xfe"}', "utf-8", "/d:2", "d:2", "/d")
    assert article_from_entry(broken, ReadOptions()).error_type == "DecodeError"
    surrogate = article_from_entry(entry({"id": "s", "text": "a\ud800b"}), ReadOptions())
    assert surrogate.text == "a\ufffdb"


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-10-09", dt.date(2021, 10, 9)), ("2021-10-09T23:30:00+08:00", dt.date(2021, 10, 9)),
    ("2021-10-09T16:30:00Z", dt.date(2021, 10, 10)), ("2021年12月28日", dt.date(2021, 12, 28)),
    ("2021年12月28日 09:30", dt.date(2021, 12, 28)), ("2021/3/5", dt.date(2021, 3, 5)),
    (1640620800, dt.date(2021, 12, 28)), (1640620800000, dt.date(2021, 12, 28)), ("1640620800", dt.date(2021, 12, 28)),
    (20211228, dt.date(2021, 12, 28))])
def test_entry_dates_in_the_forms_archives_use(value, expected):
    article = article_from_entry(entry({"id": "a", "text": ARTICLE, "published": value}), ReadOptions())
    assert (article.published, article.published_source, article.warnings) == (expected, "json_field", [])


@pytest.mark.parametrize("value", ["9999-12-31", "yesterday", "2021-13-01", True, [2021], "2021-10-09 garbage"])
def test_an_unreadable_entry_date_is_a_warning_never_a_lost_document(value):
    article = article_from_entry(entry({"id": "a", "text": ARTICLE, "published": value}), ReadOptions())
    assert article.text == ARTICLE and article.published is None and article.published_source is None
    (warning,) = article.warnings
    assert warning.startswith("publication date ignored: field 'published'")
