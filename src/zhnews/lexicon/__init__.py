"""The lexicons: every word list of the package as a data file, loaded once per set of files.

Every list lives in ``zhnews/lexicon/data`` as a plain text or TOML file, so a user
can add a term without touching code; ``data/README.md`` says where each came from.
A ``Lexicon`` is built from a mapping of file names to their text: the package's
files (``Lexicon.from_package``), or those with a folder of the user's own files
laid over them (``Lexicon.from_dir``). Each pipeline component holds one, given
through its ``initialize`` and saved with ``to_disk``; while a component runs,
``load()`` returns that component's lexicon (outside one, the package's), so the
layers' rules read their words through ``load()`` wherever they are.
"""
from __future__ import annotations

import contextlib
import hashlib
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from zhnews.text.chars import HAN, is_han

T = TypeVar("T")
DATA_SUFFIXES = (".txt", ".toml", ".tsv")
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


def data_lines(text: str) -> list[str]:
    """The non-comment, non-blank lines of a data file's text, in order (``#`` starts a comment)."""
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def package_files() -> dict[str, str]:
    """The package's data files: name -> text."""
    folder = resources.files("zhnews.lexicon").joinpath("data")
    return {entry.name: entry.read_text(encoding="utf-8") for entry in folder.iterdir()
            if entry.name.endswith(DATA_SUFFIXES)}


class LexiconError(ValueError):
    """A data file that is missing or cannot be read; the message names it."""


class Lexicon:
    """All word lists, as sets and compiled patterns, built on first use from one set of data files."""

    def __init__(self, files: Mapping[str, str]) -> None:
        self.files: dict[str, str] = dict(files)
        self._derived: dict[str, Any] = {}
        self.fingerprint = hashlib.sha1(
            "\0".join(f"{name}\0{text}" for name, text in sorted(self.files.items())).encode("utf-8")
        ).hexdigest()

    # --- building -----------------------------------------------------------------------------
    @classmethod
    def from_package(cls) -> Lexicon:
        """The package's own lexicon (one per process)."""
        return _package_lexicon()

    @classmethod
    def shared(cls, files: Mapping[str, str]) -> Lexicon:
        """The lexicon of these files, one object per set of files in a process."""
        return _shared(cls(files))

    @classmethod
    def from_dir(cls, folder: str | Path, base: Mapping[str, str] | None = None) -> Lexicon:
        """The data files of ``folder`` laid over ``base`` (the package's files by default): a file of
        the folder replaces the one of the same name, a new name adds a file."""
        path = Path(folder)
        if not path.is_dir():
            raise LexiconError(f"lexicon folder not found: {path}")
        files = dict(package_files() if base is None else base)
        for entry in sorted(path.iterdir()):
            if entry.name.endswith(DATA_SUFFIXES):
                files[entry.name] = entry.read_text(encoding="utf-8")
        return _shared(cls(files))

    def to_dir(self, folder: str | Path) -> None:
        """Write every data file into ``folder`` (``from_dir`` reads them back)."""
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        for name, text in self.files.items():
            (path / name).write_text(text, encoding="utf-8")

    # --- reading the files ----------------------------------------------------------------------
    def text(self, name: str) -> str:
        """The text of one data file."""
        try:
            return self.files[name]
        except KeyError:
            raise LexiconError(f"lexicon file missing: {name}") from None

    def lines(self, name: str) -> list[str]:
        """The non-comment, non-blank lines of a data file."""
        return self.derived(f"lines:{name}", lambda lex: data_lines(lex.text(name)))

    def toml(self, name: str) -> dict[str, Any]:
        """A TOML data file, parsed; a syntax error names the file."""
        def parse(lex: Lexicon) -> dict[str, Any]:
            try:
                return tomllib.loads(lex.text(name))
            except tomllib.TOMLDecodeError as exc:
                raise LexiconError(f"lexicon file {name}: {exc}") from exc
        return self.derived(f"toml:{name}", parse)

    def derived(self, key: str, build: Callable[[Lexicon], T]) -> T:
        """What ``build`` makes of this lexicon, made once (a layer's compiled patterns, say)."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = build(self)
            return value

    # --- the shared lists ------------------------------------------------------------------------
    @cached_property
    def _posts(self) -> dict[str, Any]:
        return self.toml("posts.toml")

    @cached_property
    def _categories(self) -> dict[str, Any]:
        return self.toml("categories.toml")

    @cached_property
    def money_multipliers(self) -> dict[str, int]:
        """Multiplier words of amounts (万, 亿, 万亿 …) and their values (``money.toml``)."""
        return dict(self.toml("money.toml")["multipliers"])

    @cached_property
    def currencies(self) -> dict[str, str]:
        """Currency words of amounts (元, 美元 …) and their ISO 4217 codes (``money.toml``)."""
        return dict(self.toml("money.toml")["currencies"])

    @cached_property
    def surnames(self) -> frozenset[str]:
        return frozenset(s for s in self.lines("surnames.txt") if len(s) == 1)

    @cached_property
    def compound_surnames(self) -> frozenset[str]:
        return frozenset(s for s in self.lines("surnames.txt") if len(s) == 2)

    @cached_property
    def places(self) -> frozenset[str]:
        """Known place names; the rules read text with traditional characters folded (乾县 reads 干县), so a
        place is known in both forms."""
        lines = self.lines("places.txt")
        return frozenset(lines) | frozenset(p.translate(self.t2s) for p in lines)

    @cached_property
    def max_place_len(self) -> int:
        return max(len(p) for p in self.places)

    @cached_property
    def place_lengths(self) -> dict[str, tuple[int, ...]]:
        """Last character -> lengths of the places ending in it, longest first."""
        return _lengths_by_last_char(self.places)

    @cached_property
    def title_pattern(self) -> re.Pattern[str]:
        return _title_pattern(self._posts)

    @cached_property
    def department_post_pattern(self) -> re.Pattern[str]:
        """A department's suffix and a post (管理局 + 局长)."""
        return _department_post_pattern(self._posts)

    @cached_property
    def title_piece_pattern(self) -> re.Pattern[str]:
        """The opening pieces of a title (区委副, 镇党委, 常务): never a name."""
        return _title_piece_pattern(self._posts)

    @cached_property
    def post_word_pattern(self) -> re.Pattern[str]:
        """Any post word (书记, 主席, 师长 …): never inside a name."""
        return word_pattern(_all_posts(self._posts))

    @cached_property
    def org_event_verb_pattern(self) -> re.Pattern[str]:
        """Verbs of the event, never inside an organisation's name (举行, 开工, 签约)."""
        return word_pattern(self.lines("org_event_verbs.txt"))

    @cached_property
    def org_edge_verb_pattern(self) -> re.Pattern[str]:
        """Verbs cut only from a name's left edge (投资, 建设)."""
        return word_pattern(self.lines("org_edge_verbs.txt"))

    @cached_property
    def org_suffixes(self) -> tuple[str, ...]:
        return tuple(self.lines("org_suffixes.txt"))

    @cached_property
    def org_suffix_pattern(self) -> re.Pattern[str]:
        return word_pattern(self.org_suffixes)

    @cached_property
    def org_left_stops(self) -> frozenset[str]:
        return frozenset(self.lines("org_left_stops.txt"))

    @cached_property
    def org_generic(self) -> tuple[str, ...]:
        """Generic organisation words, longest first."""
        return tuple(sorted(self.lines("org_generic.txt"), key=len, reverse=True))

    @cached_property
    def government_pattern(self) -> re.Pattern[str]:
        return word_pattern(self.lines("org_government.txt"))

    @cached_property
    def roles(self) -> tuple[str, ...]:
        return tuple(self.lines("roles.txt"))

    @cached_property
    def role_pattern(self) -> re.Pattern[str]:
        return word_pattern(self.roles)

    @cached_property
    def action_pattern(self) -> re.Pattern[str]:
        return word_pattern(self.lines("actions.txt"))

    @cached_property
    def category_verbs(self) -> dict[str, str]:
        return dict(self._categories["verbs"])

    @cached_property
    def category_pattern(self) -> re.Pattern[str]:
        return word_pattern(list(self.category_verbs))

    @cached_property
    def investment_keys(self) -> tuple[str, ...]:
        return tuple(self._categories["investment_keys"])

    @cached_property
    def investment_key_blockers(self) -> tuple[str, ...]:
        return tuple(self._categories["investment_key_blockers"])

    @cached_property
    def scopes(self) -> tuple[str, ...]:
        return tuple(self._categories["scopes"])

    @cached_property
    def zones(self) -> tuple[str, ...]:
        return tuple(sorted(self._posts["zones"], key=len, reverse=True))

    @cached_property
    def t2s(self) -> dict[int, str]:
        """Traditional -> simplified, one character for one."""
        table: dict[int, str] = {}
        for line in self.lines("t2s_chars.tsv"):
            traditional, simplified = line.split("\t")
            table[ord(traditional)] = simplified
        return table

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
        while floor > max(0, end - len(zone) - 12) and is_han(text[floor - 1]):
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


