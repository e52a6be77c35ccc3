"""Who introduces a numbered list, and whether it is a speech at all.

The last cue before a list decides: a speech verb (强调, 提出…要求, 在讲话中说, 部署)
makes it a speech and its subject the speaker; a count of facts (呈现三个特点,
分为三类) or the reporter's own account (记者梳理发现, 据了解) makes it narration.
A speech verb's subject is the person nearest before it in its clause, else
the first person of its sentence; a person is a leader the leaders layer found
or a name at a clause start or right after a title (市委书记张三, 张三书记, untitled
张三); a pronoun (他提出三点要求) stands for the first person of an earlier
sentence. The cue words are data (``data/speech.toml``). Every search is
bounded by a window of the text before the list.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from zhnews import lexicon
from zhnews.pipeline.hits import Hit
from zhnews.pipeline.names import NameFinder
from zhnews.text.scan import SentenceIndex

_CLAUSE_MARKS = frozenset("，,；;：:、")
_SUBJECT_OPENERS = frozenset("，,；;：:、。!?！？\n“\"(（")
_MAX_PRONOUN_SENTENCES = 12  # how many sentences back a pronoun's person is looked for
_MAX_SENTENCE = 400  # the longest stretch before a verb searched for its subject


@dataclass(frozen=True)
class Cue:
    """The last cue before a list: ``kind`` is "speech", "fact" or "narration"."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class _Words:
    cue: re.Pattern[str]
    speech: re.Pattern[str]  # a speech verb
    verb_suffix: re.Pattern[str]  # a speech verb ending a word
    modal: re.Pattern[str]
    collective: tuple[str, ...]
    pronouns: frozenset[str]


@lexicon.compiled
def words(lex: lexicon.Lexicon) -> _Words:
    """The word lists of ``data/speech.toml``, compiled once per lexicon."""
    data = lex.toml("speech.toml")

    def alternation(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(data[key], key=len, reverse=True))

    digits = "一二三四五六七八九十两几多"
    count = rf"(?:[{digits}\d]{{1,3}}|以下|如下|下列)(?:个|大|项|种)?"
    # every cue's first character, looked ahead for: the named groups hide the alternation's first
    # characters from the engine, which would otherwise try every kind of cue at every position
    firsts = {w[0] for key in ("narration_words", "speech_verbs") for w in data[key]} | set(digits + "以如下")
    return _Words(
        cue=re.compile(
            f"(?=[{re.escape(''.join(sorted(firsts)))}\\d])"
            f"(?:(?P<fact>{count}(?:{alternation('fact_nouns')}))"
            f"|(?P<narration>{alternation('narration_words')})"
            f"|(?P<speech>{alternation('speech_verbs')}))"
        ),
        speech=re.compile(alternation("speech_verbs")),
        verb_suffix=re.compile(f"(?:{alternation('speech_verbs')})$"),
        modal=re.compile(alternation("modal_words")),
        collective=tuple(data["collective_subjects"]),
        pronouns=frozenset(data["pronouns"]),
    )


