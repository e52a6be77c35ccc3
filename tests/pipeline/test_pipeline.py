"""The spaCy side: segmenters, components on doc.spans, configuration through spaCy's config."""
from __future__ import annotations

import pytest
import spacy_pkuseg
from conftest import REFERENCE

from zhnews import Extractor
from zhnews.pipeline import PipelineError, build_nlp, pipe_names

SENTENCE = "省委书记楼阳生出席并讲话，省长王凯作工作部署。"


def test_jieba_is_the_default_segmenter_and_every_layer_is_a_pipe(extractor):
    assert extractor.nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "zhnews.tokenizer.v1"
    assert tuple(extractor.nlp.pipe_names) == pipe_names()


def test_the_jieba_tokenizer_segments_as_spacys_own(extractor):
    import spacy

    stock = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    text = REFERENCE.read_text(encoding="utf-8") + "\n  两个空格 和\t制表符。"
    ours = extractor.nlp.tokenizer.segment(text)
    assert ours.text == text
    assert [t.text for t in ours if not t.is_space] == [t.text for t in stock(text) if not t.is_space]


def test_leader_spans_split_a_token_jieba_merged(extractor):
    nlp = extractor.nlp
    plain = nlp.make_doc(SENTENCE)
    assert "王凯作" in [t.text for t in plain]  # jieba glues the name to 作
    doc = nlp(SENTENCE)
    assert [s.text for s in doc.spans["zhnews_leaders"]] == ["楼阳生", "王凯"]
    assert [s.text for s in doc.spans["zhnews_titles"]] == ["省委书记", "省长"]
    assert "王凯" in [t.text for t in doc]
    assert [leader.name for leader in doc._.zhnews_leaders] == ["楼阳生", "王凯"]


def test_span_groups_survive_later_token_splits(extractor):
    doc = extractor.nlp(REFERENCE.read_text(encoding="utf-8"))
    for key in ("zhnews_reporters", "zhnews_date", "zhnews_leaders", "zhnews_directives", "zhnews_project_stats"):
        assert len(doc.spans[key]) > 0, key
        assert all(span is not None and span.text.strip() for span in doc.spans[key])
    labels = {span.label_ for span in doc.spans["zhnews_project_stats"]}
    assert {"COUNT", "CATEGORY", "SCOPE", "AMOUNT"} <= labels


def test_component_settings_come_through_spacy_config():
    nlp = build_nlp(config={"zhnews_leaders": {"max_list_items": 2}})
    assert nlp.get_pipe_config("zhnews_leaders")["max_list_items"] == 2
    doc = nlp("市领导王东伟、蔡松涛、黄钫、杨进参加活动。")
    assert doc._.zhnews_leaders == []  # a list longer than the configured bound is not read


def test_pkuseg_needs_a_local_model_directory(tmp_path):
    with pytest.raises(PipelineError, match="pkuseg-model"):
        build_nlp("pkuseg")
    with pytest.raises(PipelineError, match="not found"):
        build_nlp("pkuseg", pkuseg_model=tmp_path / "missing")


def test_pkuseg_segmenter_with_a_model_trained_here(tmp_path):
    lines = ["省委 书记 楼阳生 出席 并 讲话", "省长 王凯 作 工作 部署", "全省 集中 签约 项目 340 个"] * 5
    train = tmp_path / "train.txt"
    train.write_text("\n".join(lines) + "\n", encoding="utf-8")
    model = tmp_path / "model"
    spacy_pkuseg.train(str(train), str(train), str(model), train_iter=2)
    extractor = Extractor("pkuseg", pkuseg_model=model)
    assert extractor.nlp.config["nlp"]["tokenizer"]["segmenter"] == "pkuseg"
    record = extractor.extract(SENTENCE).model_dump(mode="json")
    assert [(x["name"], x["titles"]) for x in record["leaders"]] == [("楼阳生", ["省委书记"]), ("王凯", ["省长"])]


def test_pipe_streams_records_in_order(extractor):
    texts = [("12月18日，全市项目签约。", {"doc_id": "a"}), "市长陈平主持。", ("", {"doc_id": "c"})]
    records = list(extractor.pipe(texts))
    assert [r.doc_id for r in records] == ["a", None, "c"]
    assert records[0].event_date.day == 18
    assert records[1].leaders[0].name == "陈平"
    assert "empty document" in records[2].warnings[0]


