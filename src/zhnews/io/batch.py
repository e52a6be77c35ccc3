"""``zhnews batch``: extract whole archives on every core, resumably, every document exactly once.

Records go to OUT.jsonl, one whole line each, written as they come; documents that fail go to
OUT.errors.jsonl (doc id, source, error type, message). The parent process walks the inputs, hands
chunks of documents to worker processes (``zhnews.io.pool``) and is the only writer: it holds an
exclusive lock on OUT.jsonl for the whole run, so a second run on the same output fails at once.

Doc ids are unique by construction: a file's is its path from the inputs' common root; a JSON
entry's is its id field, namespaced by its file (``dir/dump/17``) when another file already used
it, and a repeat within one file is a ``DuplicateId`` error, never a silent merge. After a crash
(even ``kill -9``) ``resume=True`` repairs a torn last line and skips every input already in either
file, by where it was read from (file, or file:line), never by id.
"""
from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import json
import os
import resource
import signal
import sys
import time
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from zhnews.chunks import chunks
from zhnews.io.inputs import (
    CONTAINERS,
    DEFAULT_MAX_CHARS,
    SKIPPED_LINKED_FILE,
    SKIPPED_LINKED_FOLDER,
    SKIPPED_OUTPUT,
    Article,
    DocumentTooLarge,
    Entry,
    FileSource,
    InputFailure,
    ReadOptions,
    Walker,
    article_from_entry,
    classify,
    failure_message,
    printable,
    read_document,
    read_entries,
)
from zhnews.io.pool import Outcome, WorkerPool, fork_context

__all__ = ["SKIPPED_LINKED_FILE", "SKIPPED_LINKED_FOLDER", "SKIPPED_OUTPUT", "BatchInterrupted", "BatchOptions",
           "BatchSummary", "DocumentTooLarge", "KeyTable", "Output", "OutputError", "errors_path", "run_batch",
           "usable_cpus"]

# What a worker takes at a time: one pass of the pipeline over the chunk (see process_chunk).
CHUNK_DOCS = 64
CHUNK_BYTES = 600_000
# A worker is replaced by a fresh one (forked from the parent's built pipeline: milliseconds) after
# this many documents: spaCy's vocabulary and string store, and the tokenizer's word cache, grow by
# every new word (~7 KB a document at first), and nothing else bounds them. See the README.
RECYCLE_AFTER = 2_000

# Exit statuses of an output failure (sysexits.h), used by the command line.
EXIT_CANTCREAT, EXIT_IOERR, EXIT_LOCKED = 73, 74, 75


class OutputError(Exception):
    """The batch's output cannot be created or written: the run stops. ``status`` is the exit status."""

    def __init__(self, message: str, status: int = EXIT_IOERR) -> None:
        super().__init__(message)
        self.status = status
        self.summary: BatchSummary | None = None  # what the run had written, when it stopped midway


class BatchInterrupted(Exception):
    """The run was stopped by SIGINT (Ctrl-C) or SIGTERM; what was written stands."""

    def __init__(self, summary: BatchSummary, signum: int) -> None:
        super().__init__(f"interrupted: {summary.documents} written; rerun with --resume")
        self.summary = summary
        self.signum = signum


