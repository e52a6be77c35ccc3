"""zhnews batch as a process among others: a worker killed, two runs on one output, kill -9 and
--resume over duplicate ids, Ctrl-C and SIGTERM, a full disk, the CPU affinity. Every test waits
for an outcome with a generous timeout and asserts on it, never on how long anything took."""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc and sends POSIX signals")

# Archives large enough that a run lasts many seconds after the lines a test waits for: on a loaded machine
# the test's own process may not be scheduled for a while, and the batch must still be running when it is.
DOCUMENTS = 1600
ARTICLE = "10月8日，全省活动举行。省委书记楼阳生出席并讲话，省长王凯作工作部署。据统计，全省集中签约项目340个，总投资2844亿元。"
TIMEOUT = 600


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "zhnews.cli", "batch", *args]


def archive(root: Path, documents: int) -> Path:
    """Two folders with the same file names, and two dumps with the same ids (and a repeat inside one)."""
    for year in ("2021", "2022"):
        (root / year).mkdir(parents=True)
        for i in range(documents // 4):
            (root / year / f"{i:04d}.txt").write_text(f"第{i}篇。" + ARTICLE, encoding="utf-8")
    for name in ("a", "b"):
        with open(root / f"{name}.jsonl", "w", encoding="utf-8") as handle:
            for i in range(documents // 4):
                handle.write(json.dumps({"id": i, "text": f"{name}{i}。" + ARTICLE}, ensure_ascii=False) + "\n")
            handle.write(json.dumps({"id": "0", "text": ARTICLE}, ensure_ascii=False) + "\n")  # "0" repeats 0
    return root


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def check_exactly_once(out: Path, documents: int) -> tuple[list[dict], list[dict]]:
    records, errors = lines(out), lines(out.with_name(out.stem + ".errors.jsonl"))
    sources = [r["input_file"] for r in records] + [e["source"] for e in errors]
    assert len(sources) == len(set(sources)) == documents + 2, Counter(sources).most_common(2)
    ids = [r["doc_id"] for r in records]
    assert len(ids) == len(set(ids)), Counter(ids).most_common(2)
    assert [e["type"] for e in errors] == ["DuplicateId", "DuplicateId"]  # the repeat inside each dump
    return records, errors


def wait_for_lines(path: Path, count: int, process: subprocess.Popen) -> None:
    """Wait until ``path`` has ``count`` lines, then hold the batch's main process (SIGSTOP: it keeps
    its lock and its workers) so that what the test does next happens mid-run on any machine."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            os.kill(process.pid, signal.SIGSTOP)
            return
        time.sleep(0.05)
    assert process.poll() is None, "the batch ended before the test could act on it"
    raise AssertionError(f"no {count} lines in {path} in time")


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def test_kill_minus_nine_and_resume_over_duplicate_ids_loses_nothing(tmp_path):
    root = archive(tmp_path / "in", DOCUMENTS)
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen(command(str(root), "-o", str(out), "--workers", "2"), start_new_session=True,
                               stderr=subprocess.DEVNULL)
    wait_for_lines(out, 30, process)
    os.killpg(process.pid, signal.SIGKILL)  # a stopped process dies of SIGKILL too
    process.wait()
    with open(out, "ab") as handle:  # as if the kill had landed in the middle of a write
        handle.write(b'{"doc_id":"2021/0499","source":null,"publ')
    resumed = subprocess.run(command(str(root), "-o", str(out), "--workers", "2", "--resume"), capture_output=True,
                             timeout=TIMEOUT)
    assert resumed.returncode == 2, resumed.stderr.decode()  # the two DuplicateId errors
    records, _ = check_exactly_once(out, DOCUMENTS)
    ids = {r["doc_id"] for r in records}
    assert {"2021/0000", "2022/0000", "0", "b/0", "99", "b/99"} <= ids  # b's ids clash with a's: namespaced


def test_a_killed_worker_is_replaced_and_its_documents_done(tmp_path):
    root = archive(tmp_path / "in", DOCUMENTS)
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen(command(str(root), "-o", str(out), "--workers", "2"), stderr=subprocess.PIPE)
    wait_for_lines(out, 20, process)
    (victim, *_) = children(process.pid)
    os.kill(victim, signal.SIGKILL)
    os.kill(process.pid, signal.SIGCONT)
    _, stderr = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 2, stderr.decode()
    assert "worker processes died: 1" in stderr.decode()
    check_exactly_once(out, DOCUMENTS)


def test_a_second_writer_fails_at_once_and_the_first_finishes(tmp_path):
    root = archive(tmp_path / "in", DOCUMENTS)
    out = tmp_path / "out.jsonl"
    first = subprocess.Popen(command(str(root), "-o", str(out), "--workers", "1"), stderr=subprocess.PIPE)
    wait_for_lines(out, 5, first)
    for extra in ([], ["--resume"]):
        second = subprocess.run(command(str(root), "-o", str(out), "--workers", "1", *extra), capture_output=True,
                                timeout=TIMEOUT)
        message = second.stderr.decode()
        assert second.returncode == 75 and "another zhnews batch" in message and "Traceback" not in message
        assert len(message.strip().splitlines()) == 1
    os.kill(first.pid, signal.SIGCONT)
    first.communicate(timeout=TIMEOUT)
    assert first.returncode == 2
    check_exactly_once(out, DOCUMENTS)


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_run_says_so_in_one_line_and_resumes(tmp_path, signum, status):
    root = archive(tmp_path / "in", DOCUMENTS)
    out = tmp_path / "out.jsonl"
    # As a terminal's foreground job: a job started in the background of a script (as CI may run the
    # suite) inherits SIGINT ignored, and Python then rightly leaves Ctrl-C ignored.
    process = subprocess.Popen(command(str(root), "-o", str(out), "--workers", "2"), start_new_session=True,
                               stderr=subprocess.PIPE, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    wait_for_lines(out, 10, process)
    os.killpg(process.pid, signum)  # Ctrl-C reaches the whole process group
    os.killpg(process.pid, signal.SIGCONT)
    _, stderr = process.communicate(timeout=TIMEOUT)
    message = stderr.decode().strip()
    assert process.returncode == status, message
    assert "Traceback" not in message and len(message.splitlines()) == 1
    assert message.startswith("zhnews batch: interrupted: ") and message.endswith("rerun with --resume")
    written = int(message.split("interrupted: ")[1].split()[0])
    assert written >= 10 and out.read_bytes().count(b"\n") + len(lines(out.with_name("out.errors.jsonl"))) >= written
    assert not children(process.pid)
    subprocess.run(command(str(root), "-o", str(out), "--workers", "2", "--resume"), capture_output=True,
                   timeout=TIMEOUT)
    check_exactly_once(out, DOCUMENTS)


def test_a_full_disk_stops_the_run_with_one_line_and_resume_completes_it(tmp_path):
    root = archive(tmp_path / "in", 200)
    out = tmp_path / "out.jsonl"

    def small_disk():  # writes past 40 kB fail with EFBIG, as writes to a full disk fail with ENOSPC
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))

    full = subprocess.run(command(str(root), "-o", str(out), "--workers", "1"), capture_output=True,
                          timeout=TIMEOUT, preexec_fn=small_disk)
    message = full.stderr.decode().strip()
    assert full.returncode == 74, message
    assert "Traceback" not in message and len(message.splitlines()) == 1
    assert "cannot write" in message and "rerun with --resume" in message
    subprocess.run(command(str(root), "-o", str(out), "--workers", "1", "--resume"), capture_output=True,
                   timeout=TIMEOUT)
    check_exactly_once(out, 200)


@pytest.mark.parametrize("problem", ["folder", "under a file"])
def test_an_output_that_cannot_be_written_is_one_line_and_leaves_nothing(tmp_path, problem):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    if problem == "folder":
        out = tmp_path / "results"
        out.mkdir()
    else:
        (tmp_path / "plain").write_text("x")
        out = tmp_path / "plain" / "out.jsonl"
    result = subprocess.run(command(str(tmp_path / "in"), "-o", str(out)), capture_output=True, timeout=TIMEOUT)
    message = result.stderr.decode().strip()
    assert result.returncode == 73 and "Traceback" not in message and len(message.splitlines()) == 1, message
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in", out.name if problem == "folder" else "plain"])
    assert not any(p.name.endswith(".errors.jsonl") for p in tmp_path.rglob("*"))


def test_workers_follow_the_cpu_affinity():
    probe = "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); " \
            "from zhnews.io.batch import BatchOptions; print(BatchOptions().workers)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=TIMEOUT, check=True)
    assert result.stdout.decode().strip() == "1"
    bad = subprocess.run(command("x", "-o", "y", "--workers", "-3"), capture_output=True, timeout=TIMEOUT)
    assert bad.returncode == 64 and "--workers" in bad.stderr.decode()
