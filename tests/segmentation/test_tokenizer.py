"""The zhnews tokenizer: the article prepared, then jieba's words, Docs built from cached word hashes."""
from __future__ import annotations

import jieba
from conftest import REFERENCE
from spacy.tokens import Doc

from zhnews.pipeline.base import results
from zhnews.segmentation import tokenizer
from zhnews.segmentation.tokenizer import SegmenterError, ZhnewsTokenizer, make_segmenter


def test_tokens_are_jiebas_words_on_long_blocks_too(extractor):
    """Blocks with no break, far longer than any sentence, are segmented as jieba segments them."""
    cases = [
        "中" * 900,
        "x" * 5 + "。" + "签约项目" * 300 + "，" + "a" * 401 + " " + "b" * 400,
        "a" * 2000 + "中" * 10,
        REFERENCE.read_text(encoding="utf-8").replace("，", "").replace("。", ""),
    ]
    for text in cases:
        doc = extractor.nlp.tokenizer.segment(text)
        assert [t.text for t in doc] == list(jieba.cut(text, cut_all=False)), text[:20]
        assert doc.text == text


def test_a_doc_built_from_cached_hashes_equals_one_built_from_the_words(extractor):
    segment = extractor.nlp.tokenizer.segment
    text = REFERENCE.read_text(encoding="utf-8")
    words = [t.text for t in segment(text)]
    plain = Doc(extractor.nlp.vocab, words=words, spaces=[False] * len(words))
    for _ in range(2):  # cold cache, then warm
        doc = segment(text)
        assert [(t.text, t.orth, t.idx) for t in doc] == [(t.text, t.orth, t.idx) for t in plain]
        assert doc.text == text


def test_the_word_cache_starts_afresh_when_full(monkeypatch):
    import spacy

    import zhnews.segmentation.tokenizer  # noqa: F401  (registers zhnews.tokenizer.v1)

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhnews.tokenizer.v1"}}})
    segment: ZhnewsTokenizer = nlp.tokenizer
    monkeypatch.setattr(tokenizer, "MAX_CACHED_WORDS", 3)
    doc = segment.segment("省委书记楼阳生出席并讲话，省长王凯作工作部署。")
    assert len(segment._orths) <= len(doc)
    doc = segment.segment("全省集中签约项目340个，总投资2844亿元。")
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


def test_the_tokenizer_prepares_the_article_before_segmenting_it(extractor):
    """The header is read and the body normalised (typesetting spaces, full-width, traditional characters for
    matching); the Doc's text is the prepared text, and the original travels with it."""
    text = "source: 某某日报\npublished: 2023-02-01\n---\n記者 李 铮　報道：全省開工項目１２個。"
    doc = extractor.nlp.make_doc(text)
    prepared = results(doc)["prepared"]
    assert doc.text == prepared.text and not doc.text.startswith("source")
    assert doc.text == "记者李铮报道:全省开工项目12个。"  # spaces between characters folded, full width to ASCII
    assert prepared.normalized.gaps == {doc.text.index(c) for c in "李铮报"}  # where white space was removed
    assert prepared.original == text and prepared.header["source"] == "某某日报"
    assert str(prepared.published) == "2023-02-01" and prepared.published_source == "header"
    start = doc.text.index("李铮")
    assert prepared.normalized.original_value(start, start + 2) == ("李铮", (text.index("李"), text.index("铮") + 1))


def test_segmenters_by_name_and_a_clear_error_for_a_wrong_one(tmp_path):
    assert make_segmenter("char").cut("开工项目") == ["开", "工", "项", "目"]
    assert make_segmenter("jieba").cut("开工项目") == list(jieba.cut("开工项目"))
    for name, settings, message in [("nltk", {}, "unknown segmenter"), ("pkuseg", {}, "model directory"),
                                    ("pkuseg", {"pkuseg_model": str(tmp_path / "none")}, "not found")]:
        try:
            make_segmenter(name, **settings)
        except SegmenterError as exc:
            assert message in str(exc)
        else:
            raise AssertionError(f"{name} {settings} should fail")


def test_a_user_dictionary_changes_the_words_without_touching_jiebas_global_state(tmp_path):
    user = tmp_path / "user.txt"
    user.write_text("撒马尔罕州代表团 10 nt\n", encoding="utf-8")
    text = "撒马尔罕州代表团出席签约仪式。"
    assert "撒马尔罕州代表团" in make_segmenter("jieba", user_dictionary=str(user)).cut(text)
    assert "撒马尔罕州代表团" not in make_segmenter("jieba").cut(text)
    assert "撒马尔罕州代表团" not in jieba.lcut(text)  # jieba's own dictionary is as it was
