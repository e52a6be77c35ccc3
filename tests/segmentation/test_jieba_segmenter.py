"""JiebaSegmenter gives exactly jieba's accurate-mode words (jieba.cut, cut_all=False, HMM=True)."""
from __future__ import annotations

import time

import jieba
import pytest
from conftest import CORPUS, REFERENCE, examples, property_settings
from hypothesis import given
from hypothesis import strategies as st
from jieba import finalseg

from zhnews.segmentation.jieba_segmenter import JiebaSegmenter


def jieba_words(text: str, tokenizer: jieba.Tokenizer | None = None) -> list[str]:
    return list((tokenizer or jieba.dt).cut(text, cut_all=False, HMM=True))


@pytest.fixture(scope="module")
def segmenter() -> JiebaSegmenter:
    return JiebaSegmenter()


@pytest.fixture(scope="module")
def alphabet() -> list[str]:
    """Characters of the genre and around it: the corpus's own, characters jieba's dictionary lacks
    (its HMM's input), the characters of its block and skip patterns, spaces and line ends."""
    corpus = sorted({c for path in CORPUS.rglob("*.txt") for c in path.read_text(encoding="utf-8")})
    unknown = [chr(code) for code in range(0x4E00, 0x9FD6) if chr(code) not in jieba.dt.FREQ][:80]
    return corpus + unknown + list("+#&._%-aZ09 \t\r\n\u3000\u9fd6") + ["\r\n"]


def test_the_corpus_is_segmented_word_for_word_as_jieba_does(segmenter):
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.rglob("*.txt"))]
    assert len(texts) > 10
    for text in texts:
        words = segmenter.cut(text)
        assert words == jieba_words(text)
        assert all(words) and "".join(words) == text


EDGE_CASES = [
    "",
    " ",
    "\r\n\r\n",
    "。",
    "省委书记楼阳生出席并讲话，省长王凯作工作部署。",
    "签约项目340个、总投资2844亿元，增长12.5%；C919、5G+工业互联网、A-1地块",
    "乌兹别克斯坦撒马尔罕州代表团。艾尔肯·吐尼亚孜",
    "abc def\tghi 3.14 100% a_b#c&d",
    "２０２３年１月２８日（記者 張樂克）總投資",
    "的" * 50,
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_as_jieba(segmenter, text):
    assert segmenter.cut(text) == jieba_words(text)


def assert_cut_as_jieba(segmenter: JiebaSegmenter, texts: st.SearchStrategy[str], count: int) -> None:
    """Every text Hypothesis draws from ``texts`` is cut as jieba cuts it."""

    @property_settings(count)
    @given(texts)
    def run(text):
        assert segmenter.cut(text) == jieba_words(text)

    run()


def test_arbitrary_text_of_the_genre_as_jieba(segmenter, alphabet, request):
    texts = st.lists(st.sampled_from(alphabet), max_size=120).map("".join)
    assert_cut_as_jieba(segmenter, texts, examples(request.config, 300))


def test_runs_of_dictionary_words_as_jieba(segmenter, request):
    """Words glued to words: where the route's choices, its ties among them, happen."""
    words = sorted(word for word, count in jieba.dt.FREQ.items() if count and len(word) > 1)[::97]
    texts = st.lists(st.sampled_from(words), max_size=30).map("".join)
    assert_cut_as_jieba(segmenter, texts, examples(request.config, 200))


def test_words_added_to_jiebas_dictionary_count():
    private = jieba.Tokenizer()
    private.initialize()
    text = "省长王凯作工作部署，楼阳生强调。"
    private.add_word("王凯作工", 10**9)
    segmenter = JiebaSegmenter(private)
    assert "王凯作工" in segmenter.cut(text)
    assert segmenter.cut(text) == jieba_words(text, private)


def test_words_jieba_must_split_are_split(segmenter, monkeypatch):
    text = "省长王凯作工作部署，李铮报道"  # names outside the dictionary: the HMM finds them
    hmm_word = next(word for word in jieba_words(text) if len(word) > 1 and not jieba.dt.FREQ.get(word))
    monkeypatch.setattr(finalseg, "Force_Split_Words", {hmm_word})
    assert segmenter.cut(text) == jieba_words(text)
    assert hmm_word not in segmenter.cut(text)


def test_a_long_run_of_unknown_characters_costs_linear_time(segmenter):
    """jieba's Viterbi copies every path at every character (quadratic); the back-pointers do not."""
    unknown = [chr(code) for code in range(0x4E00, 0x9FD6) if chr(code) not in jieba.dt.FREQ]

    def seconds(n: int) -> float:
        text = "".join(unknown[i % len(unknown)] for i in range(n))
        started = time.perf_counter()
        assert "".join(segmenter.cut(text)) == text
        return time.perf_counter() - started

    seconds(1000)
    large = min(seconds(16000) for _ in range(3))  # the fastest of repeated runs: load spikes drop out
    assert large < 40 * max(min(seconds(2000) for _ in range(3)), 1e-3)  # 8x the text: linear ~8x


def test_a_long_article_as_jieba(segmenter):
    text = REFERENCE.read_text(encoding="utf-8") * 20
    assert segmenter.cut(text) == jieba_words(text)