def test_many_token_splits_rebuild_the_doc_once_and_keep_every_group(extractor):
    text = "据统计，全省签约项目340个。省长王凯作工作部署。" + "王凯作报告，" * 40 + "。"
    doc = extractor.nlp(text)
    leaders = doc.spans["zhnews_leaders"]
    assert len(leaders) == 41 and {s.text for s in leaders} == {"王凯"}
    assert [s.text for s in doc.spans["zhnews_titles"]] == ["省长"]
    assert {s.label_ for s in doc.spans["zhnews_project_stats"]} >= {"COUNT", "SCOPE", "CATEGORY"}
    assert doc._.zhnews_leaders[0].name == "王凯"


def test_a_long_block_without_breaks_is_tokenized_in_linear_time(extractor):
    import time

    def seconds(n: int) -> float:
        started = time.perf_counter()
        doc = extractor.nlp.tokenizer.segment("一要" * n)
        assert doc.text == "一要" * n
        return time.perf_counter() - started

    seconds(500)
    large = min(seconds(16000) for _ in range(3))  # the fastest of repeated runs: load spikes drop out
    assert large < 40 * max(min(seconds(2000) for _ in range(3)), 1e-3)  # 8x the text: linear ~8x, jieba's own HMM ~64x


def test_results_live_under_the_zhnews_key_and_doc_underscore_views_them(extractor):
    """Every layer's results are in ``doc.user_data["zhnews"]`` by field; its extension attribute reads and
    writes the same value, and the fast accessors take either name."""
    from zhnews.pipeline.base import get_ext, layers, results, set_ext

    doc = extractor.nlp("省委书记楼阳生出席。")
    for layer in layers(default_only=True):
        assert get_ext(doc, layer.name) is getattr(doc._, layer.name) is results(doc).get(layer.field)
        set_ext(doc, layer.field, [layer.field])
        assert getattr(doc._, layer.name) == [layer.field]
        setattr(doc._, layer.name, (layer.name, 2))
        assert get_ext(doc, layer.name) == (layer.name, 2) == doc.user_data["zhnews"][layer.field]


def test_layers_run_over_batches_with_the_same_results_as_doc_by_doc(extractor):
    """``pipe`` batches each layer over many docs; the records equal those of one doc at a time."""
    from conftest import CORPUS

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    one_by_one = [extractor.extract(text).model_dump() for text in texts]
    assert [r.model_dump() for r in extractor.pipe(texts)] == one_by_one
    small_batches = Extractor(batch_size=3)
    assert [r.model_dump() for r in small_batches.pipe(texts)] == one_by_one


def test_token_offsets_from_the_tokenizer_are_recomputed_after_another_retokenizer(extractor):
    """Token starts remembered by the tokenizer are not trusted once someone else changed the tokens."""
    from zhnews.pipeline.spans import _token_starts, set_span_group

    doc = extractor.nlp.make_doc(SENTENCE)
    assert _token_starts(doc) == [t.idx for t in doc]
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:3])  # a component of the user's merges tokens after tokenization
    assert _token_starts(doc) == [t.idx for t in doc]
    doc = set_span_group(doc, "test", [(4, 7, "LEADER")])
    assert doc.spans["test"][0].text == SENTENCE[4:7]


def test_a_rebuilt_doc_equals_a_retokenized_one_and_keeps_doc_state(extractor):
    """Many cuts rebuild the doc from its tokens' hashes: same tokens as spaCy's retokenizer, and the
    doc-level state (cats, hooks, pipe context, user data) carried over."""
    from zhnews.pipeline.spans import _rebuilt, _straddling

    text = "省长王凯作工作部署。" + "王凯作报告，" * 20 + "两个 空格。"
    doc = extractor.nlp.tokenizer.segment(text)
    offsets = [m + 2 for m in range(len(text)) if text.startswith("王凯作", m)]
    cuts = _straddling(doc, offsets)
    assert len(cuts) == 21
    doc.cats = {"news": 1.0}
    doc.user_hooks = {"has_vector": lambda d: False}
    doc._context = {"doc_id": "a1"}
    rebuilt = _rebuilt(doc, cuts)
    reference = extractor.nlp.tokenizer.segment(text)
    with reference.retokenize() as retokenizer:
        for i, points in cuts.items():
            token = reference[i]
            pieces = [token.text[: min(points)], token.text[min(points) :]]
            retokenizer.split(token, pieces, heads=[(token, 0), (token, 1)])
    assert [(t.text, t.idx, t.whitespace_, t.orth) for t in rebuilt] == [
        (t.text, t.idx, t.whitespace_, t.orth) for t in reference
    ]
    assert rebuilt.text == text
    assert rebuilt.cats == {"news": 1.0} and rebuilt._context == {"doc_id": "a1"}
    assert "has_vector" in rebuilt.user_hooks and rebuilt.user_data is doc.user_data
