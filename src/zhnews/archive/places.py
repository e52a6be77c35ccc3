"""Places for the archive analyses: the administrative divisions and their hierarchy, the place a title
or a figure's scope names, and the place a record's context gives to a post that names none.

A ``Place`` is a division of ``lexicon/data/divisions.tsv`` (GB/T 2260 codes) when the name resolves to
exactly one, else the folded name as written (郑宅镇: townships are not in the table). Everything here
reads the fields of a record dict; no spaCy.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from zhnews import lexicon
from zhnews.text.normalize import map_chars, remove_spaces

# Level words as posts write them (省委书记, 州长, 地委委员), longest first; each -> the level it names.
_POST_LEVEL_PREFIXES = (
    ("自治区", "自治区"), ("自治州", "州"), ("自治县", "县"), ("自治旗", "旗"), ("区党委", "自治区"),
    ("地委", "地区"), ("行署", "地区"), ("地区", "地区"), ("街道", "街道"),
    ("省", "省"), ("市", "市"), ("州", "州"), ("县", "县"), ("区", "区"), ("旗", "旗"), ("盟", "盟"),
    ("镇", "镇"), ("乡", "乡"),
)
# The level word that ends a division's full name -> the level word its posts start with (湘西…自治州 -> 州委).
_SUFFIX_LEVELS = (
    ("自治区", "自治区"), ("自治州", "州"), ("自治县", "县"), ("自治旗", "旗"), ("地区", "地区"),
    ("省", "省"), ("市", "市"), ("州", "州"), ("县", "县"), ("区", "区"), ("旗", "旗"), ("盟", "盟"),
)
_LEVEL_CHARS = "省市州县区旗盟镇乡"
# A complete post with its level inside: 市长, 常务副州长, 代县长.
_STANDALONE_HEAD = re.compile(rf"(?:常务)?[副代]?([{_LEVEL_CHARS}])长")
# 县人民政府副县长 -> 副县长, 政府市长 -> 市长 (the government is implied by the post).
_GOVERNMENT_BEFORE_HEAD = re.compile(rf"^([{_LEVEL_CHARS}])?(?:人民)?政府(?=(?:常务)?[副代]?([{_LEVEL_CHARS}])长$)")
# A township before its body (郑宅镇党委书记): townships are not in the division table.
_TOWNSHIP = re.compile(
    r"([\u4e00-\u9fff]{2,4}?)(镇|乡|街道)(?=党委|党工委|人大|人民政府|政府|纪委|办事处|(?:常务)?副?[镇乡]长)"
)
# Scope words that stand for "the whole of" a level (全省, 本市, 我州, 市主会场) -> that level.
_GENERIC_SCOPE = re.compile(r"(?:全|本|我)(省|市|州|县|区|盟|旗|镇|乡|地区)|(省|市|州|县|区)主会场")
_FREE_TEXT_LIMIT = 400  # headline, source: scanned up to this many characters


def fold(text: str) -> str:
    """The matching form of a name or title: simplified characters, no typesetting spaces (李 铮 -> 李铮);
    the character map of ``text.normalize``."""
    return remove_spaces(map_chars(text)).strip()


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division: 6-digit code, full name (郑州市), short form (郑州, or '')."""

    code: str
    name: str
    short: str

    @property
    def tier(self) -> int:
        """0 province, 1 prefecture, 2 county (from the code)."""
        return 0 if self.code.endswith("0000") else 1 if self.code.endswith("00") else 2


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: ``key`` is the division code, or the folded name for a place outside the table."""

    key: str
    name: str
    province: str | None = None


def level_matches(name: str, level: str) -> bool:
    """Whether a division's full name is at the level a post or scope names (区 is a district, not 自治区)."""
    if level == "区":
        return name.endswith("区") and not name.endswith("自治区")
    return name.endswith(level)


