"""Where the cross-record analyses keep what they read of each record until the end of a batch.

The officials and events tables need the whole archive before their first row: a person's mentions are
spread over it, and so are the reports of one day. ``ArchiveStore`` keeps the compact summaries
(``events.Report``, ``officials.Mention``) and the article -> event links in SQLite, in memory for a few
thousand records or in a file for an archive (``zhnews export``), and gives them back in the order the
analyses consume them: reports day by day, mentions name by name, each through an index kept as the
rows come (SQLite never sorts, so it writes nothing outside the store's own file). Memory then stays
bounded by one day's reports or one name's mentions, not by the archive.
"""
from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zhnews.archive.events import Report
    from zhnews.archive.officials import Mention

PENDING_ROWS = 2000  # rows buffered before one executemany
CACHE_KB = 8 * 1024  # SQLite's page cache, per connection (32 MB only filled up with the file, no faster)

# Each table is read in the order of its index, kept as rows come: SQLite never sorts, so it writes no
# temporary files (those would go to the system's temporary folder, not beside the output).
_SCHEMA = """
CREATE TABLE reports (day INTEGER, doc BLOB, event BLOB, data BLOB);
CREATE INDEX reports_order ON reports (day, event, doc);
CREATE TABLE mentions (name BLOB, doc BLOB, data BLOB);
CREATE INDEX mentions_order ON mentions (name, doc);
CREATE TABLE links (doc BLOB, event TEXT);
CREATE INDEX links_order ON links (doc, event);
"""
_DAYS = "SELECT day, data FROM reports WHERE day IS NOT NULL ORDER BY day, event, doc"
_UNDATED = "SELECT data FROM reports WHERE day IS NULL ORDER BY event, doc"
_LINKS = "SELECT doc, event FROM links ORDER BY doc, event"
_NAMES = ("SELECT name, data, (SELECT event FROM links WHERE links.doc = mentions.doc LIMIT 1) "
          "FROM mentions ORDER BY name, doc")


def _key(text: str) -> bytes:
    """A string as SQLite compares it here: UTF-8 bytes, whose order is Python's (code points), lone
    surrogates (file names read with surrogateescape) included."""
    return text.encode("utf-8", "surrogatepass")


def _text(key: bytes) -> str:
    return key.decode("utf-8", "surrogatepass")


class ArchiveStore:
    """Reports, mentions and links of a batch, in SQLite: ``path`` None keeps them in memory."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.con = sqlite3.connect(str(path) if path is not None else ":memory:")
        try:
            for pragma in ("journal_mode = OFF", "synchronous = OFF", f"cache_size = -{CACHE_KB}"):
                self.con.execute(f"PRAGMA {pragma}")
            self.con.executescript(_SCHEMA)
        except BaseException:
            self.con.close()
            raise
        self._pending: dict[str, list[tuple]] = {"reports": [], "mentions": [], "links": []}

    def _add(self, table: str, row: tuple) -> None:
        rows = self._pending[table]
        rows.append(row)
        if len(rows) >= PENDING_ROWS:
            self._flush(table)

    def _flush(self, table: str) -> None:
        rows = self._pending[table]
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            self.con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            rows.clear()

    def add_report(self, report: Report, event_key: str) -> None:
        """One record's report; ``event_key`` orders the reports without a date (their events' ids)."""
        day = report.date.toordinal() if report.date is not None else None
        self._add("reports", (day, _key(report.doc_id), _key(event_key), pickle.dumps(report, 5)))

    def add_mentions(self, mentions: Iterable[Mention]) -> None:
        for mention in mentions:
            self._add("mentions", (_key(mention.name), _key(mention.doc_id), pickle.dumps(mention, 5)))

    def add_link(self, doc_id: str, event_id: str) -> None:
        """The event a record reports (written while the events are grouped, read by the officials)."""
        self._add("links", (_key(doc_id), event_id))

    def days(self) -> Iterator[list[Report]]:
        """The dated reports, one list per day, days ascending."""
        self._flush("reports")
        rows = self.con.execute(_DAYS)
        for _, day in groupby(rows, key=lambda row: row[0]):
            yield [pickle.loads(data) for _, data in day]

    def undated(self) -> Iterator[Report]:
        """The reports without a date, in the order of their event keys."""
        self._flush("reports")
        for (data,) in self.con.execute(_UNDATED):
            yield pickle.loads(data)

    def links(self) -> Iterator[tuple[str, str]]:
        """(doc id, event id) by doc id."""
        self._flush("links")
        for doc, event in self.con.execute(_LINKS):
            yield _text(doc), event

    def names(self) -> Iterator[tuple[list[Mention], dict[str, str]]]:
        """The mentions of one name at a time (names ascending), with the events of their records."""
        self._flush("mentions")
        self._flush("links")
        rows = self.con.execute(_NAMES)
        for _, same_name in groupby(rows, key=lambda row: row[0]):
            mentions, event_of = [], {}
            for _, data, event in same_name:
                mention = pickle.loads(data)
                mentions.append(mention)
                if event is not None:
                    event_of[mention.doc_id] = event
            yield mentions, event_of

    def plan(self) -> list[str]:
        """How SQLite reads each query of the store (a test checks that none sorts)."""
        queries = [_DAYS, _UNDATED, _LINKS, _NAMES]
        return [" ".join(str(row[-1]) for row in self.con.execute(f"EXPLAIN QUERY PLAN {q}")) for q in queries]

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> ArchiveStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
