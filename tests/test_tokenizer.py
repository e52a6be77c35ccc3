"""The pipeline's own jieba tokenizer: jieba's words, Docs built from cached word hashes."""
from __future__ import annotations

import jieba
from conftest import REFERENCE
from spacy.tokens import Doc

from zhnews.segmentation import tokenizer
from zhnews.segmentation.tokenizer import JiebaTokenizer


def test_tokens_are_jiebas_words_on_long_blocks_too(extractor):
    """Blocks with no break, far longer than any sentence, are segmented as jieba segments them."""
    cases = [
        "中" * 900,
        "x" * 5 + "。" + "签约项目" * 300 + "，" + "a" * 401 + " " + "b" * 400,
        "a" * 2000 + "中" * 10,
        REFERENCE.read_text(encoding="utf-8").replace("，", "").replace("。", ""),
    ]
    for text in cases:
        doc = extractor.nlp.make_doc(text)
        assert [t.text for t in doc] == list(jieba.cut(text, cut_all=False)), text[:20]
        assert doc.text == text


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