class Speakers:
    """Cues and speakers in one document (``mentions``: the leaders layer's mentions, sorted)."""

    def __init__(self, text: str, index: SentenceIndex, mentions: list[Hit], words_end: frozenset[int]) -> None:
        self.text = text
        self.index = index
        self.words_end = words_end  # where the segmenter's words start or end
        self.mentions = mentions
        self.mention_starts = [m.start for m in mentions]
        self.words = words()
        self.lex = lexicon.load()
        self._names: NameFinder | None = None

    @property
    def names(self) -> NameFinder:
        if self._names is None:
            self._names = NameFinder(self.text)
        return self._names

    def _introducer(self, start: int) -> tuple[int, int, bool]:
        """(start of the sentence before the list's, start of the list's own sentence, whether
        the sentence before ends in a colon and so introduces the list directly)."""
        own = self.index.sentence(start)[0]
        if self.text[own:start].strip():
            return own, own, self.text[own:start].rstrip()[-1:] in (":", "：")
        before = own - 1
        while before > 0 and self.text[before].isspace():
            before -= 1
        if before < 0:
            return own, own, False
        return self.index.sentence(before)[0], own, self.text[before] in ":："

    def last_cue(self, start: int, floor: int, max_paragraphs: int) -> Cue | None:
        """The cue that introduces the list at ``start``.

        The last speech verb before it (in its paragraph, else up to ``max_paragraphs`` back,
        not before ``floor``) unless the reporter introduces the list first: a count of facts
        from the sentence before on (项目分为三类。一是…), the reporter's own words in the
        list's sentence or in one ending in a colon right before it (记者梳理发现，…：一是) but
        not in a closed transition sentence (据悉，…。一要…), or a sentence ending in a colon
        with neither a speech verb nor a modal (全市重点抓了三方面工作：一是…).
        """
        previous, own, colon = self._introducer(start)
        narration_floor = previous if colon else own
        intro_start = previous if colon and previous < own else own
        para_start, end = self.index.paragraph(start)[0], start
        seen = 0
        while True:
            lo = max(floor, para_start)
            for cue in reversed(list(self.words.cue.finditer(self.text, lo, end))):
                kind = cue.lastgroup or "speech"
                if kind == "speech" and colon and cue.start() < intro_start and not self._modal(intro_start, start):
                    return Cue("narration", intro_start, start)
                if (kind == "speech" or kind == "fact" and cue.start() >= previous
                        or kind == "narration" and cue.start() >= narration_floor):
                    return Cue(kind, cue.start(), cue.end())
            if self.text[lo:end].strip():
                seen += 1
            if lo <= floor or lo == 0 or seen > max_paragraphs:
                return None
            end = lo - 1  # the newline closing the paragraph before
            para_start = self.index.paragraph(end)[0]

    def _modal(self, start: int, end: int) -> bool:
        """True when [start, end) says what must be done (要, 必须, 务必 …)."""
        return self.words.modal.search(self.text, start, end) is not None

    def _persons(self, start: int, end: int) -> list[Hit]:
        """People named in [start, end): leaders' mentions, and names or pronouns opening a clause or after a title."""
        text = self.text
        found = {m.start: self._trimmed(m) for m in self.mentions[bisect.bisect_left(self.mention_starts, start):
                                                                 bisect.bisect_left(self.mention_starts, end)]
                 if m.end <= end}
        openers = {p: False for p in range(start, end) if p == start or text[p - 1] in _SUBJECT_OPENERS}
        openers.update((m.end(), True) for m in self.lex.title_pattern.finditer(text, start, end))
        for pos, after_title in openers.items():
            if pos in found or pos >= end:
                continue
            if text[pos] in self.words.pronouns:
                found[pos] = Hit(text[pos], pos, pos + 1)
                continue
            name = self._name_at(pos, end, after_title)
            if name is not None:
                found[pos] = name
        return [found[k] for k in sorted(found)]

    def _trimmed(self, mention: Hit) -> Hit:
        """A mention without a speech verb glued to its end (钱伟说 -> 钱伟)."""
        verb = self.words.verb_suffix.search(mention.text)
        if verb is None or not self.names.looks_like_name(mention.start, mention.end - len(verb.group())):
            return mention
        end = mention.end - len(verb.group())
        return Hit(self.text[mention.start : end], mention.start, end)

    def _name_at(self, pos: int, end: int, after_title: bool) -> Hit | None:
        """A person's name starting at ``pos`` and ending by ``end`` (not a common word such as 文件).

        Right after a title (副县长彭清洪回顾了…) a name may end at a verb NameFinder does not
        know; there the segmenter's word boundary decides between two and three characters.
        """
        if not self.names.may_start_name(pos):
            return None
        span = self.names.name_at(pos, end)
        if span is None and after_title:
            surname = self.lex.is_surname_at(self.text, pos)
            ends = [pos + surname + n for n in (2, 1) if surname and pos + surname + n <= end]
            span = next(((pos, e) for e in ends if e in self.words_end), None)
        if span is None or not self.names.looks_like_name(*span):
            return None
        word = self.text[span[0] : span[1]]
        if self.names.tags.get(word, "nr") != "nr":
            return None
        return Hit(word, *span)

    def is_collective(self, verb: int, floor: int) -> bool:
        """True when the speech verb at ``verb`` has a body, not a person, as its subject (会议要求)."""
        return self.text.startswith(self.words.collective, self._clause_start(verb, self._sentence_start(verb, floor)))

    def _sentence_start(self, pos: int, floor: int) -> int:
        return max(self.index.sentence(pos)[0], floor, pos - _MAX_SENTENCE)

    def _clause_start(self, pos: int, sentence_start: int) -> int:
        for i in range(pos - 1, sentence_start - 1, -1):
            if self.text[i] in _CLAUSE_MARKS:
                return i + 1
        return sentence_start

    def speaker(self, verb: int, floor: int, previous: Hit | None = None) -> Hit | None:
        """The person who is the subject of the speech verb at ``verb``, or None when none is named
        (``previous``: the speaker of the list before, for a pronoun that reaches back to it)."""
        sentence_start = self._sentence_start(verb, floor)
        subject = self._subject(verb, sentence_start, self._persons(sentence_start, verb))
        if subject is not None and subject.text in self.words.pronouns:
            return self._antecedent(subject.start, floor, previous)
        return subject

    def _subject(self, verb: int, sentence_start: int, people: list[Hit]) -> Hit | None:
        """Among ``people`` of the sentence, the subject of the verb at ``verb``: the nearest before
        it in its clause, else the first of the sentence."""
        clause_start = self._clause_start(verb, sentence_start)
        before = [p for p in people if p.end <= verb]
        in_clause = [p for p in before if p.start >= clause_start]
        return in_clause[-1] if in_clause else (before[0] if before else None)

    def _antecedent(self, pos: int, floor: int, previous: Hit | None) -> Hit | None:
        """The person a pronoun at ``pos`` stands for.

        Going back sentence by sentence: the person who is the subject of the nearest speech
        verb (张三指出…。他希望…。他提出五点要求), else the first person of the nearest sentence
        naming one; at ``floor`` (the end of the list before) that list's speaker.
        """
        end = self.index.sentence(pos)[0]
        fallback: Hit | None = None
        for _ in range(_MAX_PRONOUN_SENTENCES):
            if end <= floor:
                return fallback or previous
            start = max(self.index.sentence(end - 1)[0], floor, end - _MAX_SENTENCE)
            people = self._persons(start, end)
            for verb in reversed(list(self.words.speech.finditer(self.text, start, end))):
                subject = self._subject(verb.start(), start, people)
                if subject is not None and subject.text not in self.words.pronouns:
                    return subject
            named = [p for p in people if p.text not in self.words.pronouns]
            if fallback is None and named:
                fallback = named[0]
            end = start
        return fallback