def usable_cpus() -> int:
    """The cores this process may run on: its CPU affinity, capped by a container's CPU quota."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    quota = _cgroup_cpu_quota()
    return max(1, min(count, quota) if quota else count)


def _cgroup_cpu_quota() -> int | None:
    """CPUs allowed by the cgroup (v2 cpu.max, or v1 cfs quota / period), rounded up; None for no limit."""
    for quota_file, period_file in (("/sys/fs/cgroup/cpu.max", None),
                                    ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us")):
        try:
            fields = Path(quota_file).read_text().split()
            if period_file:
                fields.append(Path(period_file).read_text().strip())
            quota, period = fields[0], fields[1]
        except (OSError, IndexError):
            continue
        if quota in ("max", "-1") or int(period) <= 0:
            return None
        return max(1, -(-int(quota) // int(period)))
    return None


@dataclass
class BatchOptions:
    workers: int = 0  # 0: every usable core
    resume: bool = False
    retry_failed: bool = False  # with resume: documents in the errors file are tried again
    max_chars: int = DEFAULT_MAX_CHARS
    segmenter: str = "jieba"
    pkuseg_model: str | None = None
    ner: bool = False  # the statistical NER layer (the ner extra)
    progress: bool | None = None  # None: only on a terminal
    include_text: bool = False
    read: ReadOptions = field(default_factory=ReadOptions)
    recycle_after: int = RECYCLE_AFTER  # documents a worker process handles before a fresh one takes over

    def __post_init__(self) -> None:
        if self.workers < 0:
            raise ValueError(f"--workers must be 0 (every usable core) or more, got {self.workers}")
        if self.max_chars < 1:
            raise ValueError(f"--max-chars must be at least 1, got {self.max_chars}")
        if self.workers == 0:
            self.workers = usable_cpus()
        self.resume = self.resume or self.retry_failed
        self.read = replace(self.read, max_chars=self.max_chars)


@dataclass
class BatchSummary:
    documents: int = 0  # written in this run: records and errors
    failures: int = 0
    skipped: int = 0  # already in the output or the errors file (resume)
    seconds: float = 0.0
    peak_worker_mb: float = 0.0
    files_skipped: Counter = field(default_factory=Counter)  # files left out of the walk, by kind
    worker_deaths: int = 0
    workers_recycled: int = 0

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def format(self) -> str:
        text = (
            f"documents: {self.documents}, failures: {self.failures}, skipped (already done): {self.skipped}, "
            f"seconds: {self.seconds:.1f}, documents/s: {self.rate:.1f}, peak memory per worker: "
            f"{self.peak_worker_mb:.0f} MB"
        )
        if self.worker_deaths:
            text += f", worker processes died: {self.worker_deaths}"
        if self.files_skipped:
            text += "; files skipped: " + ", ".join(f"{kind} {n}" for kind, n in sorted(
                self.files_skipped.items(), key=lambda item: (-item[1], item[0])))
        return text


def errors_path(out: Path | str) -> Path:
    """OUT.jsonl -> OUT.errors.jsonl."""
    out = Path(out)
    name = out.name[: -len(".jsonl")] if out.name.endswith(".jsonl") else out.name
    return out.with_name(name + ".errors.jsonl")


# --- ids and sources seen -----------------------------------------------------------------------------
def _digest(text: str) -> tuple[int, int]:
    raw = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    return int.from_bytes(raw[:8], "little") or 1, int.from_bytes(raw[8:], "little")


class KeyTable:
    """A set of strings with a small integer each, held as 128-bit digests in flat arrays (about
    36 bytes a key): a million doc ids cost tens of MB, not hundreds, in the parent and in the
    pages its forked workers share. Two distinct keys share a digest with odds of about 2^-128."""

    def __init__(self, capacity: int = 1 << 14) -> None:
        self._alloc(capacity)
        self.count = 0

    def _alloc(self, capacity: int) -> None:
        self.mask = capacity - 1
        self.high = array("Q", bytes(8 * capacity))
        self.low = array("Q", bytes(8 * capacity))
        self.value = array("i", bytes(4 * capacity))

    def _slot(self, high: int, low: int) -> int:
        slot = high & self.mask
        while self.high[slot] and (self.high[slot] != high or self.low[slot] != low):
            slot = (slot + 1) & self.mask
        return slot

    def get(self, key: str) -> int | None:
        """The key's value, or None when it is not in the table."""
        high, low = _digest(key)
        slot = self._slot(high, low)
        return self.value[slot] if self.high[slot] else None

    def add(self, key: str, value: int = 0) -> None:
        """Put ``key`` in the table with ``value`` (kept if the key is already there)."""
        high, low = _digest(key)
        slot = self._slot(high, low)
        if self.high[slot]:
            return
        self.high[slot], self.low[slot], self.value[slot] = high, low, value
        self.count += 1
        if self.count * 10 > (self.mask + 1) * 7:
            self._grow()

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def _grow(self) -> None:
        high, low, value = self.high, self.low, self.value
        self._alloc(2 * (self.mask + 1))
        for h, lo, v in zip(high, low, value, strict=True):
            if h:
                slot = self._slot(h, lo)
                self.high[slot], self.low[slot], self.value[slot] = h, lo, v


PATH_ID = -1  # the value of an id made from a file's path (not given by a JSON entry)


