"""The word lists of the figure layer, loaded once and compiled into patterns."""
from __future__ import annotations

import re
from dataclasses import dataclass

from zhnews import lexicon
from zhnews.text.normalize import map_chars
from zhnews.text.numbers import MoneyUnits, money


def _folded(value):
    """A word list with every string folded as the rules read the text (``map_chars``: full-width punctuation,
    traditional characters), so an entry written 其他县（市、区） matches."""
    if isinstance(value, str):
        return map_chars(value)
    if isinstance(value, list):
        return [_folded(v) for v in value]
    if isinstance(value, dict):
        return {_folded(k): _folded(v) for k, v in value.items()}
    return value


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_ENDINGS: dict[int, tuple[tuple[str, ...], re.Pattern[str], int]] = {}


def ends_with_any(text: str, words: tuple[str, ...], start: int, end: int) -> str | None:
    """The longest of ``words`` that ``text[start:end]`` ends with, or None (one regex search)."""
    cached = _ENDINGS.get(id(words))
    if cached is None or cached[0] is not words:
        cached = _ENDINGS[id(words)] = (words, re.compile(f"(?:{alternation(words)})$"), max(map(len, words)))
    match = cached[1].search(text, max(start, end - cached[2]), end)
    return match.group() if match else None


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(words), key=len, reverse=True))


@dataclass(frozen=True)
class Words:
    """Every list of ``figures.toml`` and ``categories.toml``, longest entries first."""

    verbs: dict[str, str]  # verb as written -> category ("" for a verb naming several kinds)
    verb_pattern: re.Pattern[str]
    several: dict[str, frozenset[str]]  # a verb naming several kinds -> those kinds (开复工 -> 开工, 复工)
    weak_verbs: frozenset[str]  # kinds only in a figure's own words, when no other verb names one (启动)
    not_before: dict[str, tuple[str, ...]]  # kind -> what after its verb makes it a noun (启动区, 推介会)
    investment_keys: tuple[str, ...]
    key_blockers: tuple[str, ...]
    quan_scopes: tuple[str, ...]
    venue_scopes: tuple[str, ...]
    breakdown_openers: tuple[str, ...]
    dimension_openers: tuple[str, ...]
    dimension_closers: tuple[str, ...]
    dimension_suffixes: tuple[str, ...]
    reference_tails: tuple[str, ...]
    reference_words: tuple[str, ...]
    count_glue: tuple[str, ...]
    phrase_openers: tuple[str, ...]
    not_project_after: tuple[str, ...]
    group_heads: tuple[str, ...]
    not_group_heads: tuple[str, ...]
    kind_only: tuple[str, ...]
    amount_qualifiers: tuple[str, ...]
    amount_thresholds: tuple[str, ...]
    band_qualifiers: tuple[str, ...]
    completed_keys: frozenset[str]
    finished_categories: frozenset[str]
    deictic_scopes: tuple[str, ...]
    formal_deictic: frozenset[str]
    anaphoric_scopes: tuple[str, ...]
    list_members: tuple[str, ...]
    level_chars: str
    township_chars: str
    zone_suffixes: tuple[str, ...]
    place_groups: tuple[str, ...]
    generic_levels: tuple[str, ...]
    conjunction_chars: str
    government_next: str
    government_suffixes: tuple[str, ...]
    ranking_before: tuple[str, ...]
    event_nouns: tuple[str, ...]
    bare_place_followers: tuple[str, ...]
    count_followers: tuple[str, ...]
    topic_endings: tuple[str, ...]
    subject_follower: re.Pattern[str]  # what may follow a clause's subject place (有, 此次, a verb, 2023年 …)
    clause_lead: re.Pattern[str]  # words a clause may open with before its subject (其中, 此次 …)
    event_reference: re.Pattern[str]  # 此次 / 本次 + an event noun (此次活动, 本次大会上): the event, no label
    event_batch_words: tuple[str, ...]
    cumulative_words: tuple[str, ...]
    aim_pattern: re.Pattern[str]  # an aim before a verb (推动…落地): the verb gives no kind to another clause
    event_periods: tuple[str, ...]
    venue_heads: tuple[str, ...]
    lead_openers: tuple[str, ...]
    min_amount_per_project: int
    max_amount_per_project: int
    sum_tolerance: float
    approximate_tolerance: float
    approximate_words: tuple[str, ...]
    noun_stops: tuple[str, ...]  # words that end a noun read after a count (举行, 在, 和 …)
    held_verbs: tuple[str, ...]  # 在X + one of these: where the event is held (举行, 召开 …)
    scope_joiners: frozenset[str]  # what joins places in a list of scopes (、 和 及 与 以及)
    # compiled
    money: MoneyUnits  # the amount pattern and the units it reads
    key_amount: re.Pattern[str]  # key, qualifiers, amount
    key_amount_before: re.Pattern[str]  # the same ending in 的 at the end of the searched stretch
    breakdown_pattern: re.Pattern[str]
    dimension_pattern: re.Pattern[str]
    kind_only_pattern: re.Pattern[str]  # a phrase that names nothing but a kind (新开工项目, 本次开工的)
    leading_verb: re.Pattern[str]  # a verb opening a phrase, after modifiers (集中签约…)

    def category(self, verb: str) -> str:
        """The short form of a verb as written ("" when it names several kinds)."""
        return self.verbs.get(verb, "")

    def kinds(self, verb: str) -> frozenset[str]:
        """The kinds a verb names (开工 -> {开工}; 开复工 -> {开工, 复工})."""
        if verb in self.several:
            return self.several[verb]
        kind = self.verbs.get(verb, "")
        return frozenset({kind}) if kind else frozenset()


