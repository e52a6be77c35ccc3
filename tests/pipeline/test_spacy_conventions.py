"""The layers are spaCy components by spaCy's own conventions: the first component prepares the text, results
serialise with the Doc, lexicons come through ``initialize`` and are saved with the pipeline, and every
component scores itself."""
from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest
import spacy
from conftest import CORPUS, REFERENCE
from spacy.tokens import Doc, DocBin

from zhnews.evaluate import examples
from zhnews.pipeline import build_nlp, pipe_names
from zhnews.pipeline.base import layers
from zhnews.pipeline.factories import factory_function_name
from zhnews.record.build import build_record

TEXTS = [REFERENCE, *sorted((CORPUS / "dev").glob("*.txt"))[:8], CORPUS / "dev" / "023.txt"]  # 023: traditional


def record_json(doc: Doc, doc_id: str | None = None) -> str:
    return build_record(doc, doc_id=doc_id).model_dump_json()


def test_nlp_of_a_text_gives_the_record_extract_gives(extractor):
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        assert record_json(extractor.nlp(text), path.stem) == extractor.extract(text, doc_id=path.stem).model_dump_json()


def test_a_users_own_blank_pipeline_with_the_factories_gives_the_same_record(extractor):
    """spacy.blank("zh") (spaCy's character segmenter) and the zhnews factories by name: zhnews_prepare reads the
    header and normalises (traditional characters included) before the layers run."""
    nlp = spacy.blank("zh")
    for name in pipe_names():
        nlp.add_pipe(name)
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        theirs = build_record(nlp(text), doc_id=path.stem).model_dump()
        ours = extractor.extract(text, doc_id=path.stem).model_dump()
        assert theirs == ours, path.name
    traditional = (CORPUS / "dev" / "023.txt").read_text(encoding="utf-8")
    assert len(build_record(nlp(traditional)).leaders) >= 2


def test_results_survive_to_bytes_and_a_docbin(extractor):
    text = REFERENCE.read_text(encoding="utf-8")
    doc = extractor.nlp(text)
    expected = record_json(doc)
    again = Doc(extractor.nlp.vocab).from_bytes(doc.to_bytes())
    assert record_json(again) == expected
    assert again._.zhnews_leaders[0].name == "楼阳生" and again._.zhnews_leaders[0].mentions[0].start >= 0
    docs = DocBin(store_user_data=True)
    docs.add(doc)
    (restored,) = DocBin().from_bytes(docs.to_bytes()).get_docs(extractor.nlp.vocab)
    assert record_json(restored) == expected
    assert [s.text for s in restored.spans["zhnews_leaders"]] == [s.text for s in doc.spans["zhnews_leaders"]]


@pytest.mark.slow
def test_pipe_with_two_processes_gives_the_same_records(extractor):
    texts = [p.read_text(encoding="utf-8") for p in TEXTS[:4]]
    expected = [record_json(extractor.nlp(t)) for t in texts]
    assert [record_json(d) for d in extractor.nlp.pipe(texts, n_process=2, batch_size=2)] == expected


def _custom_lexicon(tmp_path):
    """A lexicon folder laid over the package's: one more organisation ending."""
    from zhnews.lexicon import Lexicon

    folder = tmp_path / "lexicon"
    folder.mkdir()
    suffixes = Lexicon.from_package().text("org_suffixes.txt")
    (folder / "org_suffixes.txt").write_text(suffixes + "\n工作坊\n", encoding="utf-8")
    return folder


SENTENCE = "签约仪式上，青禾文创工作坊与某县签署合作协议。"


def test_a_lexicon_given_through_initialize_is_saved_with_the_pipeline(tmp_path):
    plain = build_nlp()
    assert "青禾文创工作坊" not in [o.name for o in build_record(plain(SENTENCE)).organizations]
    nlp = build_nlp(lexicon=_custom_lexicon(tmp_path))
    assert "青禾文创工作坊" in [o.name for o in build_record(nlp(SENTENCE)).organizations]
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "zhnews_organizations" / "lexicon" / "org_suffixes.txt").exists()
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    assert record_json(loaded(SENTENCE)) == record_json(nlp(SENTENCE))
    assert "青禾文创工作坊" in [o.name for o in build_record(loaded(SENTENCE)).organizations]
    text = REFERENCE.read_text(encoding="utf-8")
    assert record_json(loaded(text)) == record_json(plain(text))  # nothing else changed