def _file_of(source: str) -> str:
    """The file of a source: file:N for an entry of a many-document file, else the file itself."""
    head, _, tail = source.rpartition(":")
    if head and tail.isdigit():
        kind = classify(os.path.basename(head))
        if kind is not None and kind[0] in CONTAINERS:
            return head
    return source


# --- the output -------------------------------------------------------------------------------------
def _pwrite_all(descriptor: int, data: bytes, what: Path) -> None:
    view = memoryview(data)
    while view:
        try:
            written = os.write(descriptor, view)
        except OSError as exc:
            raise OutputError(f"cannot write {what}: {exc.strerror or exc}",
                              EXIT_IOERR if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG)
                              else EXIT_CANTCREAT) from exc
        view = view[written:]


def _line_bytes(line: str) -> bytes:
    return line.encode("utf-8", "backslashreplace") + b"\n"  # a stray surrogate as a JSON \\u escape


def _cut_torn_line(descriptor: int) -> int:
    """Cut a torn last line (a kill mid-write) off the file; return its size."""
    size = os.fstat(descriptor).st_size
    end = size
    while end > 0:  # find the last newline, reading backwards in blocks
        start = max(0, end - 65536)
        newline = os.pread(descriptor, end - start, start).rfind(b"\n")
        if newline >= 0:
            end = start + newline + 1
            break
        end = start
    if end < size:
        os.ftruncate(descriptor, end)
    return end


_RECORD_HEAD_END = b',"text_length":'  # a record's fields up to here say who it is


def _identity(line: bytes) -> tuple[str, str] | None:
    """(doc id, source) of an output or errors line, or None for a damaged one."""
    cut = line.find(_RECORD_HEAD_END, 0, 65536)
    for text in ((line[:cut] + b"}", line) if cut > 0 else (line,)):
        try:
            value = json.loads(text)
            doc_id = value["doc_id"]
            source = value["input_file"] if "input_file" in value else value["source"]
        except (ValueError, KeyError, TypeError):
            continue
        if isinstance(doc_id, str) and isinstance(source, str):
            return doc_id, source
    return None


