"""The archive store: what the officials and events tables read of each record, kept in SQLite and given
back a day or a name at a time."""
from __future__ import annotations

import datetime as dt

import pytest

from zhnews.archive import store as store_module
from zhnews.archive.events import Report
from zhnews.archive.officials import Mention
from zhnews.archive.store import ArchiveStore


def mention(name: str, doc_id: str) -> Mention:
    return Mention(name, name, doc_id, None, (), frozenset())


def report(doc_id: str, date: dt.date | None) -> Report:
    return Report(doc_id, date, (None, None, None), (), frozenset())


@pytest.fixture(params=["memory", "file"])
def store(request, tmp_path):
    archive = ArchiveStore(tmp_path / "archive.sqlite" if request.param == "file" else None)
    yield archive
    archive.close()


def test_reports_come_day_by_day_and_undated_by_event_key(store, monkeypatch):
    monkeypatch.setattr(store_module, "PENDING_ROWS", 3)  # several inserts
    days = [dt.date(2023, 5, d) for d in (3, 1, 2, 1, 3, 1)]
    for i, day in enumerate(days):
        store.add_report(report(f"doc{9 - i}", day), "unused")
    store.add_report(report("late", None), "e-2")
    store.add_report(report("early", None), "e-1")
    given = [[(r.date.day, r.doc_id) for r in day] for day in store.days()]
    assert given == [[(1, "doc4"), (1, "doc6"), (1, "doc8")], [(2, "doc7")], [(3, "doc5"), (3, "doc9")]]
    assert [r.doc_id for r in store.undated()] == ["early", "late"]


def test_mentions_come_name_by_name_with_their_events(store, monkeypatch):
    loaded = []
    real = store_module.pickle.loads
    monkeypatch.setattr(store_module.pickle, "loads", lambda data: loaded.append(1) or real(data))
    names = ["王伟", "李强", "王伟", "张三", "李强", "王伟"]
    for i, name in enumerate(names):
        store.add_mentions([mention(name, f"d{i}")])
    store.add_link("d0", "e-a")
    store.add_link("d2", "e-b")
    groups = store.names()
    first, events = next(groups)
    assert [m.name for m in first] == ["张三"] and events == {}
    assert len(loaded) <= 2  # this name's mentions (and the next row): never the whole store
    rest = list(groups)
    assert [[m.doc_id for m in group] for group, _ in rest] == [["d1", "d4"], ["d0", "d2", "d5"]]
    assert rest[1][1] == {"d0": "e-a", "d2": "e-b"}


def test_ids_that_are_not_valid_utf8_survive_in_order(store):
    odd = "2021/\udcff-page"  # a file name's byte as surrogateescape reads it
    for doc_id in (odd, "2021/a", "2021/\u4e00"):
        store.add_link(doc_id, "e-" + doc_id[-1])
    assert [doc for doc, _ in store.links()] == sorted([odd, "2021/a", "2021/\u4e00"])


def test_no_query_sorts_so_nothing_is_written_outside_the_store(store):
    """A sort would spill to SQLite's temporary folder (the system's, not the output's disk): every
    query reads through an index kept as the rows come."""
    plans = store.plan()
    assert len(plans) == 4 and all(" INDEX " in plan for plan in plans)
    assert not any("TEMP B-TREE" in plan for plan in plans), plans
