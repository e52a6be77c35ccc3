"""Officials across an archive: one row per person and post, from the records of a batch.

How a person is decided (precision first: two namesakes kept apart is better than two people merged):

* A mention is one leader of one record. Its name is folded (simplified characters, no typesetting
  spaces: 王 偉 -> 王伟). Each title is split into its place and post (郑州市委书记 -> 郑州市, 市委书记);
  a post that names no place takes one from the record (``places.RecordPlaces``): the leader's own
  other titles (何雄 郑州市委副书记、市长 -> 市长 of 郑州市), the other leaders' titles, the figures'
  named scopes, the headline, the outlet, and failing those the one ancestor at the post's level of
  the places named (a 市委书记 in a report about 宝应县 -> 扬州市). A post with no level of its own that
  follows another in a title stack (自治区党委书记、人大常委会主任) takes the previous one's place.
* Two mentions of one name are one person when any of their posts is in the same place (the same
  division, or the same name for a place outside the table): the posts held there connect them, so
  a promotion 市长 -> 市委书记 in one city is one person, and so is a chain 郑州市委书记 (with
  河南省委常委 in the same record) -> 河南省委常委 in another. The same name in two places that no
  record's posts connect is two people, also within one province (two 王伟 heading two counties).
* A mention with no placed post (no title, or a title whose place the record does not tell) joins the
  one person of that name who holds a post in a place its record names, or failing that the one who
  holds a post inside a place it names (a titleless 王伟 in a report naming 河南 joins the only 王伟
  placed in Henan); with none or several such people it stays a person of its own. A shared post
  alone (市委书记) never connects two mentions.
* One name in the reports of one event (``events``: the same ceremony reported by several outlets)
  is one person, placed or not.

Dates are the records' event dates with a known year; a record whose event year is unknown still counts
as an article but gives no date.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from sys import intern  # an archive repeats its names and posts: one string each

from zhnews.archive.places import Gazetteer, Place, RecordPlaces, fold, gazetteer, parse_title
from zhnews.archive.store import ArchiveStore
from zhnews.outputs.columns import Column

# The officials table's columns (zhnews.outputs.columns).
COLUMNS: tuple[Column, ...] = (
    Column("person_id", "string", "one person: a name and the posts that connect its mentions"),
    Column("name", "string", "simplified, no spaces"), Column("spellings", "strings", "the name as written"),
    Column("post", "string", "the post without its place (市委书记)"), Column("title", "string", "as first written"),
    Column("titles", "strings", "every spelling of the title"), Column("place", "string"),
    Column("place_code", "string", "GB/T 2260"), Column("province", "string"),
    Column("place_source", "string", "how the place was found (title, stack, leaders, scope ...)"),
    Column("first_date", "date", "first event date seen"), Column("last_date", "date", "last event date seen"),
    Column("articles", "int"), Column("doc_ids", "strings"),
)
# How directly a place was given, strongest first (the row reports the strongest of its mentions).
PLACE_SOURCES = ("title", "stack", "leaders", "scope", "venue", "headline", "source", "parent")


@dataclass(frozen=True, slots=True)
class PostMention:
    """One title of one mention: as written, its post, and its place (None when unknown)."""

    written: str
    post: str
    place: Place | None
    place_source: str | None


@dataclass(frozen=True, slots=True)
class Mention:
    """One leader of one record."""

    name: str
    spelling: str
    doc_id: str
    date: dt.date | None
    posts: tuple[PostMention, ...]
    context: frozenset[str]  # the keys of the places the record names

    @property
    def place_keys(self) -> frozenset[str]:
        return frozenset(p.place.key for p in self.posts if p.place)


def event_date(record: dict) -> dt.date | None:
    """The record's event date when its year is known."""
    date = record.get("event_date") or {}
    if date.get("year") is None:
        return None
    try:
        return dt.date(date["year"], date["month"], date["day"])
    except (KeyError, TypeError, ValueError):
        return None


def _posts(titles: list[str], places: RecordPlaces, gaz: Gazetteer) -> tuple[PostMention, ...]:
    parsed = [parse_title(fold(t), gaz) for t in titles]
    own: dict[str, Place] = {}
    resolved: list[tuple[Place | None, str | None]] = []
    for title in parsed:
        place = places.written(title.place, title.level) if title.place else None
        if place is not None and title.level:
            own.setdefault(title.level, place)
        resolved.append((place, "title" if place else None))
    out: list[PostMention] = []
    previous: tuple[Place | None, str | None] = (None, None)
    for written, title, (place, source) in zip(titles, parsed, resolved, strict=True):
        if place is None and title.level is None and previous[0] is not None:
            place, source = previous[0], "stack"  # 自治区党委书记、人大常委会主任
        elif place is None and title.level in own:
            place, source = own[title.level], "stack"  # 郑州市委副书记、市长
        elif place is None and title.level:
            place, source = places.resolve(title.level)
        out.append(PostMention(intern(written), intern(title.post) if title.post else title.post, place, source))
        previous = (place, title.level) if place else (None, None)
    return tuple(out)


