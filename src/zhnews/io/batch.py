"""``zhnews batch``: extract whole archives on every core, resumably, losing nothing.

Records go to OUT.jsonl, one whole line each, flushed as written; documents
that fail go to OUT.errors.jsonl with their id, source, error type and message.
After a crash, ``resume=True`` repairs a torn last line and skips every doc id
already in either file, so each document ends up written exactly once.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import resource
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from zhnews.chunks import chunks
from zhnews.io.inputs import Article, InputFailure, ReadOptions, read_file, walk

DEFAULT_MAX_CHARS = 1_000_000
# What a worker takes at a time: one pass of the pipeline over the chunk (see process_chunk).
CHUNK_DOCS = 64
CHUNK_CHARS = 200_000


class DocumentTooLarge(ValueError):
    """An article longer than the batch's --max-chars."""


@dataclass
class BatchOptions:
    workers: int = 0  # 0: every core
    resume: bool = False
    max_chars: int = DEFAULT_MAX_CHARS
    segmenter: str = "jieba"
    pkuseg_model: str | None = None
    ner: bool = False  # the statistical NER layer (the ner extra)
    progress: bool | None = None  # None: only on a terminal
    include_text: bool = False
    read: ReadOptions = field(default_factory=ReadOptions)

    def __post_init__(self) -> None:
        if self.workers <= 0:
            self.workers = os.cpu_count() or 1


@dataclass
class BatchSummary:
    documents: int = 0
    failures: int = 0
    skipped: int = 0
    seconds: float = 0.0
    peak_worker_mb: float = 0.0

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def format(self) -> str:
        return (
            f"documents: {self.documents}, failures: {self.failures}, skipped (already done): {self.skipped}, "
            f"seconds: {self.seconds:.1f}, documents/s: {self.rate:.1f}, peak memory per worker: "
            f"{self.peak_worker_mb:.0f} MB"
        )


def errors_path(out: Path) -> Path:
    """OUT.jsonl -> OUT.errors.jsonl."""
    name = out.name[: -len(".jsonl")] if out.name.endswith(".jsonl") else out.name
    return out.with_name(name + ".errors.jsonl")


def repair_and_collect_ids(path: Path) -> set[str]:
    """Cut a torn last line off ``path`` (a kill mid-write) and return the doc ids it holds."""
    if not path.exists():
        return set()
    with open(path, "rb+") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        end = size
        while end > 0:  # find the last newline, reading backwards in blocks
            start = max(0, end - 65536)
            handle.seek(start)
            block = handle.read(end - start)
            newline = block.rfind(b"\n")
            if newline >= 0:
                end = start + newline + 1
                break
            end = start
        if end < size:
            handle.truncate(end)
    ids: set[str] = set()
    with open(path, "rb") as handle:
        for line in handle:
            try:
                ids.add(str(json.loads(line)["doc_id"]))
            except (ValueError, KeyError, TypeError):
                continue  # a damaged line: its document is extracted again
    return ids


# --- worker side ------------------------------------------------------------------
_EXTRACTOR = None
_OPTIONS: BatchOptions | None = None


def _init_worker(options: BatchOptions) -> None:
    """Build one pipeline per worker process."""
    global _EXTRACTOR, _OPTIONS
    from zhnews.api import Extractor

    _OPTIONS = options
    _EXTRACTOR = Extractor(options.segmenter, pkuseg_model=options.pkuseg_model, ner=options.ner)


def _error_line(doc_id: str, source: str, error_type: str, message: str) -> str:
    return json.dumps({"doc_id": doc_id, "source": source, "type": error_type, "message": message}, ensure_ascii=False)


def process(article: Article) -> tuple[bool, str]:
    """(ok, JSON line) for one article: its record, or its error."""
    assert _EXTRACTOR is not None
    try:
        _check_size(article)
        return True, _record_line(article, _EXTRACTOR.extract(article.text, doc_id=article.doc_id,
                                                               published=article.published))
    except Exception as exc:  # one bad document never stops the batch
        return False, _exception_line(article, exc)