def test_the_lexicon_also_comes_through_spacys_initialize_config(tmp_path):
    nlp = build_nlp()
    folder = _custom_lexicon(tmp_path)
    nlp.get_pipe("zhnews_organizations").initialize(lexicon=str(folder))
    assert "青禾文创工作坊" in [o.name for o in build_record(nlp(SENTENCE)).organizations]
    assert "青禾文创工作坊" not in [o.name for o in build_record(build_nlp()(SENTENCE)).organizations]


def test_component_settings_span_keys_and_extension_names_come_through_the_config():
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhnews_prepare")
    nlp.add_pipe("zhnews_leaders", config={"span_keys": {"mentions": "people", "titles": "posts"},
                                           "extension": "officials"})
    doc = nlp("省委书记楼阳生出席。")
    assert [s.text for s in doc.spans["people"]] == ["楼阳生"] and [s.text for s in doc.spans["posts"]] == ["省委书记"]
    assert doc._.officials[0].name == "楼阳生"
    with pytest.raises(Exception, match="max_lst_items|extra"):
        nlp.add_pipe("zhnews_leaders", name="again", config={"max_lst_items": 3})


def test_nlp_evaluate_scores_every_component_on_examples_from_the_gold_files(extractor):
    scores = extractor.nlp.evaluate(examples(CORPUS / "dev", extractor.nlp)[:12])
    for layer in layers(default_only=True):
        for field in layer.eval_fields:
            if field == "venues":
                continue  # no gold file has venues yet: scored as perfect by its absence
            assert scores[f"{layer.name}_{field}_f"] >= 0.9, (layer.name, field)
    assert scores["zhnews_leaders_leaders_p"] == 1.0


def test_every_layer_is_a_factory_with_an_entry_point():
    found = {e.name: e.value for e in entry_points(group="spacy_factories") if e.name.startswith("zhnews_")}
    for layer in layers():
        assert found.get(layer.name) == f"zhnews.pipeline.factories:{factory_function_name(layer)}", layer.name
    assert set(found) == {layer.name for layer in layers()}


def test_a_users_models_module_does_not_shadow_the_package(tmp_path):
    """A Django or ML project has its own models.py / models/ and extractor.py: nothing of ours is named so."""
    (tmp_path / "models.py").write_text("raise ImportError('the wrong models')\n", encoding="utf-8")
    (tmp_path / "extractor").mkdir()
    (tmp_path / "extractor" / "__init__.py").write_text("raise ImportError('the wrong extractor')\n", encoding="utf-8")
    code = ("from zhnews import extract, Extractor, ArticleRecord\n"
            "r = extract('省委书记楼阳生出席。')\n"
            "assert isinstance(r, ArticleRecord) and r.leaders[0].name == '楼阳生'\n")
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, check=True, capture_output=True)


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["schema"], ["export", "--help"], ["report", "--help"],
                                  ["officials", "--help"]])
def test_the_light_commands_load_no_spacy(argv):
    code = ("import sys\nfrom zhnews.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "assert 'spacy' not in sys.modules and 'jieba' not in sys.modules, sorted(m for m in sys.modules "
            "if m.startswith(('spacy', 'jieba')))[:5]\n")
    result = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True)
    assert result.returncode == 0, result.stderr.decode()


def test_export_and_report_load_no_spacy(tmp_path, extractor):
    pytest.importorskip("duckdb")
    records = tmp_path / "out.jsonl"
    records.write_text(extractor.extract(REFERENCE.read_text(encoding="utf-8"), doc_id="ref").model_dump_json() + "\n",
                       encoding="utf-8")
    code = ("import sys\nfrom zhnews.cli import main\n"
            f"assert main(['export', {str(records)!r}, '--parquet', {str(tmp_path / 'pq')!r}]) == 0\n"
            f"assert main(['report', {str(records)!r}, '-o', {str(tmp_path / 'r.html')!r}]) == 0\n"
            "assert 'spacy' not in sys.modules, 'spacy loaded'\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