class Output:
    """OUT.jsonl and OUT.errors.jsonl: locked for one writer, appended whole line by whole line.

    The lock (``flock`` on OUT.jsonl) is taken before anything is truncated or read, and lasts as long
    as this process: a second run fails at once with ``EXIT_LOCKED``, whatever it was asked to do. The
    errors file is created with the first error.
    """

    def __init__(self, path: Path, resume: bool, retry_failed: bool) -> None:
        self.path = path
        self.errors = errors_path(path)
        self.resume = resume
        self.retry_failed = retry_failed
        self.done = KeyTable()  # sources already written (resume)
        self.ids = KeyTable()  # doc ids taken, with the container file they came from (or PATH_ID)
        self.files: dict[str, int] = {}  # many-document files -> their number in ``ids``
        self._out = -1
        self._err = -1

    def descriptors(self) -> tuple[int, ...]:
        return tuple(d for d in (self._out, self._err) if d >= 0)

    def open(self) -> None:
        if self.path.is_dir():
            raise OutputError(f"{self.path} is a folder; give -o a file name such as {self.path / 'out.jsonl'}",
                              EXIT_CANTCREAT)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._out = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}", EXIT_CANTCREAT) from exc
        try:
            import fcntl

            fcntl.flock(self._out, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(self._out)
            self._out = -1
            raise OutputError(f"{self.path} is being written by another zhnews batch (it holds the lock); "
                              "wait for it to finish, or give another -o", EXIT_LOCKED) from exc
        except ImportError:
            pass  # no flock on this platform: one run at a time is up to the user
        try:
            if not self.resume:
                os.ftruncate(self._out, 0)
                with contextlib.suppress(FileNotFoundError):
                    self.errors.unlink()
                return
            self._load(self._out, self.path)
            if self.errors.exists():
                descriptor = os.open(self.errors, os.O_RDWR | os.O_APPEND | os.O_CLOEXEC)
                if self.retry_failed:
                    os.ftruncate(descriptor, 0)  # every document it named is read and tried again
                else:
                    self._load(descriptor, self.errors)
                self._err = descriptor
        except OSError as exc:
            raise OutputError(f"cannot update {self.path} for --resume: {exc.strerror or exc}", EXIT_CANTCREAT) from exc

    def _load(self, descriptor: int, path: Path) -> None:
        """Note the sources and ids of a file's lines; drop damaged lines and repeats, if any."""
        end = _cut_torn_line(descriptor)
        bad = 0
        with open(os.dup(descriptor), "rb") as handle:
            handle.seek(0)
            for line in handle:
                identity = _identity(line)
                if identity is None or identity[1] in self.done:
                    bad += 1
                    continue
                self._claim(*identity)
        if bad:
            self._compact(path, end)

    def _claim(self, doc_id: str, source: str) -> None:
        self.done.add(source)
        file = _file_of(source)
        self.ids.add(doc_id, PATH_ID if file == source else self.files.setdefault(file, len(self.files)))

    def _compact(self, path: Path, end: int) -> None:
        """Rewrite the file in place without its damaged or repeated lines (what two writers at once
        left behind, before the lock). Idempotent: a kill midway leaves lines that the next run drops."""
        seen = KeyTable()
        written = 0
        descriptor = os.open(path, os.O_RDWR | os.O_CLOEXEC)  # not O_APPEND: Linux's pwrite would append
        with open(descriptor, "rb") as handle:
            handle.seek(0)
            position = 0
            while position < end:
                line = handle.readline()
                if not line:
                    break
                position += len(line)
                identity = _identity(line)
                if identity is None or identity[1] in seen:
                    continue
                seen.add(identity[1])
                os.pwrite(descriptor, line, written)  # never past what was read: the unread part stays
                written += len(line)
            os.ftruncate(descriptor, written)

    def record(self, line: str) -> None:
        _pwrite_all(self._out, _line_bytes(line), self.path)

    def error(self, doc_id: str, source: str, error_type: str, message: str) -> None:
        if self._err < 0:
            try:
                self._err = os.open(self.errors, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o644)
            except OSError as exc:
                raise OutputError(f"cannot write {self.errors}: {exc.strerror or exc}", EXIT_CANTCREAT) from exc
        line = json.dumps({"doc_id": printable(doc_id), "source": printable(source), "type": error_type,
                           "message": printable(message)}, ensure_ascii=False)
        _pwrite_all(self._err, _line_bytes(line), self.errors)

    def close(self) -> None:
        for descriptor in self.descriptors():
            with contextlib.suppress(OSError):
                os.close(descriptor)
        self._out = self._err = -1


# --- worker side ------------------------------------------------------------------------------------
_EXTRACTOR = None
_EXTRACTOR_KEY: tuple | None = None
_OPTIONS: BatchOptions | None = None
Job = FileSource | Entry
Result = tuple[bool, str, bool, str]  # (ok, doc id, id given by the input, record line or error "type\0message")
_ANONYMOUS_HEAD = '{"doc_id":null'


def _build_extractor(options: BatchOptions) -> None:
    """Build the pipeline once per process (kept for later runs with the same segmenter)."""
    global _EXTRACTOR, _EXTRACTOR_KEY, _OPTIONS
    _OPTIONS = options
    key = (options.segmenter, options.pkuseg_model, options.ner)
    if _EXTRACTOR is None or key != _EXTRACTOR_KEY:
        from zhnews.api import Extractor

        extractor = Extractor(options.segmenter, pkuseg_model=options.pkuseg_model, ner=options.ner)
        _EXTRACTOR, _EXTRACTOR_KEY = extractor, key


def _init_worker(options: BatchOptions) -> None:
    _build_extractor(options)


def _article(job: Job) -> Article | InputFailure:
    assert _OPTIONS is not None
    if isinstance(job, Entry):
        return article_from_entry(job, _OPTIONS.read)
    return read_document(job, _OPTIONS.read)


def _failed(item: InputFailure, from_input: bool = False) -> Result:
    return False, item.doc_id, from_input, f"{item.error_type}\0{item.message}"


def process_chunk(jobs: list[Job]) -> list[Result]:
    """The result of each job of a chunk, in order: read, parse, extract, serialise.

    The chunk's articles go through the pipeline as one batch (each layer over all of them in turn:
    faster); should any document make that fail, they are done again one at a time, so only the bad
    document fails. Every failure, of any type, becomes that document's error.
    """
    assert _EXTRACTOR is not None
    results: list[Result | None] = [None] * len(jobs)
    articles: list[tuple[int, Article]] = []
    for i, job in enumerate(jobs):
        try:
            item = _article(job)
        except Exception as exc:
            item = InputFailure(getattr(job, "doc_id", "") or job.fallback_id, job.source, type(exc).__name__,
                                failure_message(job.source, exc))
        if isinstance(item, InputFailure):
            results[i] = _failed(item)
        else:
            articles.append((i, item))
    try:
        batch = [(a.text, {"published": a.published, "published_source": a.published_source}) for _, a in articles]
        for (i, article), record in zip(articles, _EXTRACTOR.pipe(batch), strict=True):
            results[i] = (True, article.doc_id, article.id_from_input, _record_line(article, record))
    except Exception:
        for i, article in articles:
            results[i] = _process_one(article)
    return results  # type: ignore[return-value]  (every slot is filled above)


def _process_one(article: Article) -> Result:
    assert _EXTRACTOR is not None
    try:
        info = {"published": article.published, "published_source": article.published_source}
        record = next(_EXTRACTOR.pipe([(article.text, info)]))
        return True, article.doc_id, article.id_from_input, _record_line(article, record)
    except Exception as exc:  # one bad document never stops the batch
        return False, article.doc_id, article.id_from_input, f"{type(exc).__name__}\0{printable(str(exc))}"


def _record_line(article: Article, record) -> str:
    """The record's JSON line without its doc id (the writer puts it in: it may namespace it)."""
    assert _OPTIONS is not None
    update = {"doc_id": None, "input_file": article.source, "encoding": article.encoding}
    if article.warnings:
        update["warnings"] = [*article.warnings, *record.warnings]
    line = record.model_copy(update=update).model_dump_json()
    if not line.startswith(_ANONYMOUS_HEAD):
        raise ValueError("a record's JSON does not open with its doc id")
    if _OPTIONS.include_text:
        line = line[:-1] + ',"text":' + json.dumps(article.text, ensure_ascii=False) + "}"
    return line[len(_ANONYMOUS_HEAD):]


# --- main side --------------------------------------------------------------------------------------
def _job_size(job: Job) -> int:
    if isinstance(job, FileSource):
        return job.size
    data = job.data
    if isinstance(data, dict):  # a parsed row: its text is what the workers will carry
        return sum(len(value) for value in data.values() if isinstance(value, str)) or 1000
    return len(data) if isinstance(data, bytes | str) else 1000


def _progress(options: BatchOptions):
    show = sys.stderr.isatty() if options.progress is None else options.progress
    if not show:
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: the parent forks workers
    return tqdm(unit="doc", dynamic_ncols=True, smoothing=0.1, file=sys.stderr)


class _Run:
    """One batch run: walk, hand out, write; the parent side."""

    def __init__(self, inputs: list[str], out_path: Path, options: BatchOptions) -> None:
        self.options = options
        self.output = Output(out_path, options.resume, options.retry_failed)
        self.walker = Walker(inputs, exclude=[out_path, self.output.errors])
        self.summary = BatchSummary()
        self.bar = None

    def count(self) -> int | None:
        """Documents to do, when every input is one document a file; None when some file holds many."""
        total = 0
        for item in Walker(self.walker.inputs, exclude=[self.output.path, self.output.errors]):
            if isinstance(item, FileSource) and item.kind in CONTAINERS:
                return None
            total += item.source not in self.output.done
        return total

    def jobs(self) -> Iterator[Job]:
        for item in self.walker:
            if isinstance(item, InputFailure):
                self.failure(item)
            elif item.kind in CONTAINERS:
                for entry in read_entries(item, self.options.read, self.walker.skipped):
                    if isinstance(entry, InputFailure):
                        self.failure(entry)
                    elif entry.source in self.output.done:
                        self.skip()
                    else:
                        yield entry
            elif item.source in self.output.done:
                self.skip()
            else:
                yield item
        self.summary.files_skipped = Counter(self.walker.skipped)

    def skip(self) -> None:
        self.summary.skipped += 1

    def failure(self, item: InputFailure, from_input: bool = False) -> None:
        if item.source in self.output.done:
            self.skip()
            return
        self.output.error(item.doc_id, item.source, item.error_type, item.message)
        self.summary.documents += 1
        self.summary.failures += 1
        if self.bar is not None:
            self.bar.update(1)

    def outcome(self, outcome: Outcome) -> None:
        if outcome.results is None:  # a document that killed the workers that ran it
            (job,) = outcome.jobs
            doc_id = job.doc_id if isinstance(job, FileSource) else job.fallback_id
            self.failure(InputFailure(doc_id, job.source, "WorkerDied",
                                      f"{job.source}: {outcome.death} twice while extracting this document"))
            return
        for job, (ok, doc_id, from_input, payload) in zip(outcome.jobs, outcome.results, strict=True):
            if not ok:
                error_type, _, message = payload.partition("\0")
                self.failure(InputFailure(doc_id, job.source, error_type, message))
                continue
            doc_id = self.claim(job, doc_id, from_input)
            if doc_id is None:
                continue
            self.output.record('{"doc_id":' + json.dumps(doc_id, ensure_ascii=False) + payload)
            self.summary.documents += 1
            if self.bar is not None:
                self.bar.update(1)

    def claim(self, job: Job, doc_id: str, from_input: bool) -> str | None:
        """The id the document is written under, or None (a DuplicateId error is written instead)."""
        ids = self.output.ids
        files = self.output.files
        file = PATH_ID if isinstance(job, FileSource) else files.setdefault(job.file, len(files))
        owner = ids.get(doc_id)
        if owner is None:
            ids.add(doc_id, file)
            return doc_id
        if from_input and owner != file:  # an id another file used first: this file's own namespace
            namespaced = f"{job.fallback_id.rpartition(':')[0]}/{doc_id}"
            if namespaced not in ids:
                ids.add(namespaced, file)
                return namespaced
        where = "earlier in the same file" if owner == file and file != PATH_ID else "by an earlier document"
        self.failure(InputFailure(doc_id, job.source, "DuplicateId",
                                  f"{job.source}: doc id {doc_id!r} is already taken {where}; not written"))
        return None

    def execute(self) -> BatchSummary:
        options = self.options
        self.output.open()
        started = time.perf_counter()
        self.bar = _progress(options)
        if self.bar is not None:
            self.bar.total = self.count()
            self.bar.refresh()
        context = fork_context()
        frozen = False
        if context.get_start_method() == "fork":
            _build_extractor(options)  # once, here: every worker, and each fresh one, starts with it
            gc.freeze()  # the workers' collector leaves the shared pages alone
            frozen = True
        pool = WorkerPool(options.workers, process_chunk, initializer=_init_worker, initargs=(options,),
                          recycle_after=options.recycle_after, close_fds=self.output.descriptors, context=context)
        try:
            for outcome in pool.run(chunks(self.jobs(), CHUNK_DOCS, CHUNK_BYTES, _job_size)):
                self.outcome(outcome)
        finally:
            if frozen:
                gc.unfreeze()
            self.output.close()
            if self.bar is not None:
                self.bar.close()
            self.summary.worker_deaths = pool.deaths
            self.summary.workers_recycled = pool.recycled
            self.summary.seconds = time.perf_counter() - started
            self.summary.peak_worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KB on Linux
        return self.summary


class _Stop(BaseException):
    """Raised in the parent by SIGTERM, to unwind the run as Ctrl-C does."""


def _raise_stop(signum, frame) -> None:
    raise _Stop(signum)


def run_batch(inputs: list[str], out: str | Path, options: BatchOptions | None = None) -> BatchSummary:
    """Extract every document under ``inputs`` into ``out`` (JSON lines); see the module doc.

    Raises OutputError when the output cannot be written (the run stops; what was written stands)
    and BatchInterrupted on SIGINT or SIGTERM.
    """
    options = options or BatchOptions()
    run = _Run(list(inputs), Path(out), options)
    previous = None
    with contextlib.suppress(ValueError):  # only the main thread may set a handler
        previous = signal.signal(signal.SIGTERM, _raise_stop)
    try:
        return run.execute()
    except OutputError as exc:
        exc.summary = run.summary
        raise
    except KeyboardInterrupt:
        raise BatchInterrupted(run.summary, signal.SIGINT) from None
    except _Stop:
        raise BatchInterrupted(run.summary, signal.SIGTERM) from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)