class Gazetteer:
    """The division table, indexed by full and short name, with each division's ancestors."""

    def __init__(self, divisions: Iterable[Division]) -> None:
        self.by_code: dict[str, Division] = {}
        names: dict[str, list[Division]] = {}
        for division in divisions:
            self.by_code[division.code] = division
            for name in {division.name, division.short} - {""}:
                names.setdefault(name, []).append(division)
        self.by_name: dict[str, tuple[Division, ...]] = {k: tuple(v) for k, v in names.items()}
        self.max_len = max(map(len, self.by_name))
        lengths: dict[str, set[int]] = defaultdict(set)
        for name in self.by_name:
            lengths[name[0]].add(len(name))
        # first character -> the lengths of the names starting with it, longest first (a scan tries only those)
        self.lengths: dict[str, tuple[int, ...]] = {c: tuple(sorted(n, reverse=True)) for c, n in lengths.items()}
        self._places: dict[str, Place] = {}  # one Place per division: an archive's mentions share them

    def named(self, name: str, level: str | None = None) -> tuple[Division, ...]:
        """The divisions called ``name`` (full or short), at ``level`` when given."""
        found = self.by_name.get(name, ())
        return tuple(d for d in found if level_matches(d.name, level)) if level else found

    def best(self, name: str) -> Division | None:
        """The one division a bare name means: the only one, the one whose full name it is, or the only
        one of the highest tier (河南: the province, not 河南蒙古族自治县); None when still ambiguous."""
        found = self.by_name.get(name, ())
        if len(found) > 1:
            exact = [d for d in found if d.name == name]
            top = min(d.tier for d in found)
            found = exact or [d for d in found if d.tier == top]
        return found[0] if len(found) == 1 else None

    def parent(self, division: Division) -> Division | None:
        """The prefecture of a county (the province where there is none), the province of a prefecture."""
        if division.tier == 0:
            return None
        if division.tier == 2:
            prefecture = self.by_code.get(division.code[:4] + "00")
            if prefecture is not None:
                return prefecture
        return self.by_code.get(division.code[:2] + "0000")

    def ancestors(self, division: Division) -> list[Division]:
        out: list[Division] = []
        current = self.parent(division)
        while current is not None and len(out) < 3:
            out.append(current)
            current = self.parent(current)
        return out

    def province(self, division: Division) -> Division | None:
        return division if division.tier == 0 else self.by_code.get(division.code[:2] + "0000")

    def place(self, division: Division) -> Place:
        place = self._places.get(division.code)
        if place is None:
            province = self.province(division)
            place = self._places[division.code] = Place(division.code, division.name,
                                                         province.name if province else None)
        return place

    def prefix(self, text: str) -> str | None:
        """The longest division name ``text`` starts with, leaving at least one character after it."""
        for length in self.lengths.get(text[:1], ()):
            if length < len(text) and text[:length] in self.by_name:
                return text[:length]
        return None

    def scan(self, text: str, *, short_forms: str = "all") -> list[str]:
        """Division names in ``text``, leftmost-longest, not overlapping.

        ``short_forms="major"`` accepts a short form only for a province or prefecture (扬州, 河南), as free
        text (a headline, an outlet's name) holds words that are also short forms of districts (前进, 新华).
        """
        text = text[:_FREE_TEXT_LIMIT]
        found, pos = [], 0
        while pos < len(text) - 1:
            for length in self.lengths.get(text[pos], ()):
                if pos + length > len(text):
                    continue
                name = text[pos : pos + length]
                divisions = self.by_name.get(name)
                if divisions and (short_forms == "all" or any(d.name == name or d.tier < 2 for d in divisions)):
                    found.append(name)
                    pos += length
                    break
            else:
                pos += 1
        return found


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The division table of ``lexicon/data/divisions.tsv``, loaded once per process."""
    text = lexicon.load().text("divisions.tsv")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return Gazetteer(Division(code, name, short) for code, name, short in rows)


@lru_cache(maxsize=1)
def _standalone_posts() -> tuple[str, ...]:
    posts = lexicon.load().toml("posts.toml")
    return tuple(sorted(posts["standalone"], key=len, reverse=True))


def post_level(post: str) -> str | None:
    """The level a post names (市委书记 -> 市, 常务副州长 -> 州, 地委委员 -> 地区), None if it names none (秘书长)."""
    for prefix, level in _POST_LEVEL_PREFIXES:
        if post.startswith(prefix):
            return level
    head = _STANDALONE_HEAD.match(post)
    return head.group(1) if head else None


def normalize_post(post: str) -> str:
    """The post without words it implies: 县人民政府副县长 -> 副县长, 政府市长 -> 市长."""
    match = _GOVERNMENT_BEFORE_HEAD.match(post)
    if match and (match.group(1) is None or match.group(1) == match.group(2)):
        return post[match.end():]
    return post


def _suffix_level(place: str) -> str | None:
    for suffix, level in _SUFFIX_LEVELS:
        if place.endswith(suffix):
            return level
    return None


@dataclass(frozen=True, slots=True)
class ParsedTitle:
    """A folded title split into the place it names (as written, or None) and the post (郑州市 + 市委书记)."""

    title: str
    place: str | None
    post: str
    level: str | None


def parse_title(title: str, gaz: Gazetteer | None = None) -> ParsedTitle:
    """Split a folded title: 郑州市委书记 -> (郑州市, 市委书记), 天津市市长 -> (天津市, 市长), 市长 -> (None, 市长)."""
    gaz = gaz or gazetteer()
    rest = title[2:] if title.startswith("中共") else title
    place = None
    for _ in range(3):  # a chain of places: 河南省郑州市委书记 -> the innermost, 郑州市
        found = gaz.prefix(rest)
        if found is None:
            break
        place, rest = found, rest[len(found):]
    if place is None:
        township = _TOWNSHIP.match(rest)
        if township:
            place, rest = township.group(1) + township.group(2), rest[township.end(1):]
    elif post_level(rest) is None and not rest.startswith(_standalone_posts()):
        level_word = _suffix_level(place)
        if level_word:  # the place's own level word begins the post: 郑州市 + 委书记 -> 市委书记
            rest = level_word + rest
    post = normalize_post(rest)
    return ParsedTitle(title, place, post, post_level(post))


def generic_scope_level(scope: str) -> str | None:
    """The level a generic scope word covers (全省 -> 省, 本市 -> 市, 市主会场 -> 市), None for a named scope."""
    match = _GENERIC_SCOPE.fullmatch(scope)
    if not match:
        return None
    return match.group(1) or match.group(2)


@dataclass
class RecordPlaces:
    """The places a record names, by how directly they speak for it, and a resolver for unplaced posts.

    Tiers, in order: the leaders' titles (郑州市委书记), the named scopes of its figures (信阳市), the
    places of its venues (宝应分会场, 扬州举行), its headline and subtitles, its source (扬州日报). A post
    or scope that names no place takes the one place of its level in the first tier that has any (two
    there: ambiguous, no place); failing all tiers, the one ancestor at its level of the places named
    (宝应县 -> 扬州市 for a 市委书记).
    """

    tiers: list[tuple[str, list[str]]]
    gaz: Gazetteer

    @classmethod
    def of(cls, record: dict, gaz: Gazetteer | None = None) -> RecordPlaces:
        gaz = gaz or gazetteer()
        leaders = [parse_title(fold(t), gaz).place for leader in record.get("leaders") or []
                   for t in leader.get("titles") or []]
        scopes = [name for stat in record.get("project_stats") or [] if stat.get("scope")
                  for name in gaz.scan(fold(stat["scope"]))]
        venues = [name for venue in record.get("venues") or [] if venue.get("place")
                  for name in gaz.scan(fold(venue["place"]), short_forms="major")]
        title = record.get("title") or {}
        pieces = [title.get("headline"), title.get("original_title"), *(title.get("subtitles") or [])]
        headline = [name for piece in pieces if piece for name in gaz.scan(fold(piece["text"]), short_forms="major")]
        source = gaz.scan(fold(record.get("source") or ""), short_forms="major")
        return cls([("leaders", [p for p in leaders if p]), ("scope", scopes), ("venue", venues),
                    ("headline", headline), ("source", source)], gaz)

    def divisions(self) -> list[Division]:
        """Every division any tier names (a name with several divisions gives them all)."""
        return [d for _, names in self.tiers for name in names for d in self.gaz.named(name)]

    def keys(self) -> frozenset[str]:
        """The keys of the places the record names unambiguously (division codes; other names as written)."""
        keys = set()
        for _, names in self.tiers:
            for name in names:
                best = self.gaz.best(name)
                if best is not None:
                    keys.add(best.code)
                elif not self.gaz.named(name):
                    keys.add(name)
        return frozenset(keys)

    def written(self, name: str, level: str | None) -> Place:
        """The place a title or scope writes (郑州市, 湘西 + 州, 城关 + 镇), resolved against the table.

        Several divisions of that name (朝阳区): the one inside a place the record names, else the one
        ``Gazetteer.best`` gives when no level is asked for, else the name.
        """
        found = self.gaz.named(name, level) if level else self.gaz.named(name)
        if len(found) > 1:
            context = {d.code for _, names in self.tiers for other in names if other != name
                       for d in self.gaz.named(other)}
            inside = [d for d in found if any(a.code in context for a in self.gaz.ancestors(d))]
            found = tuple(inside) if len(inside) == 1 else found
        if len(found) > 1 and level is None:
            best = self.gaz.best(name)
            found = (best,) if best else found
        if len(found) == 1:
            return self.gaz.place(found[0])
        full = name if level is None or name.endswith(level) else name + level
        return Place(full, full)

    def resolve(self, level: str) -> tuple[Place, str] | tuple[None, None]:
        """The place of an unplaced post or scope at ``level``, and the tier it came from."""
        for tier, names in self.tiers:
            found = {d.code: d for name in names for d in self.gaz.named(name, level)}
            found.update({name: None for name in names if not self.gaz.named(name) and level_matches(name, level)})
            if len(found) == 1:
                (key, division), = found.items()
                return (self.gaz.place(division) if division else Place(key, key)), tier
            if found:
                return None, None
        lifted = {a.code: a for d in self.divisions() if not level_matches(d.name, level)
                  for a in self.gaz.ancestors(d) if level_matches(a.name, level)}
        if len(lifted) == 1:
            return self.gaz.place(next(iter(lifted.values()))), "parent"
        return None, None


def scope_places(scope: str | None, places: RecordPlaces) -> list[Place]:
    """The places a figure's scope covers: those it names (郑州市; 陈仓区、凤县), or for a generic scope
    (全省, 本市) the record's place at that level; [] when unknown."""
    if not scope:
        return []
    scope = fold(scope)
    level = generic_scope_level(scope)
    if level is not None:
        levels: Sequence[str] = ("区", "自治区") if level == "区" else (level,)
        for one in levels:
            place, _ = places.resolve(one)
            if place is not None:
                return [place]
        return []
    return [places.written(name, None) for name in places.gaz.scan(scope)]
