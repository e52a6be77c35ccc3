"""jieba's accurate mode, word for word, in less time and in time linear in the text's length.

``JiebaSegmenter(tokenizer).cut(text)`` returns exactly ``list(tokenizer.cut(text, cut_all=False,
HMM=True))``, the segmentation spaCy's ``zh`` jieba segmenter uses, for a ``jieba.Tokenizer`` (by
default our own instance of jieba's dictionary, ``zhnews.segmentation.dictionary``, never the
global ``jieba.dt``). It reads jieba's own dictionary (``Tokenizer.FREQ`` and ``total``, so words
added with ``add_word`` count), its
block patterns and its HMM for unknown words (``jieba.finalseg``'s probabilities, transitions and
forced splits). Two things differ, neither in the result:

* the best route through the word graph is found in one backward pass, each candidate word's
  score computed where it is found, instead of a graph of lists first and then a ``max`` over a
  generator per character (jieba's ``get_DAG`` and ``calc``);
* the HMM's Viterbi keeps one back-pointer per state and character instead of copying every
  state's whole path at every character, which made jieba quadratic in the length of a run of
  unknown characters.

Ties are broken as jieba breaks them (the later word end; the greater state letter), and every
score is summed in jieba's order, so the floats compared are jieba's floats.
"""
from __future__ import annotations

from math import log

import jieba
from jieba import finalseg

from zhnews.segmentation.dictionary import jieba_tokenizer

_STATES = "BMES"  # jieba's HMM tags: Begin, Middle, End of a word, Single-character word
_FINAL_STATES = "ES"  # a word can end only in these
_NO_SCORE = float("-inf")
_B, _M, _E, _S = range(len(_STATES))  # the state indices; B, E and S open or close a word
_BMES_PREDECESSORS = {"B": "ES", "M": "BM", "E": "BM", "S": "ES"}  # jieba.finalseg.PrevStatus, sorted


class _Viterbi:
    """jieba.finalseg's HMM, decoded with back-pointers: the tag of each character of ``obs``."""

    def __init__(self) -> None:
        index = {state: i for i, state in enumerate(_STATES)}
        emit = finalseg.emit_P
        self.start = [finalseg.start_P[state] for state in _STATES]
        self.emit = [emit[state] for state in _STATES]
        # Per state: (its index, its emission table, its predecessors with their transition scores).
        # The predecessors are sorted by letter, so ">=" keeps the greater letter on a tie, as the
        # max over (score, letter) tuples in jieba's viterbi does.
        self.plan = [
            (index[state], emit[state],
             tuple((index[p], finalseg.trans_P[p].get(state, finalseg.MIN_FLOAT))
                   for p in sorted(finalseg.PrevStatus[state])))
            for state in _STATES
        ]
        self.final = [index[state] for state in sorted(_FINAL_STATES)]
        # jieba's model, whose predecessors (B after E or S, M and E after B or M, S after E or S)
        # ``_tags_bmes`` spells out; another model goes through the general loop
        self.unrolled = all("".join(sorted(finalseg.PrevStatus[state])) == predecessors
                            for state, predecessors in _BMES_PREDECESSORS.items())
        transition = {(p, state): finalseg.trans_P[p].get(state, finalseg.MIN_FLOAT)
                      for state in _STATES for p in _STATES}
        self.transitions = tuple(transition[p, state] for state, predecessors in _BMES_PREDECESSORS.items()
                                 for p in predecessors)  # E->B, S->B, B->M, M->M, B->E, M->E, E->S, S->S

    def tags(self, obs: str) -> list[int]:
        """The most probable state index of each character of ``obs`` (not empty)."""
        return self._tags_bmes(obs) if self.unrolled else self._tags(obs)

    def _tags_bmes(self, obs: str) -> list[int]:
        """``_tags`` for jieba's predecessors, one character at a time in local variables: the same
        sums in the same order, the same ties (the later predecessor on equal scores), and no
        lists built per character (most runs the HMM reads are two or three characters long)."""
        floor = finalseg.MIN_FLOAT
        eb_b, sb_b, bm_m, mm_m, be_e, me_e, es_s, ss_s = self.transitions
        emit_b, emit_m, emit_e, emit_s = self.emit
        first = obs[0]
        start_b, start_m, start_e, start_s = self.start
        b, m = start_b + emit_b.get(first, floor), start_m + emit_m.get(first, floor)
        e, s = start_e + emit_e.get(first, floor), start_s + emit_s.get(first, floor)
        back: list[tuple[int, int, int, int]] = []  # back[t - 1]: each state's best predecessor at t
        for char in obs[1:]:
            x = emit_b.get(char, floor)
            one, two = e + eb_b + x, s + sb_b + x
            next_b, from_b = (two, _S) if two >= one else (one, _E)
            x = emit_m.get(char, floor)
            one, two = b + bm_m + x, m + mm_m + x
            next_m, from_m = (two, _M) if two >= one else (one, _B)
            x = emit_e.get(char, floor)
            one, two = b + be_e + x, m + me_e + x
            next_e, from_e = (two, _M) if two >= one else (one, _B)
            x = emit_s.get(char, floor)
            one, two = e + es_s + x, s + ss_s + x
            next_s, from_s = (two, _S) if two >= one else (one, _E)
            b, m, e, s = next_b, next_m, next_e, next_s
            back.append((from_b, from_m, from_e, from_s))
        state = _S if s >= e else _E
        tags = [state]
        for step in reversed(back):
            state = step[state]
            tags.append(state)
        tags.reverse()
        return tags

    def _tags(self, obs: str) -> list[int]:
        """``tags`` for any model: per state, the best of its predecessors (sorted by letter)."""
        floor = finalseg.MIN_FLOAT
        scores = [start + emit.get(obs[0], floor) for start, emit in zip(self.start, self.emit, strict=True)]
        back = [bytearray() for _ in _STATES]  # back[state][t - 1]: best predecessor of state at t
        for char in obs[1:]:
            step = [0.0] * len(_STATES)
            for state, emit, predecessors in self.plan:
                emitted = emit.get(char, floor)
                best = None
                for previous, transition in predecessors:
                    score = scores[previous] + transition + emitted
                    if best is None or score >= best:
                        best, chosen = score, previous
                step[state] = best
                back[state].append(chosen)
            scores = step
        state = self.final[0]
        for candidate in self.final[1:]:
            if scores[candidate] >= scores[state]:
                state = candidate
        tags = [state]
        for t in range(len(obs) - 2, -1, -1):
            state = back[state][t]
            tags.append(state)
        tags.reverse()
        return tags