def mentions_of(record: dict, gaz: Gazetteer | None = None, places: RecordPlaces | None = None) -> list[Mention]:
    """The mentions of one record (each leader once); ``places``: the record's, when already read."""
    gaz = gaz or gazetteer()
    leaders = record.get("leaders") or []
    if not leaders:
        return []
    places = places if places is not None else RecordPlaces.of(record, gaz)
    context = places.keys()
    doc_id, date = record.get("doc_id") or "", event_date(record)
    return [
        Mention(intern(fold(leader["name"])), intern(leader["name"]), doc_id, date,
                _posts(leader.get("titles") or [], places, gaz), context)
        for leader in leaders
    ]


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def people(mentions: list[Mention], event_of: dict[str, str] | None = None) -> list[list[Mention]]:
    """Group mentions into people (see the module's docstring for the rule); ``event_of`` maps a doc id
    to its event (``events.EventsBuilder``), so that one name in the reports of one event is one person."""
    sets = _UnionFind(len(mentions))
    anchors: dict[tuple[str, str], int] = {}
    for i, mention in enumerate(mentions):
        for key in mention.place_keys:
            first = anchors.setdefault((mention.name, key), i)
            sets.union(first, i)
    same_event: dict[tuple[str, str], int] = {}
    for i, mention in enumerate(mentions):
        event = (event_of or {}).get(mention.doc_id)
        if event is not None:
            sets.union(same_event.setdefault((mention.name, event), i), i)
    placed = {sets.find(i) for i, mention in enumerate(mentions) if mention.place_keys}
    inside: dict[tuple[str, str], set[int]] = defaultdict(set)  # (name, a division) -> people placed within it
    gaz = gazetteer()
    for (name, key), first in anchors.items():
        division = gaz.by_code.get(key)
        for ancestor in gaz.ancestors(division) if division else ():
            inside[(name, ancestor.code)].add(first)
    weak = [i for i, mention in enumerate(mentions) if sets.find(i) not in placed]
    for i in weak:
        mention = mentions[i]
        candidates = {sets.find(anchors[(mention.name, key)]) for key in mention.context
                      if (mention.name, key) in anchors}
        if not candidates:
            candidates = {sets.find(j) for key in mention.context for j in inside.get((mention.name, key), ())}
        if len(candidates) == 1:
            sets.union(candidates.pop(), i)
    groups: dict[int, list[Mention]] = defaultdict(list)
    for i, mention in enumerate(mentions):
        groups[sets.find(i)].append(mention)
    return list(groups.values())


def person_id(name: str, doc_ids: Iterable[str]) -> str:
    """A stable id: the name and the smallest doc id of the person's articles, hashed."""
    digest = hashlib.sha1(f"{name}\x00{min(doc_ids)}".encode()).hexdigest()
    return f"p-{digest[:10]}"


@dataclass
class _Row:
    post: str | None
    place: Place | None
    titles: list[str] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    dates: list[dt.date] = field(default_factory=list)
    doc_ids: set[str] = field(default_factory=set)
    first_seen: tuple = ()


def _sort_key(mention: Mention) -> tuple:
    return (mention.date is None, mention.date or dt.date.min, mention.doc_id)


def person_rows(group: list[Mention]) -> list[dict]:
    """The rows of one person: one per post and place, plus one for the articles naming no post."""
    group = sorted(group, key=_sort_key)
    placed = {(p.post, p.place.key): p.place for m in group for p in m.posts if p.place}
    rows: dict[tuple[str | None, str | None], _Row] = {}
    for mention in group:
        for post in mention.posts or (None,):
            if post is None:
                key, place = (None, None), None
            elif post.place is not None:
                key, place = (post.post, post.place.key), post.place
            else:  # an unplaced post joins the person's row of that post, if there is exactly one
                same = [k for k in placed if k[0] == post.post]
                key = same[0] if len(same) == 1 else (post.post, None)
                place = placed.get(key)
            row = rows.setdefault(key, _Row(key[0], place))
            if post is not None and post.written not in row.titles:
                row.titles.append(post.written)
            if post is not None and post.place_source:
                row.sources.add(post.place_source)
            if mention.date:
                row.dates.append(mention.date)
            row.doc_ids.add(mention.doc_id)
    name = group[0].name
    pid = person_id(name, (m.doc_id for m in group))
    spellings = sorted({m.spelling for m in group})
    out = []
    for row in rows.values():
        source = next((s for s in PLACE_SOURCES if s in row.sources), None) if row.place else None
        out.append({
            "person_id": pid, "name": name, "spellings": spellings, "post": row.post,
            "title": row.titles[0] if row.titles else None, "titles": row.titles,
            "place": row.place.name if row.place else None,
            "place_code": row.place.key if row.place and row.place.key.isdigit() else None,
            "province": row.place.province if row.place else None, "place_source": source,
            "first_date": min(row.dates) if row.dates else None, "last_date": max(row.dates) if row.dates else None,
            "articles": len(row.doc_ids), "doc_ids": sorted(row.doc_ids),
        })
    return out


def _row_order(row: dict) -> tuple:
    return (row["name"], row["person_id"], row["first_date"] is None, row["first_date"] or dt.date.min,
            row["post"] is None, row["post"] or "")


class OfficialsBuilder:
    """Collects mentions record by record (one pass over a batch) into an ``ArchiveStore``, then gives the
    table a name at a time (the people of one name are decided from that name's mentions alone)."""

    def __init__(self, store: ArchiveStore | None = None) -> None:
        self.gaz = gazetteer()
        self.store = store if store is not None else ArchiveStore()

    def add(self, record: dict, places: RecordPlaces | None = None) -> None:
        self.store.add_mentions(mentions_of(record, self.gaz, places))

    def rows(self) -> Iterator[dict]:
        """The table's rows in its order; the store's links (``events.EventsBuilder``, when its events were
        made first) join one name across the reports of one event."""
        for mentions, event_of in self.store.names():
            yield from sorted((row for group in people(mentions, event_of) for row in person_rows(group)),
                              key=_row_order)


def officials_table(records: Iterable[dict]) -> list[dict]:
    """The officials table of a batch's records (dicts as ``zhnews batch`` writes them); see ``COLUMNS``."""
    from zhnews.archive.builder import ArchiveBuilder

    with ArchiveBuilder() as builder:
        for record in records:
            builder.add(record)
        return [row for table, row in builder.rows() if table == "officials"]
