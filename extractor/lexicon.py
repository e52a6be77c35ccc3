"""The data files of the package (surnames, posts, places ...), loaded once.

Every list lives in ``extractor/data`` as a plain text or TOML file, so a user
can add a term without touching code; ``data/README.md`` says where each came from.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _data_text(name: str) -> str:
    return resources.files("extractor").joinpath("data", name).read_text(encoding="utf-8")


def _lines(name: str) -> list[str]:
    """The non-comment, non-blank lines of a data file, in order."""
    out = []
    for line in _data_text(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first (so the longest wins)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def first_char_lookahead(words: list[str] | tuple[str, ...]) -> str:
    """``(?=[…])`` on the first characters of ``words``, for a pattern that opens with optional parts.

    Python's engine can skip positions in C only when a pattern opens with a
    literal, a character class or an alternation of literals; a pattern that
    opens with an optional group gets no such prefix, and this lookahead ends
    each futile attempt at its first character instead.
    """
    return f"(?=[{re.escape(''.join(sorted({w[0] for w in words})))}])"


def word_pattern(words: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """A pattern matching any of ``words`` (longest first).

    A bare alternation of literals: Python's engine takes the set of their first
    characters as the pattern's prefix and skips other positions in C (a leading
    lookahead would hide that prefix and cost 2.4x more per scan).
    """
    return re.compile(_alternation(list(words)))


@dataclass(frozen=True)
class Lexicon:
    """All lexicons, as sets and compiled patterns."""

    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    places: frozenset[str]
    max_place_len: int
    place_lengths: dict[str, tuple[int, ...]]  # last character -> lengths of the places ending in it, longest first
    title_pattern: re.Pattern[str]
    department_post_pattern: re.Pattern[str]  # a department's suffix and a post (管理局 + 局长)
    title_piece_pattern: re.Pattern[str]  # the opening pieces of a title (区委副, 镇党委, 常务): never a name
    post_word_pattern: re.Pattern[str]  # any post word (书记, 主席, 师长 …): never inside a name
    org_suffixes: tuple[str, ...]
    org_suffix_pattern: re.Pattern[str]
    org_left_stops: frozenset[str]
    org_event_verb_pattern: re.Pattern[str]  # verbs of the event, never inside a name (举行, 开工, 签约)
    org_edge_verb_pattern: re.Pattern[str]  # verbs cut only from a name's left edge (投资, 建设)
    org_generic: tuple[str, ...]  # longest first
    government_pattern: re.Pattern[str]
    roles: tuple[str, ...]
    role_pattern: re.Pattern[str]
    action_pattern: re.Pattern[str]
    category_verbs: dict[str, str]
    category_pattern: re.Pattern[str]
    investment_keys: tuple[str, ...]
    investment_key_blockers: tuple[str, ...]
    scopes: tuple[str, ...]
    zones: tuple[str, ...]
    t2s: dict[int, str]

    def is_surname_at(self, text: str, pos: int) -> int:
        """Length of the surname starting at ``pos`` (2 for 欧阳, 1 for 王), 0 if none."""
        if text[pos : pos + 2] in self.compound_surnames:
            return 2
        return 1 if text[pos : pos + 1] in self.surnames else 0

    def zone_before(self, text: str, end: int) -> int:
        """Start of a zone's name ending at ``end`` (广州开发区), or ``end`` if none ends there."""
        zone = next((z for z in self.zones if text.endswith(z, 0, end)), None)
        if zone is None:
            return end
        floor = end - len(zone)
        while floor > max(0, end - len(zone) - 12) and "\u4e00" <= text[floor - 1] <= "\u9fff":
            floor -= 1
        for start in range(floor, end - len(zone)):
            if any(text[start : start + n] in self.places
                   for n in range(2, min(self.max_place_len, end - start) + 1)):
                return start
        return floor if end - floor <= len(zone) + 4 else end - len(zone)

    def place_before(self, text: str, end: int, floor: int = 0) -> int:
        """Start of the longest known place name ending at ``end`` (``end`` if none)."""
        for length in self.place_lengths.get(text[end - 1 : end], ()):
            if length <= end - floor and text[end - length : end] in self.places:
                return end - length
        return end


def _lengths_by_last_char(words: frozenset[str]) -> dict[str, tuple[int, ...]]:
    """Last character -> the lengths (at least 2) of the words ending in it, longest first."""
    lengths: dict[str, set[int]] = {}
    for word in words:
        if len(word) >= 2:
            lengths.setdefault(word[-1], set()).add(len(word))
    return {char: tuple(sorted(found, reverse=True)) for char, found in lengths.items()}


_HAN = "\u4e00-\u9fff"
_MAX_DEPARTMENT_STEM = 10