class JiebaSegmenter:
    """``cut(text)`` == ``list(tokenizer.cut(text, cut_all=False, HMM=True))`` for a jieba Tokenizer."""

    def __init__(self, tokenizer: jieba.Tokenizer | None = None) -> None:
        self.tokenizer = tokenizer or jieba_tokenizer()
        self.tokenizer.check_initialized()
        self._viterbi = _Viterbi()
        self._weights_total: int | None = None  # the total the weights below were computed for
        self._weight_of: dict[int, float] = {}

    def cut(self, text: str) -> list[str]:
        """The words of ``text`` in order, as jieba's accurate mode with its HMM gives them."""
        words: list[str] = []
        han, skip = jieba.re_han_default, jieba.re_skip_default
        for block in han.split(text):
            if not block:
                continue
            if han.match(block):
                self._cut_block(block, words)
            else:
                for part in skip.split(block):
                    if skip.match(part):
                        words.append(part)
                    else:
                        words.extend(part)
        return words

    def _cut_block(self, block: str, words: list[str]) -> None:
        """jieba's ``__cut_DAG``: the best route by dictionary, unknown runs through the HMM."""
        freq = self.tokenizer.FREQ
        ends = self._route(block, freq)
        size = len(block)
        start = 0
        run_start = 0  # single characters since here wait for the HMM
        while start < size:
            end = ends[start]
            if end - start > 1:
                if start > run_start:
                    self._cut_run(block[run_start:start], freq, words)
                words.append(block[start:end])
                run_start = end
            start = end
        if size > run_start:
            self._cut_run(block[run_start:], freq, words)

    def _route(self, block: str, freq: dict[str, int]) -> list[int]:
        """For each start position, the end of the word on the most probable route from there."""
        size = len(block)
        log_total = log(self.tokenizer.total)
        weights = self._weights(self.tokenizer.total)
        unknown = log(1) - log_total  # a character outside the dictionary (or only a prefix in it)
        ends = [0] * size
        scores = [0.0] * (size + 1)
        get = freq.get
        for start in range(size - 1, -1, -1):
            best, end = _NO_SCORE, 0
            stop = start + 1
            count = get(block[start])  # jieba's FREQ holds every prefix of every word (as 0)
            while count is not None:
                if count:
                    weight = weights.get(count)
                    if weight is None:
                        weight = weights[count] = log(count) - log_total
                    score = weight + scores[stop]
                    if score >= best:  # on a tie the longer word, as jieba's max over (score, end)
                        best, end = score, stop
                if stop == size:
                    break
                stop += 1
                count = get(block[start:stop])
            if not end:
                best, end = unknown + scores[start + 1], start + 1
            scores[start] = best
            ends[start] = end
        return ends

    def _weights(self, total: int) -> dict[int, float]:
        """A word's log probability (``log(count) - log(total)``, jieba's float) by its count, kept
        while the dictionary's total stays (``add_word`` changes it): words share a few thousand counts."""
        if total != self._weights_total:
            self._weights_total, self._weight_of = total, {}
        return self._weight_of

    def _cut_run(self, run: str, freq: dict[str, int], words: list[str]) -> None:
        """A run of single-character steps: one character, a dictionary word split into characters,
        or the HMM's words (jieba.finalseg.cut)."""
        if len(run) == 1:
            words.append(run)
        elif freq.get(run):
            words.extend(run)
        else:
            self._hmm_cut(run, words)

    def _hmm_cut(self, run: str, words: list[str]) -> None:
        """jieba.finalseg.cut: Chinese stretches through the Viterbi, the rest by its skip pattern."""
        han, skip = finalseg.re_han, finalseg.re_skip
        forced_splits = finalseg.Force_Split_Words
        # a run of Chinese characters alone (most are) is one block: the split would add only empty parts
        for block in (run,) if han.fullmatch(run) else han.split(run):
            if han.match(block):
                for word in self._hmm_words(block):
                    if word in forced_splits:
                        words.extend(word)
                    else:
                        words.append(word)
            else:
                words.extend(part for part in skip.split(block) if part)

    def _hmm_words(self, block: str) -> list[str]:
        """The words the HMM's tags mark out in ``block`` (finalseg's ``__cut``)."""
        found: list[str] = []
        begin = after = 0
        for i, tag in enumerate(self._viterbi.tags(block)):
            if tag == _B:
                begin = i
            elif tag == _E:
                found.append(block[begin : i + 1])
                after = i + 1
            elif tag == _S:
                found.append(block[i])
                after = i + 1
        if after < len(block):
            found.append(block[after:])
        return found