def process_chunk(articles: list[Article]) -> list[tuple[bool, str]]:
    """(ok, JSON line) for each article of a chunk, in order.

    The chunk goes through the pipeline as one batch (each layer over all its
    documents in turn: faster); should any document make that fail, the chunk
    is done again one document at a time, so only the bad document fails.
    """
    assert _EXTRACTOR is not None
    results: list[tuple[bool, str] | None] = [None] * len(articles)
    fitting: list[int] = []
    for i, article in enumerate(articles):
        try:
            _check_size(article)
            fitting.append(i)
        except DocumentTooLarge as exc:
            results[i] = (False, _exception_line(article, exc))
    try:
        batch = [(a.text, {"doc_id": a.doc_id, "published": a.published}) for a in (articles[i] for i in fitting)]
        for i, record in zip(fitting, _EXTRACTOR.pipe(batch), strict=True):
            results[i] = (True, _record_line(articles[i], record))
    except Exception:
        for i in fitting:
            results[i] = process(articles[i])
    return results  # type: ignore[return-value]  (every slot is filled above)


def _check_size(article: Article) -> None:
    assert _OPTIONS is not None
    if len(article.text) > _OPTIONS.max_chars:
        raise DocumentTooLarge(
            f"{article.source}: {len(article.text)} characters, more than --max-chars {_OPTIONS.max_chars}"
        )


def _record_line(article: Article, record) -> str:
    assert _OPTIONS is not None
    record = record.model_copy(update={"input_file": article.source, "encoding": article.encoding})
    line = record.model_dump_json()
    if _OPTIONS.include_text:
        line = line[:-1] + ',"text":' + json.dumps(article.text, ensure_ascii=False) + "}"
    return line


def _exception_line(article: Article, exc: Exception) -> str:
    return _error_line(article.doc_id, article.source, type(exc).__name__, str(exc))


# --- main side --------------------------------------------------------------------
def _documents(inputs: list[str], options: BatchOptions) -> Iterator[Article | InputFailure]:
    for item in walk(inputs):
        if isinstance(item, InputFailure):
            yield item
        else:
            yield from read_file(item[0], item[1], options.read)


def _count_hint(inputs: list[str]) -> int | None:
    """How many documents to expect, when every input is one document a file."""
    total = 0
    for item in walk(inputs):
        if isinstance(item, InputFailure):
            continue
        if item[0].name.lower().endswith((".jsonl", ".jsonl.gz")):
            return None
        total += 1
    return total


def _progress(options: BatchOptions, total: int | None):
    show = sys.stderr.isatty() if options.progress is None else options.progress
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", dynamic_ncols=True, smoothing=0.1, file=sys.stderr)


def run_batch(inputs: list[str], out: str | Path, options: BatchOptions | None = None) -> BatchSummary:
    """Extract every document under ``inputs`` into ``out`` (JSON lines); see the module doc."""
    options = options or BatchOptions()
    out_path = Path(out)
    err_path = errors_path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    done: set[str] = set()
    if options.resume:
        done = repair_and_collect_ids(out_path) | repair_and_collect_ids(err_path)
    mode = "ab" if options.resume else "wb"
    summary = BatchSummary()
    started = time.perf_counter()
    bar = _progress(options, _count_hint(inputs))
    with open(out_path, mode) as records, open(err_path, mode) as errors:

        def pending() -> Iterator[Article]:
            for item in _documents(inputs, options):
                if item.doc_id in done:
                    summary.skipped += 1
                    continue
                if isinstance(item, InputFailure):
                    _write(errors, _error_line(item.doc_id, item.source, item.error_type, item.message))
                    summary.documents += 1
                    summary.failures += 1
                    _tick(bar)
                    continue
                yield item

        for ok, line in _results(pending(), options):
            _write(records if ok else errors, line)
            summary.documents += 1
            summary.failures += not ok
            _tick(bar)
    if bar is not None:
        bar.close()
    summary.seconds = time.perf_counter() - started
    who = resource.RUSAGE_SELF if options.workers == 1 else resource.RUSAGE_CHILDREN
    summary.peak_worker_mb = resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux
    return summary


def _results(articles: Iterable[Article], options: BatchOptions) -> Iterator[tuple[bool, str]]:
    chunked = chunks(articles, CHUNK_DOCS, CHUNK_CHARS, lambda article: len(article.text))
    if options.workers == 1:
        _init_worker(options)
        for chunk in chunked:
            yield from process_chunk(chunk)
        return
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with context.Pool(options.workers, initializer=_init_worker, initargs=(options,)) as pool:
        for results in pool.imap(process_chunk, chunked):
            yield from results


def _write(handle: IO[bytes], line: str) -> None:
    """One whole line, flushed: a kill leaves at most a torn last line, which resume repairs."""
    handle.write(line.encode("utf-8") + b"\n")
    handle.flush()


def _tick(bar) -> None:
    if bar is not None:
        bar.update(1)
