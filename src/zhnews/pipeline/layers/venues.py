"""Venues: where the reported event was held — its main venue, its branch venues and its sites.

Forms: a venue head with the place it names (宝应分会场, 市主会场, 郑州市主会场); a head set up at a
site (主会场设在某某项目建设现场, 分会场位于某某工业园区); branch venues set up in a list of places
(南宁、钦州、玉林6个设区市设分会场); a site the event is held at (在县会议中心举行, 在布山文化广场召开),
which must end with a site noun or be a known place (在南昌召开) — 在…期间, 在云上 are times and media,
not sites; and a place that opens its clause and holds the event (扬州举行…仪式). The words are data
(``data/venues.toml``).

This layer is the example of adding a layer: this module (rules, settings, hits, record field,
page marks, table rows, evaluation items), its schema module (``zhnews/schema/venue.py``), its data
file and its tests.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zhnews import lexicon
from zhnews.evaluate import norm_name
from zhnews.outputs.columns import Column, Table
from zhnews.outputs.marks import Mark
from zhnews.pipeline.base import Layer, body_start, set_ext, text_of
from zhnews.pipeline.hits import Hit
from zhnews.serialize import serializable
from zhnews.text.chars import is_han
from zhnews.text.scan import positions

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from zhnews.record.context import RecordContext

_LEVELS = "省市州县区旗盟镇乡"
_CLAUSE_MARKS = "，,。；;：:！!？?\n、（）()“”\""
_MAX_SITE = 30  # the longest site between 在 and its verb
_MAX_LIST = 60  # how far back a list of places before 设分会场 is read


@serializable
@dataclass(slots=True)
class VenueHit:
    name: Hit
    kind: str  # main | branch | site
    place: Hit | None = None


@dataclass(frozen=True)
class _Words:
    heads: dict[str, str]  # head -> kind
    site_nouns: tuple[str, ...]
    held_verbs: tuple[str, ...]
    not_sites: tuple[str, ...]
    set_up: tuple[str, ...]
    qualifiers: tuple[str, ...]


@lexicon.compiled
def words(lex: lexicon.Lexicon) -> _Words:
    """The word lists of ``data/venues.toml``, compiled once per lexicon."""
    data = lex.toml("venues.toml")
    heads = {**dict.fromkeys(data["main_heads"], "main"), **dict.fromkeys(data["branch_heads"], "branch")}
    return _Words(heads, tuple(sorted(data["site_nouns"], key=len, reverse=True)),
                  tuple(sorted(data["held_verbs"], key=len, reverse=True)), tuple(data["not_sites"]),
                  tuple(data["set_up"]), tuple(data["qualifiers"]))


def _place_prefix(lex: lexicon.Lexicon, text: str, start: int, stop: int) -> int:
    """End of the longest known place that starts at ``start`` (with its level word), or ``start``."""
    for length in range(min(lex.max_place_len, stop - start), 1, -1):
        if text[start : start + length] in lex.places:
            end = start + length
            return end + 1 if end < stop and text[end] in _LEVELS and text[end - 1] not in _LEVELS else end
    return start


def _clause_start(text: str, pos: int, floor: int, marks: str = _CLAUSE_MARKS) -> int:
    while pos > floor and text[pos - 1] not in marks:
        pos -= 1
    return pos


class VenuesLayer(Layer):
    """Find the event's venues in the report (title lines included)."""

    name = "zhnews_venues"
    field = "venues"
    record_field = "venues"
    order = 35
    reads = ("prepared", "title_block")
    span_keys = {"venues": "zhnews_venues"}
    default_config = {"search_chars": 4000}
    eval_fields = ("venues",)
    tables = (Table("venues", (
        Column("doc_id", "string"), Column("position", "int", "order in the report, from 0"),
        Column("name", "string", "the venue as written"), Column("kind", "string", "main, branch or site"),
        Column("place", "string", "the place the venue names"),
    ), "where each event was held"),)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        lex, found_words = lexicon.load(), words()
        stop = min(len(text), body_start(doc) + self.search_chars)
        found: list[VenueHit] = []
        for head, kind in found_words.heads.items():
            for pos in positions(text, head, 0, stop):
                found.extend(self._headed(lex, found_words, text, pos, head, kind, stop))
        for verb in found_words.held_verbs:
            for pos in positions(text, verb, 0, stop):
                site = self._site(lex, found_words, text, pos)
                if site is not None:
                    found.append(site)
        venues = _first_of_each(found)
        set_ext(doc, self.field, venues)
        return self.put_spans(doc, "venues", [(v.name.start, v.name.end, v.kind.upper()) for v in venues])

    def _headed(self, lex, found_words: _Words, text: str, pos: int, head: str, kind: str, stop: int):
        """The venue a head names (宝应分会场), the site it is set up at, or the places of a list before 设."""
        end = pos + len(head)
        after = text[end : end + 2]
        if after in found_words.set_up:  # 主会场设在某某现场: the site is the venue
            site_end = end + 2
            while site_end < min(stop, end + 2 + _MAX_SITE) and text[site_end] not in _CLAUSE_MARKS:
                site_end += 1
            if site_end > end + 2:
                start = end + 2
                place_end = _place_prefix(lex, text, start, site_end)
                place = Hit(text[start:place_end], start, place_end) if place_end > start else None
                yield VenueHit(Hit(text[start:site_end], start, site_end), kind, place)
                return
        if pos > 0 and text[pos - 1] == "设":  # 6个设区市设分会场: a list of places before it
            yield from self._listed(lex, text, pos - 1, kind, end)
            return
        start = lex.place_before(text, pos)  # 宝应 + 分会场
        if start == pos and pos > 0 and text[pos - 1] in _LEVELS:
            start = lex.place_before(text, pos - 1)  # 郑州市 + 主会场
            if start == pos - 1:
                yield VenueHit(Hit(text[start:end], start, end), kind, None)  # 市 + 主会场: the report's own level
                return
        if start == pos:
            return  # a bare 主会场 / 分会场: the venue is named elsewhere, or not at all
        place = Hit(text[start:pos], start, pos)
        yield VenueHit(Hit(text[start:end], start, end), kind, place)

    def _listed(self, lex, text: str, setting: int, kind: str, end: int):
        """Places in a 、 list before 设分会场 (南宁、钦州、玉林6个设区市设分会场)."""
        floor = max(0, setting - _MAX_LIST)
        pos = _clause_start(text, setting, floor, _CLAUSE_MARKS.replace("、", ""))
        while pos < setting:
            place_end = _place_prefix(lex, text, pos, setting)
            if place_end == pos:
                break
            yield VenueHit(Hit(text[pos:place_end], pos, place_end), kind, Hit(text[pos:place_end], pos, place_end))
            pos = place_end
            if pos < setting and text[pos] == "、":
                pos += 1
            else:
                break

    def _site(self, lex, found_words: _Words, text: str, verb: int) -> VenueHit | None:
        """在 + site + 举行, or a place opening its clause + 举行."""
        at = text.rfind("在", max(0, verb - _MAX_SITE - 1), verb)
        end = verb
        clause = _clause_start(text, verb, max(0, verb - _MAX_SITE - 1))
        if at >= clause:
            start = at + 1
            for qualifier in found_words.qualifiers:
                if text.endswith(qualifier, start, end):
                    end -= len(qualifier)
            site = text[start:end]
            if len(site) < 2 or any(word in site for word in found_words.not_sites):
                return None
            if not all(is_han(c) or c.isalnum() or c in "·“”" for c in site):
                return None
            place_end = _place_prefix(lex, text, start, end)
            if not site.endswith(found_words.site_nouns) and place_end != end:
                return None
            place = Hit(text[start:place_end], start, place_end) if place_end > start else None
            return VenueHit(Hit(site, start, end), "site", place)
        place_start = lex.place_before(text, verb)
        if place_start < verb and place_start == clause and place_start >= 0:
            place = Hit(text[place_start:verb], place_start, verb)
            return VenueHit(place, "site", place)  # 扬州举行…: the place holds the event
        return None

    # --- the record side ------------------------------------------------------------------------------------------
    @classmethod
    def to_record(cls, venues: list[VenueHit], context: RecordContext) -> list[dict[str, Any]]:
        return [{"name": context.value(v.name), "kind": v.kind, "place": context.value(v.place),
                 "span": context.span(v.name)} for v in venues]

    @classmethod
    def marks(cls, record: Any) -> list[Mark]:
        return [Mark(*v.span, "venue", f"{v.kind} venue {v.name}" + (f" ({v.place})" if v.place else ""))
                for v in record.venues]

    @classmethod
    def rows(cls, record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        return {"venues": [{"doc_id": record["doc_id"], "position": i, "name": v["name"], "kind": v["kind"],
                            "place": v.get("place")} for i, v in enumerate(record.get("venues") or [])]}

    @classmethod
    def eval_items(cls, record: dict[str, Any], field: str) -> list[tuple]:
        return [(norm_name(v["name"]), v["kind"]) for v in record.get("venues") or []]


def _first_of_each(found: list[VenueHit]) -> list[VenueHit]:
    """Each venue once, at its first mention, in text order; a name that is a main or branch venue is not also
    a site (在某某分会场举行)."""
    headed = {v.name.text for v in found if v.kind != "site"}
    seen: set[str] = set()
    out = []
    for venue in sorted(found, key=lambda v: v.name.start):
        if venue.name.text in seen or (venue.kind == "site" and venue.name.text in headed):
            continue
        seen.add(venue.name.text)
        out.append(venue)
    return out