def _title_pattern(posts: dict) -> re.Pattern[str]:
    """The grammar of ``posts.toml`` as one pattern (its header comment describes the forms).

    Every repetition is bounded, so a match attempt costs O(1) per position; the lookahead on the
    possible first characters lets the engine skip most positions at once. A department's stem
    holds no level or party character (市, 县, 党 ...; 市场, 区域, 党史 are words), no 政府, 政协 or
    兼, so it never runs over one title into the next (政法委, 政务服务局, 市场监管局 are departments).
    A stack's later part follows 、 or 兼 (市委副书记兼秘书长).
    """
    levels = _alternation(posts["levels"])
    bodies = _alternation(posts["bodies"])
    headless = _alternation(posts["headless_bodies"])
    national = _alternation(posts["headless_departments"])
    national_suffixes = _alternation(posts["department_suffixes"] + posts["national_department_suffixes"])
    national_posts = _alternation(posts["posts"] + posts["rank_posts"] + posts["national_posts"])
    post = _alternation(posts["posts"] + posts["rank_posts"])
    standalone = _alternation(posts["standalone"])
    level_posts = _alternation(posts["level_posts"] + posts["rank_posts"])
    chain_posts = _alternation(posts["chain_posts"] + posts["rank_posts"])
    suffixes = _alternation(posts["department_suffixes"])
    department = (
        rf"(?:(?!市(?!场)|[区县](?!域)|党(?!史|校|建)|[省州旗兼]|政府|政协)[{_HAN}]){{0,{_MAX_DEPARTMENT_STEM}}}?"
        rf"(?:{suffixes})"
    )
    starts = first_char_lookahead(
        posts["levels"] + posts["standalone"] + posts["chain_posts"] + posts["bodies"] + posts["headless_bodies"]
        + posts["headless_departments"] + ["中共", "、", "兼"]
    )
    return re.compile(
        rf"{starts}(?:中共)?(?:(?:{levels})(?:(?:{bodies})(?:{department}){{0,2}}|(?:{department}){{1,2}})(?:{post})"
        rf"|(?:{levels})(?:{level_posts})"
        rf"|(?:{levels})?(?:{standalone})"
        rf"|(?:{headless})(?:{department})?(?:{post})"
        rf"|(?:{national})(?:[{_HAN}]{{0,{_MAX_DEPARTMENT_STEM}}}?(?:{national_suffixes}))?(?:{national_posts})"
        rf"|[、兼](?P<continued>(?:{bodies})(?:{department})?(?:{post})|{department}(?:{post})|{chain_posts}))"
    )


def _all_posts(posts: dict) -> list[str]:
    """Every post word of ``posts.toml`` (书记, 市长, 一级巡视员, 师长 …)."""
    return posts["posts"] + posts["rank_posts"] + posts["standalone"] + posts["level_posts"] + posts["other_posts"]


def _title_piece_pattern(posts: dict) -> re.Pattern[str]:
    """What a title opens with, cut short before its post ends: [LEVEL] [BODY] [a post's first
    characters] (区委副 of 区委副书记, 镇党委, 市委常, 常务副, 全国). Matched whole against a name
    candidate, it says the candidate is a piece of a title, not a person's name."""
    levels = _alternation(posts["levels"])
    bodies = _alternation(posts["bodies"] + posts["headless_bodies"])
    heads = {"副", "常", "代"}
    for post in _all_posts(posts):
        heads.update(post[:n] for n in range(2, len(post) + 1))
    head = _alternation(sorted(heads))
    return re.compile(
        rf"(?:中共)?(?:(?:{levels})(?:{bodies})?(?:{head})?|(?:{bodies})(?:{head})?|(?:{head}))"
    )


def _department_post_pattern(posts: dict) -> re.Pattern[str]:
    """A department's suffix followed by a post (局 + 局长, 局 + 党委书记): opens with the suffixes,
    so the engine skips to them in C."""
    suffixes = [s for s in posts["department_suffixes"] if s not in ("委", "部", "院", "处", "中心")]
    return re.compile(f"(?:{_alternation(suffixes)})(?:{_alternation(posts['posts'] + posts['rank_posts'])})")


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """Load every data file once per process."""
    surname_lines = _lines("surnames.txt")
    posts = tomllib.loads(_data_text("posts.toml"))
    categories = tomllib.loads(_data_text("categories.toml"))
    place_lines = _lines("places.txt")
    org_suffixes = tuple(_lines("org_suffixes.txt"))
    roles = tuple(_lines("roles.txt"))
    verbs: dict[str, str] = dict(categories["verbs"])
    t2s: dict[int, str] = {}
    for line in _lines("t2s_chars.tsv"):
        traditional, simplified = line.split("\t")
        t2s[ord(traditional)] = simplified
    # the rules read text with traditional characters folded (乾县 reads 干县): a place is known in both forms
    places = frozenset(place_lines) | frozenset(p.translate(t2s) for p in place_lines)
    return Lexicon(
        surnames=frozenset(s for s in surname_lines if len(s) == 1),
        compound_surnames=frozenset(s for s in surname_lines if len(s) == 2),
        places=places,
        max_place_len=max(len(p) for p in places),
        place_lengths=_lengths_by_last_char(places),
        title_pattern=_title_pattern(posts),
        department_post_pattern=_department_post_pattern(posts),
        title_piece_pattern=_title_piece_pattern(posts),
        post_word_pattern=word_pattern(_all_posts(posts)),
        org_suffixes=org_suffixes,
        org_suffix_pattern=word_pattern(org_suffixes),
        org_left_stops=frozenset(_lines("org_left_stops.txt")),
        org_event_verb_pattern=word_pattern(_lines("org_event_verbs.txt")),
        org_edge_verb_pattern=word_pattern(_lines("org_edge_verbs.txt")),
        org_generic=tuple(sorted(_lines("org_generic.txt"), key=len, reverse=True)),
        government_pattern=word_pattern(_lines("org_government.txt")),
        roles=roles,
        role_pattern=word_pattern(roles),
        action_pattern=word_pattern(_lines("actions.txt")),
        category_verbs=verbs,
        category_pattern=word_pattern(list(verbs)),
        investment_keys=tuple(categories["investment_keys"]),
        investment_key_blockers=tuple(categories["investment_key_blockers"]),
        scopes=tuple(categories["scopes"]),
        zones=tuple(sorted(posts["zones"], key=len, reverse=True)),
        t2s=t2s,
    )