_HAN = HAN
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


_ACTIVE: ContextVar[Lexicon | None] = ContextVar("zhnews_lexicon", default=None)
_SHARED: dict[str, Lexicon] = {}


def _shared(lexicon: Lexicon) -> Lexicon:
    """One Lexicon object per set of files (components loaded from one folder share their patterns)."""
    return _SHARED.setdefault(lexicon.fingerprint, lexicon)


@lru_cache(maxsize=1)
def _package_lexicon() -> Lexicon:
    return _shared(Lexicon(package_files()))


def load() -> Lexicon:
    """The lexicon in use: the running component's, else the package's."""
    return _ACTIVE.get() or _package_lexicon()


COMPILED: list[Callable[[], Any]] = []  # every function made by ``compiled`` (the tests check what they build)


def compiled(build: Callable[[Lexicon], T]) -> Callable[[], T]:
    """Decorate ``build(lexicon)`` (compiling a layer's word lists) into a function of no arguments
    that returns its result for the lexicon in use, built once per lexicon."""
    key = f"{build.__module__}.{build.__qualname__}"

    def current() -> T:
        return load().derived(key, build)

    current.__doc__ = build.__doc__
    current.__name__ = build.__name__
    current.__module__ = build.__module__
    current.__wrapped__ = build  # type: ignore[attr-defined]
    COMPILED.append(current)
    return current


@contextlib.contextmanager
def active(lexicon: Lexicon) -> Iterator[Lexicon]:
    """Make ``lexicon`` the one ``load()`` returns inside the block (a component's run)."""
    token = _ACTIVE.set(lexicon)
    try:
        yield lexicon
    finally:
        _ACTIVE.reset(token)
