"""The pipeline's own jieba tokenizer: long blocks cut, Docs built from cached word hashes."""
from __future__ import annotations

import re

from conftest import REFERENCE
from spacy.tokens import Doc

from extractor import tokenizer
from extractor.tokenizer import MAX_BLOCK, JiebaTokenizer, _pieces

# The definition the lookbehind pattern must agree with: every run of jieba's block characters.
_BLOCK_RUN = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+")


def expected_pieces(text: str) -> list[str]:
    """Every block longer than MAX_BLOCK cut into MAX_BLOCK-character pieces, the rest as it is."""
    pieces, cursor = [], 0
    for run in _BLOCK_RUN.finditer(text):
        if run.end() - run.start() > MAX_BLOCK:
            pieces.append(text[cursor : run.start()])
            pieces.extend(text[i : min(i + MAX_BLOCK, run.end())] for i in range(run.start(), run.end(), MAX_BLOCK))
            cursor = run.end()
    pieces.append(text[cursor:])
    return pieces


def test_only_blocks_longer_than_the_limit_are_cut():
    cases = [
        "",
        "短句。",
        "中" * MAX_BLOCK,
        "中" * (MAX_BLOCK + 1),
        "x" * 5 + "。" + "中" * 900 + "，" + "a" * 401 + " " + "b" * 400,
        ("签约项目" * 120 + "，") * 3,
        "a" * 2000 + "中" * 10,
        REFERENCE.read_text(encoding="utf-8"),
    ]
    for text in cases:
        assert list(_pieces(text)) == expected_pieces(text), text[:20]
        assert "".join(_pieces(text)) == text


def test_a_doc_built_from_cached_hashes_equals_one_built_from_the_words(extractor):
    jieba_tokenizer = extractor.nlp.tokenizer
    text = REFERENCE.read_text(encoding="utf-8")
    words = [t.text for t in jieba_tokenizer(text)]
    plain = Doc(extractor.nlp.vocab, words=words, spaces=[False] * len(words))
    for _ in range(2):  # cold cache, then warm
        doc = jieba_tokenizer(text)
        assert [(t.text, t.orth, t.idx) for t in doc] == [(t.text, t.orth, t.idx) for t in plain]
        assert doc.text == text


def test_the_word_cache_starts_afresh_when_full(monkeypatch):
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhnews.jieba_tokenizer.v1"}}})
    segment: JiebaTokenizer = nlp.tokenizer
    monkeypatch.setattr(tokenizer, "MAX_CACHED_WORDS", 3)
    doc = segment("省委书记楼阳生出席并讲话，省长王凯作工作部署。")
    assert len(segment._orths) <= len(doc)
    doc = segment("全省集中签约项目340个，总投资2844亿元。")
    assert len(segment._orths) <= len(doc)  # cleared before this doc, filled by it alone
    assert doc.text == "全省集中签约项目340个，总投资2844亿元。"


def test_words_first_seen_inside_a_memory_zone_are_not_cached(extractor):
    """spaCy drops the strings added inside ``memory_zone`` when it closes; a cached hash of one of
    them would make every later Doc with that word fail."""
    nlp = extractor.nlp
    text = "乌兹别克斯坦撒马尔罕州代表团出席签约仪式。"
    with nlp.memory_zone():
        inside = nlp.make_doc(text)
        assert inside.text == text
    after = nlp.make_doc(text)
    assert after.text == text and [t.text for t in after] == [t.text for t in nlp.make_doc(text)]
