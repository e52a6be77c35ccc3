"""zhnews render: highlighted spans, escaping; the spaCy entry points (the report: test_report.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser

from conftest import REFERENCE

from zhnews.outputs.render import marks, render_record


class Page(HTMLParser):
    """Reads a rendered page back: the article's text with, per character, the kinds highlighting it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.kinds: list[set[str]] = []
        self.stack: list[set[str] | None] = []
        self.in_article = False
        self.depth = 0
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)
        attrs = dict(attrs)
        if attrs.get("id") == "article":
            self.in_article, self.depth = True, 0
        if self.in_article:
            self.depth += 1
            self.stack.append(set(attrs["data-kinds"].split()) if "data-kinds" in attrs else None)

    def handle_endtag(self, tag):
        if self.in_article:
            self.stack.pop()
            self.depth -= 1
            self.in_article = self.depth > 0

    def handle_data(self, data):
        if self.in_article:
            kinds = set().union(*(k for k in self.stack if k))
            self.text.append(data)
            self.kinds.extend([kinds] * len(data))


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def test_every_span_of_the_record_is_highlighted_with_its_kind(extractor):
    text = REFERENCE.read_text(encoding="utf-8")
    record = extractor.extract(text, doc_id=REFERENCE.stem)
    page = parse(render_record(text, record))
    assert "".join(page.text) == text  # the whole article, as written
    spans = marks(record)
    assert {m.kind for m in spans} == {"date", "reporter", "leader", "title", "marker", "heading", "count", "amount", "org",
                                       "venue"}
    for mark in spans:
        assert all(mark.kind in page.kinds[i] for i in range(mark.start, mark.end)), mark
    assert sum(1 for m in spans if m.kind == "leader") == sum(len(x.mentions) for x in record.leaders)


def test_the_page_is_self_contained_utf8_with_a_cjk_font_stack(extractor):
    text = REFERENCE.read_text(encoding="utf-8")
    html = render_record(text, extractor.extract(text))
    assert '<meta charset="utf-8">' in html and "Noto Sans CJK SC" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html
    assert "<script" not in html


def test_a_hostile_article_renders_as_text_and_runs_nothing(extractor):
    text = '市长陈平<script>alert(1)</script>出席。"><img src=x onerror=alert(2)>\n12月18日，全市签约项目12个。'
    html = render_record(text, extractor.extract(text))
    page = parse(html)
    assert "".join(page.text) == text
    assert "script" not in page.tags and "img" not in page.tags
    assert not any(name.startswith("on") for name, _ in page.attributes)


def test_render_command_writes_a_file(tmp_path):
    out = tmp_path / "a.html"
    subprocess.run([sys.executable, "-m", "zhnews.cli", "render", str(REFERENCE), "-o", str(out)], check=True)
    assert "楼阳生" in out.read_text(encoding="utf-8")


ENTRY_POINT_CHECK = """
import json, sys, importlib.metadata as md, spacy
names = sorted(e.name for e in md.entry_points(group="spacy_factories") if e.name.startswith("zhnews_"))
assert "zhnews" not in sys.modules
nlp = spacy.blank("zh")
for name in sys.argv[1].split(","):
    nlp.add_pipe(name)
doc = nlp(sys.stdin.read())
print(json.dumps({"names": names, "pipes": nlp.pipe_names,
                  "spans": {k: [[s.start_char, s.end_char, s.label_] for s in g] for k, g in doc.spans.items()}}))
"""


def test_components_work_by_name_in_a_users_blank_pipeline(extractor):
    from zhnews.pipeline import pipe_names
    from zhnews.text.normalize import normalize

    text = normalize(REFERENCE.read_text(encoding="utf-8")).text
    command = [sys.executable, "-c", ENTRY_POINT_CHECK, ",".join(pipe_names())]
    result = subprocess.run(command, input=text.encode(), capture_output=True, check=True)
    theirs = json.loads(result.stdout)
    assert set(theirs["names"]) == {*pipe_names(), "zhnews_ner"}  # the optional NER layer is registered too
    ours = extractor.nlp(text)
    expected = {k: [[s.start_char, s.end_char, s.label_] for s in g] for k, g in ours.spans.items()}
    assert theirs["spans"] == expected
    assert len(expected["zhnews_leaders"]) > 10