@lexicon.compiled
def load(lex: lexicon.Lexicon) -> Words:
    """The lists of the lexicon in use, compiled once per lexicon."""
    cats = _folded(lex.toml("categories.toml"))
    fig = _folded(lex.toml("figures.toml"))
    verbs = dict(cats["verbs"])
    keys = _longest_first(cats["investment_keys"])
    quals = _longest_first(fig["amount_qualifiers"])
    units = money()  # the lexicon in use: this function runs with it active
    amount = units.pattern.pattern
    key_amount = re.compile(
        rf"(?P<key>{alternation(keys)})(?P<qual>(?:{alternation(quals)}){{0,2}})(?P<amount>{amount})"
    )
    key_amount_before = re.compile(
        rf"(?P<key>{alternation(keys)})(?P<qual>(?:{alternation(quals + tuple(fig['band_qualifiers']))}){{0,2}})"
        rf"(?P<amount>{amount})(?P<tail>(?:{alternation(fig['amount_thresholds'])})?)的$"
    )
    openers = _longest_first(fig["breakdown_openers"])
    dim_open, dim_close = fig["dimension_openers"], fig["dimension_closers"]
    scopes = cats["scopes"]
    modifiers = alternation(fig["kind_only"])
    verb_alternation = alternation(list(verbs))
    return Words(
        verbs=verbs,
        verb_pattern=re.compile(alternation(list(verbs))),
        several={verb: frozenset(kinds) for verb, kinds in cats.get("several", {}).items()},
        weak_verbs=frozenset(cats.get("weak", [])),
        not_before={kind: _longest_first(after) for kind, after in cats.get("not_before", {}).items()},
        investment_keys=keys,
        key_blockers=_longest_first(cats["investment_key_blockers"]),
        quan_scopes=_longest_first([s for s in scopes if s.startswith("全")]),
        venue_scopes=_longest_first([s for s in scopes if s.endswith("会场")]),
        breakdown_openers=openers,
        dimension_openers=_longest_first(dim_open),
        dimension_closers=_longest_first(dim_close),
        dimension_suffixes=_longest_first(fig["dimension_suffixes"]),
        reference_tails=_longest_first(fig["reference_tails"]),
        reference_words=_longest_first(fig["reference_words"]),
        count_glue=_longest_first(fig["count_glue"]),
        phrase_openers=_longest_first(fig["phrase_openers"]),
        not_project_after=_longest_first(fig["not_project_after"]),
        group_heads=_longest_first(fig["group_heads"]),
        not_group_heads=_longest_first(fig["not_group_heads"]),
        kind_only=_longest_first(fig["kind_only"]),
        amount_qualifiers=quals,
        amount_thresholds=_longest_first(fig["amount_thresholds"]),
        band_qualifiers=_longest_first(fig["band_qualifiers"]),
        completed_keys=frozenset(fig["completed_keys"]),
        finished_categories=frozenset(fig["finished_categories"]),
        deictic_scopes=_longest_first(fig["deictic_scopes"]),
        formal_deictic=frozenset(fig["formal_deictic"]),
        anaphoric_scopes=_longest_first(fig["anaphoric_scopes"]),
        list_members=_longest_first(fig["list_members"]),
        level_chars=fig["level_chars"],
        township_chars=fig["township_chars"],
        zone_suffixes=_longest_first(fig["zone_suffixes"]),
        place_groups=_longest_first(fig["place_groups"]),
        generic_levels=_longest_first(fig["generic_levels"]),
        conjunction_chars=fig["conjunction_chars"],
        government_next=fig["government_next"],
        government_suffixes=_longest_first(fig["government_suffixes"]),
        ranking_before=_longest_first(fig["ranking_before"]),
        event_nouns=_longest_first(fig["event_nouns"]),
        bare_place_followers=_longest_first(fig["bare_place_followers"]),
        count_followers=_longest_first(fig["count_followers"]),
        topic_endings=_longest_first(fig["topic_endings"]),
        subject_follower=re.compile(
            rf"\d|[一二三四五六七八九十]{{1,3}}(?:季度|月|批)|{alternation(fig['subject_followers'])}|{verb_alternation}"
        ),
        event_reference=re.compile(  # 此次(签约)(仪式)(上) / (签约)仪式上 / 会上: the event
            rf"(?:{alternation(fig['event_batch_words'])})(?P<noun>(?:{verb_alternation})?"
            rf"(?:{alternation(fig['event_nouns'])})(?:{alternation(fig['event_locatives'])})?)?"
            rf"|(?P<at>(?:{verb_alternation})?(?:{alternation(fig['event_nouns'] + ['会'])})"
            rf"(?:{alternation(fig['event_locatives'])}))"
        ),
        clause_lead=re.compile(
            rf"(?:{alternation(fig['phrase_openers'] + fig['event_batch_words'])}){{0,3}}"
        ),
        event_batch_words=_longest_first(fig["event_batch_words"]),
        cumulative_words=_longest_first(fig["cumulative_words"]),
        aim_pattern=re.compile(alternation(fig["aim_words"])),
        event_periods=_longest_first(fig["event_periods"]),
        venue_heads=_longest_first(fig["venue_heads"]),
        lead_openers=_longest_first(fig["lead_openers"]),
        min_amount_per_project=int(fig["min_amount_per_project"]),
        max_amount_per_project=int(fig["max_amount_per_project"]),
        sum_tolerance=float(fig["sum_tolerance"]),
        approximate_tolerance=float(fig["approximate_tolerance"]),
        approximate_words=_longest_first(fig["approximate_words"]),
        noun_stops=_longest_first(fig["noun_stops"]),
        held_verbs=_longest_first(fig["held_verbs"]),
        scope_joiners=frozenset(fig["scope_joiners"]),
        key_amount=key_amount,
        money=units,
        key_amount_before=key_amount_before,
        breakdown_pattern=re.compile(alternation(openers)),
        kind_only_pattern=re.compile(
            rf"(?:{modifiers}){{0,6}}(?:{verb_alternation}){{0,3}}(?:的)?(?:{modifiers}){{0,4}}(?:项目)?"
        ),
        leading_verb=re.compile(rf"(?:{modifiers}){{0,6}}(?P<verb>{verb_alternation})"),
        dimension_pattern=re.compile(
            rf"(?:{alternation(dim_open)})[\u4e00-\u9fff]{{1,8}}?(?:{alternation(dim_close)})(?=[,:，：])"
        ),
    )
